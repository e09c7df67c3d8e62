import type { Client } from '../../../platform/db/pools.ts';
import { AppError } from '../../../platform/errors.ts';
import type { ReplyType, WithholdReason } from '../disclosure.workflow.ts';
import { disclosureFee, type Fee, type FeeMethod } from '../disclosure.fees.ts';

export type DisclosureReply = {
  replyType: ReplyType; location: string | null; withholdReason: WithholdReason | null; reason: string | null; provided: string | null;
  agency: string | null; agencyContact: string | null; regime: string | null; earlierRef: string | null; pages: number | null; feeMethod: FeeMethod | null;
};
export type Extension = { length: number; reason: string; at: string };

/** Everything a disclosure document is filled from (no sealed personal data: names only). */
export type DisclosureFile = {
  caseId: string; ref: string; title: string; receivedOn: string; status: string;
  /** 张八桥镇人民政府: the agency that answers (the township government), and the one above it for administrative review. */
  agency: string; reviewAgency: string; orgName: string;
  applicant: string; applicantType: string | null; information: string; channel: string | null; form: string | null; delivery: string | null;
  parties: { id: string; sealedFields: readonly string[] }[];
  on: ReadonlyMap<string, string>;
  correction: { items: string; due: string | null } | null;
  reply: DisclosureReply | null;
  replyDue: string | null; extensions: Extension[];
  /** The fee the reply charges, computed from the records (the month's count of the applicant's requests, or the pages). */
  fee: Fee | null;
  /** The fee notice (国办函〔2020〕109号 第七条): the amount, computed as for the reply, and the day payment is due. */
  feeNotice: { fee: Fee; due: string | null } | null;
};

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/**
 * Which request of the month this is for its applicant (国办函〔2020〕109号 按件计收): the
 * township's disclosure requests whose first party has the same ID number (by its blind
 * index), received in the same calendar month, up to and including this one.
 */
export const monthOrdinal = async (c: Client, caseId: string): Promise<number> => (await c.query<{ n: number }>(
  `WITH me AS (SELECT k.id, k.township_id, k.received_on, k.created_at, p.id_number_bidx
                 FROM cases k JOIN LATERAL (SELECT id_number_bidx FROM case_parties WHERE case_id = k.id ORDER BY sort_order, id LIMIT 1) p ON true
                WHERE k.id = $1)
   SELECT CASE WHEN me.id_number_bidx IS NULL THEN 1 ELSE (
     SELECT count(*)::int FROM cases k JOIN LATERAL (SELECT id_number_bidx FROM case_parties WHERE case_id = k.id ORDER BY sort_order, id LIMIT 1) p ON true
      WHERE k.case_type = 'disclosure' AND k.township_id = me.township_id AND p.id_number_bidx = me.id_number_bidx
        AND date_trunc('month', k.received_on) = date_trunc('month', me.received_on)
        AND (k.received_on, k.created_at) <= (me.received_on, me.created_at)) END AS n
     FROM me`, [caseId])).rows[0]?.n ?? 1;

/** Loads a disclosure case for its documents, in the caller's scoped transaction (row-level security). */
export const loadDisclosureFile = async (c: Client, _keys: unknown, caseId: string): Promise<DisclosureFile> => {
  const k = (await c.query<{ id: string; ref: string; title: string; received_on: string; status: string; data: Record<string, unknown>; steps: Record<string, unknown>;
    org_name: string; township: string; county: string | null }>(
    `SELECT k.id, k.ref, k.title, to_char(k.received_on, 'YYYY-MM-DD') AS received_on, k.status, k.data, k.steps, o.name AS org_name, t.name AS township, p.name AS county
       FROM cases k JOIN orgs o ON o.id = k.org_id JOIN orgs t ON t.id = k.township_id LEFT JOIN orgs p ON p.id = t.parent_id
      WHERE k.id = $1 AND k.case_type = 'disclosure'`, [caseId])).rows[0];
  if (!k) throw new AppError('NOT_FOUND');
  const parties = (await c.query<{ id: string; name: string; id_number_enc: Buffer | null; phone_enc: Buffer | null; address_enc: Buffer | null }>(
    'SELECT id, name, id_number_enc, phone_enc, address_enc FROM case_parties WHERE case_id = $1 ORDER BY sort_order, id', [caseId])).rows;
  const events = (await c.query<{ transition: string; on: string }>(
    `SELECT transition, coalesce(payload ->> 'on', to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')) AS on
       FROM case_events WHERE case_id = $1 AND kind = 'transition' ORDER BY id`, [caseId])).rows;
  const clocks = (await c.query<{ key: string; due_date: string; extensions: { length: number; reason: string; at: string }[] }>(
    `SELECT key, to_char(due_date, 'YYYY-MM-DD') AS due_date, extensions FROM case_deadlines WHERE case_id = $1`, [caseId])).rows;
  const d = k.data;
  const ask = obj(k.steps.ask_correction);
  const r = obj(k.steps.reply);
  const replyType = str(r.replyType) as ReplyType | null;
  const reply: DisclosureReply | null = replyType ? {
    replyType, location: str(r.location), withholdReason: str(r.withholdReason) as WithholdReason | null, reason: str(r.reason), provided: str(r.provided),
    agency: str(r.agency), agencyContact: str(r.agencyContact), regime: str(r.regime), earlierRef: str(r.earlierRef),
    pages: typeof r.pages === 'number' ? r.pages : null, feeMethod: r.feeMethod === 'count' || r.feeMethod === 'pages' ? r.feeMethod : null,
  } : null;
  const fee = reply?.feeMethod === 'count' ? disclosureFee('count', await monthOrdinal(c, caseId))
    : reply?.feeMethod === 'pages' ? disclosureFee('pages', reply.pages ?? 0) : null;
  const replyClock = clocks.find((x) => x.key === 'reply');
  const notice = obj(k.steps.fee_notice);
  const noticeFee = notice.feeMethod === 'count' ? disclosureFee('count', await monthOrdinal(c, caseId))
    : notice.feeMethod === 'pages' ? disclosureFee('pages', typeof notice.pages === 'number' ? notice.pages : 0) : null;
  return {
    caseId: k.id, ref: k.ref, title: k.title, receivedOn: k.received_on, status: k.status,
    agency: `${k.township}人民政府`, reviewAgency: k.county ? `${k.county}人民政府` : '上一级行政机关', orgName: k.org_name,
    applicant: parties[0]?.name ?? '申请人', applicantType: str(d.applicantType), information: str(d.information) ?? k.title,
    channel: str(d.channel), form: str(d.form), delivery: str(d.delivery),
    // Names only: these documents print no sealed field.
    parties: parties.map((p) => ({ id: p.id, sealedFields: [] })),
    on: new Map(events.map((e) => [e.transition, e.on])),
    correction: str(ask.items) ? { items: str(ask.items) ?? '', due: clocks.find((x) => x.key === 'correction')?.due_date ?? null } : null,
    reply, replyDue: replyClock?.due_date ?? null,
    extensions: (replyClock?.extensions ?? []).map((e) => ({ length: e.length, reason: e.reason, at: e.at })),
    fee,
    feeNotice: noticeFee ? { fee: noticeFee, due: clocks.find((x) => x.key === 'fee')?.due_date ?? null } : null,
  };
};
