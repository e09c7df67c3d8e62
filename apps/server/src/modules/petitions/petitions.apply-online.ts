import type { PetitionApplicationBody } from '@fazhi/contracts';
import { AppError } from '../../platform/errors.ts';
import type { Actor, Platform } from '../../platform/platform.ts';
import { createCase } from '../../platform/cases/create-case.ts';
import { takePublicSubmission, villageOrTownship, type PublicSubmission } from '../../platform/cases/public-intake.ts';
import { petitionCategories } from './petitions.workflow.ts';

/**
 * 我要信访 (信访工作条例 第十七条 网上信访; 第二十一条 registered like every matter): a citizen's
 * petition from the portal becomes a petition of the township the chosen village belongs to
 * (its 信访办 answers it), with a tracking number and a query code, also sent by SMS. The
 * repeat rule applies as at the counter: the same person's same matter in hand is refused
 * with the earlier matter named (第十九条). A retried submission returns the first case.
 */
export const submitPetition = (platform: Platform, actor: Actor, b: PetitionApplicationBody, idempotencyKey: string | null): Promise<PublicSubmission> => {
  if (!(petitionCategories as readonly string[]).includes(b.category)) throw new AppError('VALIDATION', { field: 'category' });
  return takePublicSubmission(platform, actor, {
    place: (ctx) => villageOrTownship(ctx.client, b.villageId),
    register: (ctx, place) => createCase(ctx, {
      type: 'petition', orgId: place.townshipId, source: 'public', tracking: true, idempotencyKey, category: b.category,
      title: b.title, body: `信访请求：${b.request}\n事实和理由：${b.facts}`,
      data: { channel: '网上', ...(place.kind === 'village' ? { villageId: place.orgId } : {}), request: b.request, facts: b.facts },
      parties: [{ kind: 'person', role: '信访人', name: b.petitioner.name, phone: b.petitioner.phone, idNumber: b.petitioner.idNumber ?? null, address: b.petitioner.address ?? null }],
    }),
    receipt: { phone: b.petitioner.phone, matter: { zh: '信访事项', en: 'petition' } },
  });
};
