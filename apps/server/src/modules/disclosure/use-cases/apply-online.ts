import type { DisclosureApplicationBody } from '@fazhi/contracts';
import { AppError } from '../../../platform/errors.ts';
import type { Actor, Platform } from '../../../platform/platform.ts';
import { createCase } from '../../../platform/cases/create-case.ts';
import { takePublicSubmission, townshipByCode, type PublicSubmission } from '../../../platform/cases/public-intake.ts';

/**
 * 网上申请政府信息公开: the application becomes a disclosure request at the township's
 * disclosure office (its 党政办, else the township itself) with a tracking number and query
 * code (also sent by SMS). Received on the day it is submitted: online, 第三十一条第三项 takes
 * the day both sides confirm, and the portal's on-screen receipt with its number is that
 * confirmation. Identity data sealed by the engine. A retried submission (same
 * Idempotency-Key) returns the first case.
 */
export const applyForDisclosure = (platform: Platform, actor: Actor, b: DisclosureApplicationBody, township: string | null, idempotencyKey: string | null): Promise<PublicSubmission> => {
  if (b.applicant.type !== 'citizen' && !b.applicant.organisationKind) throw new AppError('VALIDATION', { field: 'applicant.organisationKind' });
  if (b.delivery === 'email' && !b.applicant.email) throw new AppError('VALIDATION', { field: 'applicant.email' });
  const a = b.applicant;
  return takePublicSubmission(platform, actor, {
    place: (ctx) => townshipByCode(ctx.client, township, '党政办'),
    register: (ctx, office) => createCase(ctx, {
      type: 'disclosure', orgId: office.orgId, source: 'public', tracking: true, idempotencyKey,
      title: `申请公开：${b.information.slice(0, 40)}${b.information.length > 40 ? '…' : ''}`, body: b.information,
      parties: [{ kind: a.type === 'citizen' ? 'person' : 'enterprise', role: '申请人', name: a.name, phone: a.phone, idNumber: a.idNumber, address: a.address ?? null }],
      data: {
        channel: 'portal', receiptRule: 'both_confirmed', applicantType: a.type, ...(a.organisationKind && a.type !== 'citizen' ? { organisationKind: a.organisationKind } : {}),
        information: b.information, form: b.form, delivery: b.delivery, ...(a.email ? { email: a.email } : {}),
      },
    }),
    receipt: { phone: a.phone, matter: { zh: '政府信息公开申请', en: 'request for government information' } },
  });
};
