import { AppError } from '../errors.ts';
import { auditor, runSystem, type Actor, type Platform } from '../platform.ts';
import { enqueueMessage } from '../outbox/outbox.ts';
import { maskPhone } from '../crypto/mask.ts';
import type { Client } from '../db/pools.ts';
import type { Label } from './definition.ts';
import type { CaseCtx } from './context.ts';
import type { CreatedCase } from './create-case.ts';

/** Where a citizen's submission lands: the org that receives it and the township that signs the receipt (【张八桥镇】). */
export type IntakePlace = { orgId: string; townshipId: string; township: string };

/** What a portal submission answers: the case, and the applicant's phone, masked, when the receipt SMS was queued to it. */
export type PublicSubmission = CreatedCase & { smsTo: string | null };

/**
 * A village or the township itself, as a citizen picks it on the portal; the township is the
 * receipt's signer. Undefined for anything else (an office, a grid, an unknown id).
 */
export const villageOrTownship = async (c: Client, orgId: string): Promise<(IntakePlace & { name: string; kind: 'village' | 'township' }) | undefined> =>
  (await c.query<IntakePlace & { name: string; kind: 'village' | 'township' }>(
    `SELECT v.id AS "orgId", v.name, v.kind, t.id AS "townshipId", t.name AS township
       FROM orgs v JOIN orgs t ON t.id = CASE WHEN v.kind = 'township' THEN v.id ELSE v.township_id END
      WHERE v.id = $1 AND v.kind IN ('village', 'township')`, [orgId])).rows[0];

/**
 * A township by its code, or the first one when the portal does not say (a single-township
 * installation). With `office`, the township's office of that name receives the submission
 * when there is one (the disclosure office is the 党政办), else the township itself.
 */
export const townshipByCode = async (c: Client, code: string | null, office?: string): Promise<IntakePlace | undefined> =>
  (await c.query<IntakePlace>(
    `SELECT coalesce(o.id, t.id) AS "orgId", t.id AS "townshipId", t.name AS township
       FROM orgs t LEFT JOIN orgs o ON $2::text IS NOT NULL AND o.parent_id = t.id AND o.kind = 'office' AND o.name = $2
      WHERE t.kind = 'township' AND ($1::text IS NULL OR t.code = $1) ORDER BY t.sort_order, t.code LIMIT 1`, [code, office ?? null])).rows[0];

/**
 * Every online submission (网上申请调解, 网上信访, 依申请公开, 网上投诉, 随手拍) goes the same way:
 * in one transaction on the system connection, the place is resolved (an unknown one is
 * NOT_FOUND and nothing is written), the module registers its case through the engine, and
 * the tracking number and query code are queued by SMS to the submitter. The SMS is queued
 * under a savepoint, so a failure to queue it (the job queue not installed, a template
 * error) is logged and never costs the citizen the submission; the number and code are on
 * the screen in any case. A retried submission (the same Idempotency-Key) returns the first
 * case and sends nothing.
 */
export const takePublicSubmission = <P extends IntakePlace>(platform: Platform, actor: Actor, s: {
  /** The place the citizen chose; undefined when it does not exist or may not receive this matter. */
  place: (ctx: CaseCtx) => Promise<P | undefined>;
  register: (ctx: CaseCtx, place: P) => Promise<CreatedCase>;
  /** Where the receipt goes and what it calls the matter (the SMS template's `matter`); none when the citizen gave no phone. */
  receipt: { phone: string; matter: Label } | null;
}): Promise<PublicSubmission> =>
  runSystem(platform, async (c) => {
    const ctx: CaseCtx = { client: c, actor, principal: null, audit: auditor(c, actor), engine: platform.cases };
    const place = await s.place(ctx);
    if (!place) throw new AppError('NOT_FOUND');
    const kase = await s.register(ctx, place);
    let smsTo: string | null = null;
    if (s.receipt && !kase.replayed && kase.trackingNo && kase.queryCode) {
      await c.query('SAVEPOINT submitter_sms');
      try {
        await enqueueMessage(c, platform.keys.fields, {
          channel: 'sms', to: s.receipt.phone, template: 'application.received', townshipId: place.townshipId,
          params: { township: place.township, matter: s.receipt.matter, trackingNo: kase.trackingNo, queryCode: kase.queryCode },
        });
        await c.query('RELEASE SAVEPOINT submitter_sms');
        smsTo = maskPhone(s.receipt.phone);
      } catch (err) {
        await c.query('ROLLBACK TO SAVEPOINT submitter_sms');
        platform.log.error({ err, caseId: kase.id }, 'online submission: the receipt SMS could not be queued');
      }
    }
    return { ...kase, smsTo };
  });
