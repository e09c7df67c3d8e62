import { AppError } from '../../../platform/errors.ts';
import type { Actor, Platform } from '../../../platform/platform.ts';
import { createCase } from '../../../platform/cases/create-case.ts';
import { takePublicSubmission, villageOrTownship, type PublicSubmission } from '../../../platform/cases/public-intake.ts';
import { disputeCategories } from '../mediation.workflow.ts';
import type { ApplicationBody } from '@fazhi/contracts';

/**
 * 网上申请人民调解: a citizen's application on the portal becomes a mediation case of the chosen
 * village (or the township), with a tracking number and a query code, which are also sent to
 * the applicant's phone. A retried submission (the same Idempotency-Key) returns the first case
 * and sends nothing.
 */
export const applyOnline = (platform: Platform, actor: Actor, b: ApplicationBody, idempotencyKey: string | null): Promise<PublicSubmission> => {
  if (!(disputeCategories as readonly string[]).includes(b.category)) throw new AppError('VALIDATION', { field: 'category' });
  return takePublicSubmission(platform, actor, {
    place: (ctx) => villageOrTownship(ctx.client, b.villageId),
    register: (ctx, village) => createCase(ctx, {
      type: 'mediation', orgId: village.orgId, source: 'public', tracking: true, idempotencyKey, category: b.category,
      title: `${village.name}${b.category}纠纷`, body: `事实与理由：${b.facts}\n调解请求：${b.claims}`,
      parties: [
        { kind: 'person', role: '申请人', name: b.applicant.name, phone: b.applicant.phone, idNumber: b.applicant.idNumber ?? null, address: b.applicant.address ?? null },
        { kind: 'person', role: '被申请人', name: b.respondent.name, phone: b.respondent.phone ?? null, address: b.respondent.address ?? null },
      ],
    }),
    receipt: { phone: b.applicant.phone, matter: { zh: '人民调解申请', en: 'application for mediation' } },
  });
};
