import type { Client } from '../../../../platform/db/pools.ts';
import type { CaseCtx } from '../../../../platform/cases/context.ts';
import { createCase, type PartyInput } from '../../../../platform/cases/create-case.ts';
import { takeTransition } from '../../../../platform/cases/transition.ts';
import { townshipShortName } from '../../../../platform/cases/reference.ts';
import { mediationCaseType } from '../../mediation.workflow.ts';
import { partyKindOf, splitList } from '../ledger.cells.ts';
import { NOT_IN_LEDGER } from '../ledger.columns.ts';
import type { LedgerFields } from '../ledger.parse.ts';
import type { LedgerNote } from '../ledger-line.ts';

export type RowContext = {
  importId: string;
  township: { id: string; name: string };
  mediators: Map<string, { id: string; org_id: string }[]>;
};
export type RowToWrite = { orgId: string; fields: LedgerFields; phones: string[] };

const CASE_TYPE = mediationCaseType.code;
const CLOCK_NOTE = '历史台账导入：台账未载明该期限的起止日期，不计入按时或超期统计';

/**
 * A number in this township's own reference format (张八桥-调-2023-0143) for the case's
 * year: the case gets exactly that reference, so a ledger exported from Fazhi comes back
 * under the numbers it went out with. Any other numbering is kept as the ledger's number.
 */
const ownSeq = (ref: string | null, townshipName: string, year: number): number | null => {
  if (!ref) return null;
  const m = /^(.+)-(.)-(\d{4})-(\d{4,6})$/u.exec(ref);
  if (!m || m[1] !== townshipShortName(townshipName) || m[2] !== mediationCaseType.refCode || Number(m[3]) !== year) return null;
  const seq = Number(m[4]);
  return seq >= 1 && String(seq).padStart(4, '0') === m[4] ? seq : null;
};

/**
 * Places the township's reference counter just below `seq`, so that the engine's own
 * numbering (createCase → nextReference) hands out exactly that number; returns the counter
 * as it was, to be put back (at least as high as `seq`) right after. The counter row stays
 * locked by this transaction throughout, as it does for any case being created.
 */
const positionCounter = async (c: Client, townshipId: string, year: number, seq: number): Promise<number> => {
  await c.query('INSERT INTO case_ref_counters (township_id, case_type, year, last_seq) VALUES ($1,$2,$3,0) ON CONFLICT DO NOTHING', [townshipId, CASE_TYPE, year]);
  const { rows } = await c.query<{ old: number }>(
    `UPDATE case_ref_counters k SET last_seq = $4 - 1
       FROM (SELECT last_seq FROM case_ref_counters WHERE township_id = $1 AND case_type = $2 AND year = $3 FOR UPDATE) o
      WHERE k.township_id = $1 AND k.case_type = $2 AND k.year = $3 RETURNING o.last_seq AS old`, [townshipId, CASE_TYPE, year, seq]);
  return rows[0]?.old ?? 0;
};

/**
 * Writes one ledger row as a mediation case, through the case engine: createCase, then the
 * transitions that bring it to the ledger's result, each on the ledger's own day. Where the
 * ledger gives no day (a missing 结案日期, the day judicial confirmation was applied for), the
 * transitions still happen (on the nearest known day) but the clocks they stop are marked
 * cancelled: neither on time nor late, so history without dates does not move the on-time
 * rate. A stored note keeps the ledger's own wording for the next export.
 */
