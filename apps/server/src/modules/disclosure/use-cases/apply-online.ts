import type { DisclosureApplicationBody } from '@fazhi/contracts';
import { AppError } from '../../../platform/errors.ts';
import { auditor, runSystem, type Actor, type Platform } from '../../../platform/platform.ts';
import { createCase, type CreatedCase } from '../../../platform/cases/create-case.ts';
import { enqueueMessage } from '../../../platform/outbox/outbox.ts';
import { maskPhone } from '../../../platform/crypto/mask.ts';
import type { Client } from '../../../platform/db/pools.ts';

export type AppliedDisclosure = CreatedCase & { smsTo: string | null };

/** The office of a township that handles disclosure requests: its 党政办 (the demo's `dzb`), else the township itself. */
const disclosureOffice = async (c: Client, townshipCode: string | null): Promise<{ id: string; township_id: string; township: string } | undefined> => (await c.query<{ id: string; township_id: string; township: string }>(
  `SELECT coalesce(o.id, t.id) AS id, t.id AS township_id, t.name AS township
     FROM orgs t LEFT JOIN orgs o ON o.parent_id = t.id AND o.kind = 'office' AND o.name = '党政办'
    WHERE t.kind = 'township' AND ($1::text IS NULL OR t.code = $1) ORDER BY t.sort_order, t.code LIMIT 1`, [townshipCode])).rows[0];

const queueReceipt = async (platform: Platform, c: Client, kase: CreatedCase, to: string, townshipId: string, township: string): Promise<boolean> => {
  if (!kase.trackingNo || !kase.queryCode) return false;
  await c.query('SAVEPOINT applicant_sms');
  try {
    await enqueueMessage(c, platform.keys.fields, {
      channel: 'sms', to, template: 'application.received', townshipId,
      params: { township, matter: { zh: '政府信息公开申请', en: 'request for government information' }, trackingNo: kase.trackingNo, queryCode: kase.queryCode },
    });
    await c.query('RELEASE SAVEPOINT applicant_sms');
    return true;
  } catch (err) {
    await c.query('ROLLBACK TO SAVEPOINT applicant_sms');
    platform.log.error({ err, caseId: kase.id }, 'online disclosure request: the applicant SMS could not be queued');
    return false;
  }
};

/**
 * 网上申请政府信息公开: the application becomes a disclosure request at the township's
 * disclosure office with a tracking number and query code (also sent by SMS). Received on the
 * day it is submitted: online, 第三十一条第三项 takes the day both sides confirm, and the
 * portal's on-screen receipt with its number is that confirmation. Identity data sealed by
 * the engine. A retried submission (same Idempotency-Key) returns the first case.
 */
export const applyForDisclosure = (platform: Platform, actor: Actor, b: DisclosureApplicationBody, township: string | null, idempotencyKey: string | null): Promise<AppliedDisclosure> => {
  if (b.applicant.type !== 'citizen' && !b.applicant.organisationKind) throw new AppError('VALIDATION', { field: 'applicant.organisationKind' });
  if (b.delivery === 'email' && !b.applicant.email) throw new AppError('VALIDATION', { field: 'applicant.email' });
  return runSystem(platform, async (c) => {
    const office = await disclosureOffice(c, township);
    if (!office) throw new AppError('NOT_FOUND');
    const a = b.applicant;
    const kase = await createCase({ client: c, actor, principal: null, audit: auditor(c, actor), engine: platform.cases }, {
      type: 'disclosure', orgId: office.id, source: 'public', tracking: true, idempotencyKey,
      title: `申请公开：${b.information.slice(0, 40)}${b.information.length > 40 ? '…' : ''}`, body: b.information,
      parties: [{ kind: a.type === 'citizen' ? 'person' : 'enterprise', role: '申请人', name: a.name, phone: a.phone, idNumber: a.idNumber, address: a.address ?? null }],
      data: {
        channel: 'portal', receiptRule: 'both_confirmed', applicantType: a.type, ...(a.organisationKind && a.type !== 'citizen' ? { organisationKind: a.organisationKind } : {}),
        information: b.information, form: b.form, delivery: b.delivery, ...(a.email ? { email: a.email } : {}),
      },
    });
    const queued = await queueReceipt(platform, c, kase, a.phone, office.township_id, office.township);
    return { ...kase, smsTo: queued ? maskPhone(a.phone) : null };
  });
};
