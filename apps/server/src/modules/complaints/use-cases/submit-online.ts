import type { PublicComplaintBody, PublicComplaintCreated } from '@fazhi/contracts';
import type { Actor, Platform } from '../../../platform/platform.ts';
import { takePublicSubmission, townshipByCode } from '../../../platform/cases/public-intake.ts';
import { writeComplaint } from './register-complaint.ts';

/**
 * 网上投诉: a citizen's complaint on the portal becomes a complaint case of the township, with a
 * tracking number and a query code, shown once and sent by SMS. Everyone who may handle
 * complaints at the township is told (createCase). A retry with the same Idempotency-Key
 * returns the first case and sends nothing.
 */
export const submitComplaintOnline = async (platform: Platform, actor: Actor, b: PublicComplaintBody, idempotencyKey: string | null): Promise<PublicComplaintCreated> => {
  const kase = await takePublicSubmission(platform, actor, {
    place: (ctx) => townshipByCode(ctx.client, b.township ?? null),
    register: (ctx, township) => writeComplaint(ctx, {
      orgId: township.orgId, channel: 'portal', category: b.category, subject: b.subject, facts: b.facts, complainant: { name: b.complainant.name, phone: b.complainant.phone }, idempotencyKey,
    }, 'public'),
    receipt: { phone: b.complainant.phone, matter: { zh: '投诉', en: 'complaint' } },
  });
  return { ref: kase.ref, trackingNo: kase.trackingNo, queryCode: kase.queryCode, replayed: kase.replayed, smsTo: kase.smsTo };
};
