import type { PublicComplaintBody, PublicComplaintCreated } from '@fazhi/contracts';
import { AppError } from '../../../platform/errors.ts';
import { auditor, runSystem, type Actor, type Platform } from '../../../platform/platform.ts';
import { enqueueMessage } from '../../../platform/outbox/outbox.ts';
import { maskPhone } from '../../../platform/crypto/mask.ts';
import { writeComplaint } from './register-complaint.ts';

/**
 * 网上投诉: a citizen's complaint on the portal becomes a complaint case of the township, with a
 * tracking number and a query code, shown once and sent by SMS (in the same transaction, under
 * a savepoint: a failure to queue the SMS never costs the complaint). Everyone who may handle
 * complaints at the township is told (createCase). A retry with the same Idempotency-Key
 * returns the first case and sends nothing.
 */
export const submitComplaintOnline = (platform: Platform, actor: Actor, b: PublicComplaintBody, idempotencyKey: string | null): Promise<PublicComplaintCreated> =>
  runSystem(platform, async (c) => {
    const township = (await c.query<{ id: string; name: string }>(
      `SELECT id, name FROM orgs WHERE kind = 'township' AND ($1::text IS NULL OR code = $1) ORDER BY sort_order, code LIMIT 1`, [b.township ?? null])).rows[0];
    if (!township) throw new AppError('NOT_FOUND');
    const ctx = { client: c, actor, principal: null, audit: auditor(c, actor), engine: platform.cases };
    const kase = await writeComplaint(ctx, {
      orgId: township.id, channel: 'portal', category: b.category, subject: b.subject, facts: b.facts, complainant: { name: b.complainant.name, phone: b.complainant.phone }, idempotencyKey,
    }, 'public');
    let smsTo: string | null = null;
    if (!kase.replayed && kase.trackingNo && kase.queryCode) {
      await c.query('SAVEPOINT complainant_sms');
      try {
        await enqueueMessage(c, platform.keys.fields, {
          channel: 'sms', to: b.complainant.phone, template: 'application.received', townshipId: township.id,
          params: { township: township.name, matter: { zh: '投诉', en: 'complaint' }, trackingNo: kase.trackingNo, queryCode: kase.queryCode },
        });
        await c.query('RELEASE SAVEPOINT complainant_sms');
        smsTo = maskPhone(b.complainant.phone);
      } catch (err) {
        await c.query('ROLLBACK TO SAVEPOINT complainant_sms');
        platform.log.error({ err, caseId: kase.id }, 'online complaint: the complainant SMS could not be queued');
      }
    }
    return { ref: kase.ref, trackingNo: kase.trackingNo, queryCode: kase.queryCode, replayed: kase.replayed, smsTo };
  });
