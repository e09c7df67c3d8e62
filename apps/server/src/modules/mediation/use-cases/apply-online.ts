import { AppError } from '../../../platform/errors.ts';
import { auditor, runSystem, type Actor, type Platform } from '../../../platform/platform.ts';
import { createCase, type CreatedCase } from '../../../platform/cases/create-case.ts';
import { enqueueMessage } from '../../../platform/outbox/outbox.ts';
import { maskPhone } from '../../../platform/crypto/mask.ts';
import type { Client } from '../../../platform/db/pools.ts';
import { disputeCategories } from '../mediation.workflow.ts';
import type { ApplicationBody } from '@fazhi/contracts';

export type AppliedCase = CreatedCase & {
  /** The applicant's phone, masked, when the tracking number and query code were queued to it by SMS. */
  smsTo: string | null;
};

/**
 * Queues the SMS with the tracking number and query code, in the application's transaction:
 * the message exists exactly when the case does. Under a savepoint, so that a failure to queue
 * it (the job queue not installed, a template error) is logged and never costs the citizen
 * the application itself; the number and code are on the screen in any case.
 */
const queueReceipt = async (platform: Platform, c: Client, kase: CreatedCase, to: string, townshipId: string, township: string): Promise<boolean> => {
  if (!kase.trackingNo || !kase.queryCode) return false;
  await c.query('SAVEPOINT applicant_sms');
  try {
    await enqueueMessage(c, platform.keys.fields, {
      channel: 'sms', to, template: 'application.received', townshipId,
      params: { township, matter: { zh: '人民调解申请', en: 'application for mediation' }, trackingNo: kase.trackingNo, queryCode: kase.queryCode },
    });
    await c.query('RELEASE SAVEPOINT applicant_sms');
    return true;
  } catch (err) {
    await c.query('ROLLBACK TO SAVEPOINT applicant_sms');
    platform.log.error({ err, caseId: kase.id }, 'online application: the applicant SMS could not be queued');
    return false;
  }
};

/**
 * 网上申请人民调解: a citizen's application on the portal becomes a mediation case of the chosen
 * village, with a tracking number and a query code, which are also sent to the applicant's
 * phone. A retried submission (the same Idempotency-Key) returns the first case and sends nothing.
 */
export const applyOnline = (platform: Platform, actor: Actor, b: ApplicationBody, idempotencyKey: string | null): Promise<AppliedCase> => {
  if (!(disputeCategories as readonly string[]).includes(b.category)) throw new AppError('VALIDATION', { field: 'category' });
  return runSystem(platform, async (c) => {
    // The township signs the SMS (【张八桥镇】); an application to the township itself is its own.
    const village = (await c.query<{ id: string; name: string; township_id: string; township: string }>(
      `SELECT v.id, v.name, t.id AS township_id, t.name AS township
         FROM orgs v JOIN orgs t ON t.id = CASE WHEN v.kind = 'township' THEN v.id ELSE v.township_id END
        WHERE v.id = $1 AND v.kind IN ('village', 'township')`, [b.villageId])).rows[0];
    if (!village) throw new AppError('NOT_FOUND');
    const kase = await createCase({ client: c, actor, principal: null, audit: auditor(c, actor), engine: platform.cases }, {
      type: 'mediation', orgId: village.id, source: 'public', tracking: true, idempotencyKey, category: b.category,
      title: `${village.name}${b.category}纠纷`, body: `事实与理由：${b.facts}\n调解请求：${b.claims}`,
      parties: [
        { kind: 'person', role: '申请人', name: b.applicant.name, phone: b.applicant.phone, idNumber: b.applicant.idNumber ?? null, address: b.applicant.address ?? null },
        { kind: 'person', role: '被申请人', name: b.respondent.name, phone: b.respondent.phone ?? null, address: b.respondent.address ?? null },
      ],
    });
    const queued = await queueReceipt(platform, c, kase, b.applicant.phone, village.township_id, village.township);
    return { ...kase, smsTo: queued ? maskPhone(b.applicant.phone) : null };
  });
};
