import type { ComplaintCreated, ComplaintIntakeBody } from '@fazhi/contracts';
import { defaultOrgOf } from '../../../platform/access/scope.ts';
import { AppError } from '../../../platform/errors.ts';
import type { CaseCtx } from '../../../platform/cases/context.ts';
import { createCase } from '../../../platform/cases/create-case.ts';
import { complaintCategories, type ComplaintChannel } from '../complaints.workflow.ts';

/** A complaint as the module writes it, from the desk, the portal or an imported work order. */
export type ComplaintInput = {
  orgId: string; channel: ComplaintChannel; category: string; subject: string; facts: string;
  complainant: { name: string; phone?: string | null; address?: string | null };
  workOrderNo?: string | null; workOrderDue?: string | null; receivedOn?: string; idempotencyKey?: string | null;
};

const channelZh: Record<ComplaintChannel, string> = { portal: '网上投诉', phone: '电话', hotline: '12345热线工单', visit: '来访' };

export const isComplaintCategory = (c: string): boolean => (complaintCategories as readonly string[]).includes(c);

/** The title a list shows: the matter complained about and the first words of what was said. */
const titleOf = (subject: string, facts: string): string => {
  const t = [...`${subject}：${facts.replace(/\s+/g, ' ').trim()}`];
  return t.length > 60 ? `${t.slice(0, 59).join('')}…` : t.join('');
};

/** The township already has a complaint with this work-order number (as far as the caller can see). */
export const workOrderRef = async (ctx: CaseCtx, townshipId: string, workOrderNo: string): Promise<string | null> =>
  (await ctx.client.query<{ ref: string }>(
    `SELECT ref FROM cases WHERE township_id = $1 AND case_type = 'complaint' AND data ->> 'workOrderNo' = $2`, [townshipId, workOrderNo])).rows[0]?.ref ?? null;

/**
 * Opens a complaint through the case engine: the complainant a party (phone and address
 * sealed), the channel and the matter in the case's data, the reply clock started by the
 * engine (its length by the township's setting for the category). A 12345 work order needs
 * its number, which the township holds once. A phone or walk-in complaint gets a tracking
 * number and query code for the clerk to pass on; a work order is followed through 12345.
 */
export const writeComplaint = async (ctx: CaseCtx, input: ComplaintInput, source: 'staff' | 'public' | 'hotline'): Promise<ComplaintCreated> => {
  if (!isComplaintCategory(input.category)) throw new AppError('VALIDATION', { field: 'category' });
  const workOrderNo = input.workOrderNo?.trim() || null;
  if (input.channel === 'hotline' && !workOrderNo) throw new AppError('COMPLAINT_WORK_ORDER_REQUIRED', { field: 'workOrderNo' });
  if (input.channel !== 'hotline' && (workOrderNo || input.workOrderDue)) throw new AppError('VALIDATION', { field: 'workOrderNo', reason: 'only a 12345 work order has one' });
  const township = (await ctx.client.query<{ township_id: string | null }>(
    `SELECT CASE WHEN kind = 'township' THEN id ELSE township_id END AS township_id FROM orgs WHERE id = $1`, [input.orgId])).rows[0]?.township_id;
  if (workOrderNo && township) {
    const ref = await workOrderRef(ctx, township, workOrderNo);
    if (ref) throw new AppError('COMPLAINT_WORK_ORDER_TAKEN', { field: 'workOrderNo', ref });
  }
  if (input.workOrderDue && input.workOrderDue < (input.receivedOn ?? ctx.engine.today())) throw new AppError('VALIDATION', { field: 'workOrderDue', reason: 'before the day received' });
  // The case page and the search show the body: the matter, the work order and its due date, then what was said.
  const body = [
    `投诉渠道：${channelZh[input.channel]}`, `被投诉单位或事项：${input.subject}`,
    ...(workOrderNo ? [`12345工单编号：${workOrderNo}`] : []), ...(input.workOrderDue ? [`工单办理时限：${input.workOrderDue}`] : []),
    `投诉内容：${input.facts}`,
  ].join('\n');
  const created = await createCase(ctx, {
    type: 'complaint', orgId: input.orgId, source, category: input.category, title: titleOf(input.subject, input.facts), body,
    ...(input.receivedOn ? { receivedOn: input.receivedOn } : {}), idempotencyKey: input.idempotencyKey ?? null,
    tracking: input.channel === 'phone' || input.channel === 'visit' || input.channel === 'portal',
    data: {
      channel: input.channel, subject: input.subject, facts: input.facts,
      ...(workOrderNo ? { workOrderNo } : {}), ...(input.workOrderDue ? { workOrderDue: input.workOrderDue } : {}),
    },
    parties: [{ kind: 'person', role: '投诉人', name: input.complainant.name, phone: input.complainant.phone ?? null, address: input.complainant.address ?? null }],
  });
  return { id: created.id, ref: created.ref, trackingNo: created.trackingNo, queryCode: created.queryCode, replayed: created.replayed };
};

/** The desk's intake: registered where the clerk says, else where the clerk's grant to handle complaints sits. */
export const registerComplaint = async (ctx: CaseCtx, b: ComplaintIntakeBody, idempotencyKey: string | null): Promise<ComplaintCreated> => {
  if (!ctx.principal) throw new AppError('FORBIDDEN');
  const orgId = b.orgId ?? defaultOrgOf(ctx.principal, 'petition.handle');
  return writeComplaint(ctx, { ...b, orgId, idempotencyKey }, b.channel === 'hotline' ? 'hotline' : 'staff');
};