export const writeLedgerRow = async (ctx: CaseCtx, rc: RowContext, row: RowToWrite): Promise<{ caseId: string; ref: string }> => {
  const f = row.fields;
  if (!f.receivedOn || !f.result || !f.category) throw new Error('row was not validated');
  const received = f.receivedOn;
  const year = Number(received.slice(0, 4));
  const seq = ownSeq(f.ref, rc.township.name, year);
  const c = ctx.client;
  const before = seq === null ? null : await positionCounter(c, rc.township.id, year, seq);
  const parties: PartyInput[] = [
    ...f.applicants.map((name, i) => ({ kind: partyKindOf(name), role: '申请人', name, phone: row.phones[i] ?? null })),
    ...f.respondents.map((name) => ({ kind: partyKindOf(name), role: '被申请人', name })),
  ];
  const note: LedgerNote = {
    importId: rc.importId,
    ...(f.ref && seq === null ? { originalRef: f.ref } : {}),
    ...(f.committee ? { committee: f.committee } : {}),
    ...(f.mediators ? { mediators: f.mediators } : {}),
    ...(f.closedOn === null && f.result !== '在办' ? { closedOnUnknown: true } : {}),
    ...(f.followUpOn === null ? { followUpOnUnknown: true } : {}),
  };
  const kase = await createCase(ctx, {
    type: CASE_TYPE, orgId: row.orgId, title: f.title, body: f.body, category: f.category, receivedOn: received,
    parties, data: { ledger: note }, source: 'staff', tracking: false,
  });
  if (seq !== null && before !== null) {
    await c.query('UPDATE case_ref_counters SET last_seq = GREATEST($4::int, $5::int) WHERE township_id = $1 AND case_type = $2 AND year = $3',
      [rc.township.id, CASE_TYPE, year, before, seq]);
  }
  let version = 1;
  const step = async (transition: string, on: string, fields: Record<string, unknown> = {}): Promise<void> => {
    version = (await takeTransition(ctx, kase.id, { transition, version, fields, on, comment: '历史台账导入' })).version;
  };
  const closed = f.closedOn ?? received;
  const content = f.terms || NOT_IN_LEDGER;
  const undated: string[] = [];
  switch (f.result) {
    case '在办':
      await step('accept', received);
      await step('start', received);
      break;
    case '调解成功':
      await step('accept', received);
      await step('start', received);
      await step('reach_agreement', closed, { agreementForm: f.agreementForm ?? 'written', terms: content });
      if (f.closedOn === null) undated.push('mediation', 'confirmation');
      if (f.confirmation.applied) {
        await step('apply_confirmation', closed, { court: f.confirmation.court ?? NOT_IN_LEDGER });
        undated.push('confirmation');
      }
      if (f.performance || f.followUpText || f.followUpOn) {
        await step('follow_up', f.followUpOn ?? closed, { performance: f.performance || NOT_IN_LEDGER, visit: f.followUpText });
      }
      break;
    case '调解不成':
      await step('accept', received);
      await step('start', received);
      await step('fail', closed, { legalRoute: content });
      if (f.closedOn === null) undated.push('mediation');
      break;
    case '移交':
      await step('accept', received);
      await step('transfer', closed, { transferTo: content });
      if (f.closedOn === null) undated.push('mediation');
      break;
    case '不予调解':
      await step('refuse', closed, { reason: content });
      break;
    case '撤回':
      await step('accept', received);
      await step('withdraw', closed, { reason: content });
      break;
  }
  if (undated.length > 0) {
    await c.query(
      `UPDATE case_deadlines SET status = 'cancelled', on_time = NULL, explanation = explanation || jsonb_build_array($3::text), updated_at = now()
        WHERE case_id = $1 AND key = ANY($2::text[])`, [kase.id, [...new Set(undated)], CLOCK_NOTE]);
  }
  const names = splitList(f.mediators);
  const found = names.map((n) => {
    const all = rc.mediators.get(n) ?? [];
    return all.find((m) => m.org_id === row.orgId) ?? all[0];
  }).filter((m): m is { id: string; org_id: string } => m !== undefined);
  const ids = [...new Set(found.map((m) => m.id))];
  if (ids.length > 0) {
    await c.query(
      `INSERT INTO mediation_case_mediators (case_id, mediator_id, township_id, lead)
       SELECT $1, m, $2, m = $4 FROM unnest($3::uuid[]) m`, [kase.id, rc.township.id, ids, ids[0]]);
  }
  return { caseId: kase.id, ref: kase.ref };
};
