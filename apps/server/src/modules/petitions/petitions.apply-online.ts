import type { PetitionApplicationBody } from '@fazhi/contracts';
import { AppError } from '../../platform/errors.ts';
import { auditor, runSystem, type Actor, type Platform } from '../../platform/platform.ts';
import { createCase, type CreatedCase } from '../../platform/cases/create-case.ts';
import { enqueueMessage } from '../../platform/outbox/outbox.ts';
import { maskPhone } from '../../platform/crypto/mask.ts';
import { petitionCategories } from './petitions.workflow.ts';

export type SubmittedPetition = CreatedCase & { smsTo: string | null };

/**
 * 我要信访 (信访工作条例 第十七条 网上信访; 第二十一条 registered like every matter): a citizen's
 * petition from the portal becomes a petition of the township the chosen village belongs to
 * (its 信访办 answers it), with a tracking number and a query code, also sent by SMS. The
 * repeat rule applies as at the counter: the same person's same matter in hand is refused
 * with the earlier matter named (第十九条). A retried submission returns the first case.
 */
export const submitPetition = (platform: Platform, actor: Actor, b: PetitionApplicationBody, idempotencyKey: string | null): Promise<SubmittedPetition> => {
  if (!(petitionCategories as readonly string[]).includes(b.category)) throw new AppError('VALIDATION', { field: 'category' });
  return runSystem(platform, async (c) => {
    const place = (await c.query<{ id: string; name: string; kind: string; township_id: string; township: string }>(
      `SELECT v.id, v.name, v.kind, t.id AS township_id, t.name AS township
         FROM orgs v JOIN orgs t ON t.id = CASE WHEN v.kind = 'township' THEN v.id ELSE v.township_id END
        WHERE v.id = $1 AND v.kind IN ('village', 'township')`, [b.villageId])).rows[0];
    if (!place) throw new AppError('NOT_FOUND');
    const kase = await createCase({ client: c, actor, principal: null, audit: auditor(c, actor), engine: platform.cases }, {
      type: 'petition', orgId: place.township_id, source: 'public', tracking: true, idempotencyKey, category: b.category,
      title: b.title, body: `信访请求：${b.request}\n事实和理由：${b.facts}`,
      data: { channel: '网上', ...(place.kind === 'village' ? { villageId: place.id } : {}), request: b.request, facts: b.facts },
      parties: [{ kind: 'person', role: '信访人', name: b.petitioner.name, phone: b.petitioner.phone, idNumber: b.petitioner.idNumber ?? null, address: b.petitioner.address ?? null }],
    });
    let smsTo: string | null = null;
    if (kase.trackingNo && kase.queryCode && !kase.replayed) {
      // Under a savepoint: a message that cannot be queued never costs the citizen the petition.
      await c.query('SAVEPOINT petitioner_sms');
      try {
        await enqueueMessage(c, platform.keys.fields, {
          channel: 'sms', to: b.petitioner.phone, template: 'application.received', townshipId: place.township_id,
          params: { township: place.township, matter: { zh: '信访事项', en: 'petition' }, trackingNo: kase.trackingNo, queryCode: kase.queryCode },
        });
        await c.query('RELEASE SAVEPOINT petitioner_sms');
        smsTo = maskPhone(b.petitioner.phone);
      } catch (err) {
        await c.query('ROLLBACK TO SAVEPOINT petitioner_sms');
        platform.log.error({ err, caseId: kase.id }, 'petition: the SMS could not be queued');
      }
    }
    return { ...kase, smsTo };
  });
};
