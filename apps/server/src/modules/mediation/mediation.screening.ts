import { AppError } from '../../platform/errors.ts';
import { assertCanAt } from '../../platform/access/scope.ts';
import type { Client } from '../../platform/db/pools.ts';
import type { Tx } from '../../platform/platform.ts';

/**
 * Opens a screening round for a month: one return to make per village of the township, due
 * by the given day. Idempotent per township and month.
 */
export const openRound = async (c: Client, townshipId: string, period: string, dueOn: string, createdBy: string | null): Promise<string> => {
  const [y, m] = period.split('-');
  // DO NOTHING, then the existing round: the request role may insert rounds but not update them
  // (an ON CONFLICT DO UPDATE needs UPDATE on the table and failed for every caller).
  const { rows } = await c.query<{ id: string }>(
    `WITH added AS (
       INSERT INTO screening_rounds (township_id, period, title, due_on, created_by) VALUES ($1,$2,$3,$4,$5)
       ON CONFLICT (township_id, period) DO NOTHING RETURNING id)
     SELECT id FROM added UNION ALL SELECT id FROM screening_rounds WHERE township_id = $1 AND period = $2 LIMIT 1`,
    [townshipId, period, `${y}年${Number(m)}月矛盾纠纷排查`, dueOn, createdBy]);
  const id = rows[0]?.id ?? '';
  await c.query(
    `INSERT INTO screening_returns (round_id, org_id, township_id)
     SELECT $1, o.id, $2 FROM orgs o WHERE o.township_id = $2 AND o.kind = 'village' ON CONFLICT DO NOTHING`, [id, townshipId]);
  return id;
};

export const createRound = async (tx: Tx, townshipId: string, period: string, dueOn: string): Promise<string> => {
  await assertCanAt(tx.client, tx.principal, 'mediation.handle', townshipId);
  const ok = await tx.client.query("SELECT 1 FROM orgs WHERE id = $1 AND kind = 'township'", [townshipId]);
  if (!ok.rowCount) throw new AppError('VALIDATION', { field: 'townshipId' });
  const id = await openRound(tx.client, townshipId, period, dueOn, tx.principal.userId);
  await tx.audit({ orgId: townshipId, townshipId, action: 'mediation.screening.open', entity: 'screening_round', entityId: id, after: { period, dueOn } });
  return id;
};

/**
 * A village's answer to a round: the disputes found (cases of that village, registered
 * through the case engine first) or a nil return. Either way the village now counts as covered.
 */
export const submitReturn = async (tx: Tx, roundId: string, orgId: string, answer: { nil: true; note?: string } | { nil: false; caseIds: string[]; note?: string }): Promise<void> => {
  const r = (await tx.client.query<{ township_id: string; status: string }>('SELECT township_id, status FROM screening_returns WHERE round_id = $1 AND org_id = $2 FOR UPDATE', [roundId, orgId])).rows[0];
  if (!r) throw new AppError('NOT_FOUND');
  await assertCanAt(tx.client, tx.principal, 'mediation.handle', orgId);
  const caseIds = answer.nil ? [] : [...new Set(answer.caseIds)];
  if (!answer.nil) {
    if (caseIds.length === 0) throw new AppError('VALIDATION', { field: 'caseIds' });
    const own = (await tx.client.query(
      `SELECT 1 FROM cases k JOIN org_closure c ON c.descendant_id = k.org_id AND c.ancestor_id = $2 WHERE k.id = ANY($1::uuid[]) AND k.case_type = 'mediation'`, [caseIds, orgId])).rowCount ?? 0;
    if (own !== caseIds.length) throw new AppError('VALIDATION', { field: 'caseIds', reason: 'cases must be this village\'s mediation cases' });
  }
  await tx.client.query(`UPDATE screening_returns SET status = $3, case_ids = $4, note = $5, returned_by = $6, returned_at = now() WHERE round_id = $1 AND org_id = $2`,
    [roundId, orgId, answer.nil ? 'nil' : 'reported', caseIds, answer.note ?? null, tx.principal.userId]);
  await tx.audit({ orgId, townshipId: r.township_id, action: 'mediation.screening.return', entity: 'screening_round', entityId: roundId, before: { status: r.status }, after: { nil: answer.nil, cases: caseIds.length } });
};

/** Rounds of a year with each village's return: the coverage board ("全覆盖" when every village answered). */
export const screeningBoard = async (c: Client, year: number) => {
  const rows = (await c.query<{ id: string; period: string; title: string; due_on: string; township_id: string; township_name: string; org_id: string; org_name: string; status: string; cases: number; returned_at: Date | null }>(
    `SELECT r.id, r.period, r.title, to_char(r.due_on, 'YYYY-MM-DD') AS due_on, r.township_id, t.name AS township_name, x.org_id, o.name AS org_name, x.status,
            cardinality(x.case_ids) AS cases, x.returned_at
       FROM screening_rounds r JOIN orgs t ON t.id = r.township_id
       JOIN screening_returns x ON x.round_id = r.id JOIN orgs o ON o.id = x.org_id
      WHERE r.period LIKE $1 ORDER BY r.period, t.sort_order, t.code, o.sort_order, o.code`, [`${year}-%`])).rows;
  type Round = { id: string; period: string; title: string; dueOn: string; townshipId: string; townshipName: string; returns: { orgId: string; orgName: string; status: string; cases: number; returnedAt: string | null }[] };
  const rounds = new Map<string, Round>();
  for (const r of rows) {
    const round = rounds.get(r.id) ?? { id: r.id, period: r.period, title: r.title, dueOn: r.due_on, townshipId: r.township_id, townshipName: r.township_name, returns: [] };
    round.returns.push({ orgId: r.org_id, orgName: r.org_name, status: r.status, cases: r.cases, returnedAt: r.returned_at?.toISOString() ?? null });
    rounds.set(r.id, round);
  }
  return [...rounds.values()].map((r) => {
    const answered = r.returns.filter((x) => x.status !== 'pending').length;
    return { ...r, answered, total: r.returns.length, fullCoverage: answered === r.returns.length, found: r.returns.reduce((n, x) => n + x.cases, 0) };
  });
};
