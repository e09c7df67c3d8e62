import type { CaseCtx } from '../../../../platform/cases/context.ts';
import { AppError } from '../../../../platform/errors.ts';
import type { PartyInput } from '../../../../platform/cases/create-case.ts';
import { createHistoricCases, type HistoricCase, type HistoricResult, type HistoricStep } from '../../../../platform/cases/bulk-create.ts';
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
 * One ledger row as a mediation case with its history: the transitions that bring it to the
 * ledger's result, each on the ledger's own day. Where the ledger gives no day (a missing
 * 结案日期, the day judicial confirmation was applied for), the transitions still happen (on
 * the nearest known day) but the clocks they stop are left uncounted: neither on time nor
 * late, so history without dates does not move the on-time rate. A stored note keeps the
 * ledger's own wording for the next export.
 */
export const ledgerRowAsCase = (rc: RowContext, row: RowToWrite): HistoricCase => {
  const f = row.fields;
  if (!f.receivedOn || !f.result || !f.category) throw new Error('row was not validated');
  const received = f.receivedOn;
  const seq = ownSeq(f.ref, rc.township.name, Number(received.slice(0, 4)));
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
  const steps: HistoricStep[] = [];
  const step = (transition: string, on: string, fields: Record<string, unknown> = {}): void => { steps.push({ transition, on, fields, comment: '历史台账导入' }); };
  const closed = f.closedOn ?? received;
  const content = f.terms || NOT_IN_LEDGER;
  const undated: string[] = [];
  switch (f.result) {
    case '在办':
      step('accept', received);
      step('start', received);
      break;
    case '调解成功':
      step('accept', received);
      step('start', received);
      step('reach_agreement', closed, { agreementForm: f.agreementForm ?? 'written', terms: content });
      if (f.closedOn === null) undated.push('mediation', 'confirmation');
      if (f.confirmation.applied) {
        step('apply_confirmation', closed, { court: f.confirmation.court ?? NOT_IN_LEDGER });
        undated.push('confirmation');
      }
      if (f.performance || f.followUpText || f.followUpOn) {
        step('follow_up', f.followUpOn ?? closed, { performance: f.performance || NOT_IN_LEDGER, visit: f.followUpText });
      }
      break;
    case '调解不成':
      step('accept', received);
      step('start', received);
      step('fail', closed, { legalRoute: content });
      if (f.closedOn === null) undated.push('mediation');
      break;
    case '移交':
      step('accept', received);
      step('transfer', closed, { transferTo: content });
      if (f.closedOn === null) undated.push('mediation');
      break;
    case '不予调解':
      step('refuse', closed, { reason: content });
      break;
    case '撤回':
      step('accept', received);
      step('withdraw', closed, { reason: content });
      break;
  }
  return {
    orgId: row.orgId, title: f.title, body: f.body, category: f.category, receivedOn: received, parties, facts: { ledger: note }, source: 'staff',
    steps, seq, ...(undated.length > 0 ? { uncounted: { clocks: undated, note: CLOCK_NOTE } } : {}),
  };
};

/** The township's mediators the ledger names for the row (a name at the row's own org first). */
const mediatorIdsOf = (rc: RowContext, row: RowToWrite): string[] => {
  const found = splitList(row.fields.mediators).map((n) => {
    const all = rc.mediators.get(n) ?? [];
    return all.find((m) => m.org_id === row.orgId) ?? all[0];
  }).filter((m): m is { id: string; org_id: string } => m !== undefined);
  return [...new Set(found.map((m) => m.id))];
};

/**
 * Writes ledger rows as mediation cases through the case engine's bulk path (one statement
 * per table for the whole batch), then links the mediators the ledger names, the first as
 * lead. Each row's result comes back in its place: the case, or why it was not written.
 */
export const writeLedgerRows = async (ctx: CaseCtx, rc: RowContext, rows: readonly RowToWrite[]): Promise<HistoricResult[]> => {
  const results: HistoricResult[] = [];
  const cases: { at: number; row: RowToWrite; kase: HistoricCase }[] = [];
  for (const [at, row] of rows.entries()) {
    try {
      cases.push({ at, row, kase: ledgerRowAsCase(rc, row) });
    } catch {
      // Only validated rows are stored for writing; one that is not is reported, not written.
      results[at] = { ok: false, error: new AppError('INTERNAL') };
    }
  }
  const written = await createHistoricCases(ctx, CASE_TYPE, cases.map((c) => c.kase));
  const links: { caseId: string; mediatorId: string; lead: boolean }[] = [];
  for (const [k, r] of written.entries()) {
    const c = cases[k];
    if (!c) continue;
    results[c.at] = r;
    if (!r.ok) continue;
    const ids = mediatorIdsOf(rc, c.row);
    for (const m of ids) links.push({ caseId: r.id, mediatorId: m, lead: m === ids[0] });
  }
  if (links.length > 0) {
    await ctx.client.query(
      `INSERT INTO mediation_case_mediators (case_id, mediator_id, township_id, lead)
       SELECT c, m, $1, l FROM unnest($2::uuid[], $3::uuid[], $4::boolean[]) AS x(c, m, l)`,
      [rc.township.id, links.map((l) => l.caseId), links.map((l) => l.mediatorId), links.map((l) => l.lead)]);
  }
  return results;
};
