import type { Client } from '../../../platform/db/pools.ts';
import type { LedgerFields } from './ledger.parse.ts';
import type { LedgerProblem } from './ledger.read.ts';

export type ImportStatus = 'validated' | 'queued' | 'running' | 'done' | 'done_with_errors' | 'failed';
export type RowStatus = 'invalid' | 'valid' | 'written' | 'failed';

export type ImportHead = {
  id: string; township_id: string; org_id: string; file_name: string; status: ImportStatus; total: number; valid: number;
  processed: number; written: number; failed: number; error: string | null; file_problems: LedgerProblem[]; created_by: string | null;
  created_at: Date; accepted_at: Date | null; finished_at: Date | null;
};

/** The import as the caller may see it (row-level security), or null. */
export const loadImport = async (c: Client, id: string, lock = false): Promise<ImportHead | null> =>
  (await c.query<ImportHead>(
    `SELECT id, township_id, org_id, file_name, status, total, valid, processed, written, failed, error, file_problems, created_by,
            created_at, accepted_at, finished_at FROM ledger_imports WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id])).rows[0] ?? null;

export const insertImport = async (c: Client, v: { townshipId: string; orgId: string; fileName: string; fileSm3: string; total: number; valid: number; fileProblems: LedgerProblem[]; userId: string }): Promise<string> =>
  (await c.query<{ id: string }>(
    `INSERT INTO ledger_imports (township_id, org_id, file_name, file_sm3, status, total, valid, file_problems, created_by)
     VALUES ($1,$2,$3,$4,'validated',$5,$6,$7,$8) RETURNING id`,
    [v.townshipId, v.orgId, v.fileName, v.fileSm3, v.total, v.valid, JSON.stringify(v.fileProblems), v.userId])).rows[0]?.id ?? '';

export type NewRow = { sheet: string; rowNo: number; orgId: string | null; fields: LedgerFields; phonesEnc: Buffer | null; problems: LedgerProblem[] };

/** The parsed rows, a few thousand per statement (arrays unnested server-side). */
export const insertImportRows = async (c: Client, importId: string, townshipId: string, rows: readonly NewRow[]): Promise<void> => {
  const CHUNK = 2000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    await c.query(
      `INSERT INTO ledger_import_rows (import_id, township_id, seq, sheet, row_no, org_id, fields, phones_enc, problems, status)
       SELECT $1, $2, s.seq, s.sheet, s.row_no, s.org_id, s.fields, s.phones_enc, s.problems,
              CASE WHEN jsonb_array_length(s.problems) = 0 THEN 'valid' ELSE 'invalid' END
         FROM unnest($3::int[], $4::text[], $5::int[], $6::uuid[], $7::jsonb[], $8::bytea[], $9::jsonb[])
              AS s(seq, sheet, row_no, org_id, fields, phones_enc, problems)`,
      [importId, townshipId, part.map((_, j) => i + j + 1), part.map((r) => r.sheet), part.map((r) => r.rowNo), part.map((r) => r.orgId),
        part.map((r) => JSON.stringify(r.fields)), part.map((r) => r.phonesEnc), part.map((r) => JSON.stringify(r.problems))]);
  }
};

/** Every problem of the import: the file's, then each row's in file order. */
export const importProblems = async (c: Client, id: string): Promise<LedgerProblem[]> => {
  const { rows } = await c.query<{ p: LedgerProblem }>(
    `SELECT p FROM ledger_import_rows r, jsonb_array_elements(r.problems) p WHERE r.import_id = $1 AND r.status = 'invalid' ORDER BY r.seq`, [id]);
  return rows.map((r) => r.p);
};

export type RowResult = { seq: number; sheet: string; row_no: number; status: RowStatus; case_id: string | null; ref: string | null; message: string | null };
export const importResults = async (c: Client, id: string, offset: number, limit: number): Promise<RowResult[]> =>
  (await c.query<RowResult>(
    `SELECT r.seq, r.sheet, r.row_no, r.status, r.case_id, k.ref, r.message FROM ledger_import_rows r LEFT JOIN cases k ON k.id = r.case_id
      WHERE r.import_id = $1 ORDER BY r.seq OFFSET $2 LIMIT $3`, [id, offset, limit])).rows;

export type PendingRow = { seq: number; sheet: string; row_no: number; org_id: string; fields: LedgerFields; phones_enc: Buffer | null };
/** The next rows still to write, locked for this batch. */
export const pendingRows = async (c: Client, id: string, n: number): Promise<PendingRow[]> =>
  (await c.query<PendingRow>(
    `SELECT seq, sheet, row_no, org_id, fields, phones_enc FROM ledger_import_rows WHERE import_id = $1 AND status = 'valid'
      ORDER BY seq LIMIT $2 FOR UPDATE`, [id, n])).rows;

/** The results of a whole batch of rows in one statement. */
export const markRows = async (c: Client, id: string, rows: readonly ({ seq: number } & ({ status: 'written'; caseId: string } | { status: 'failed'; message: string }))[]): Promise<void> => {
  if (rows.length === 0) return;
  await c.query(
    `UPDATE ledger_import_rows r SET status = x.status, case_id = x.case_id, message = x.message
       FROM unnest($2::int[], $3::text[], $4::uuid[], $5::text[]) AS x(seq, status, case_id, message) WHERE r.import_id = $1 AND r.seq = x.seq`,
    [id, rows.map((r) => r.seq), rows.map((r) => r.status), rows.map((r) => (r.status === 'written' ? r.caseId : null)), rows.map((r) => (r.status === 'failed' ? r.message : null))]);
};

export const addProgress = async (c: Client, id: string, written: number, failed: number): Promise<void> => {
  await c.query(`UPDATE ledger_imports SET processed = processed + $2 + $3, written = written + $2, failed = failed + $3, updated_at = now() WHERE id = $1`,
    [id, written, failed]);
};

export const setImportStatus = async (c: Client, id: string, status: ImportStatus, error: string | null = null): Promise<void> => {
  await c.query(
    `UPDATE ledger_imports SET status = $2, error = $3, updated_at = now(),
            finished_at = CASE WHEN $2 IN ('done', 'done_with_errors', 'failed') THEN now() ELSE NULL END WHERE id = $1`, [id, status, error]);
};

/** validated → queued, once: the caller that moves it wins; a second accept finds it taken. */
export const claimForAccept = async (c: Client, id: string, userId: string): Promise<boolean> =>
  ((await c.query(`UPDATE ledger_imports SET status = 'queued', accepted_by = $2, accepted_at = now(), updated_at = now()
                     WHERE id = $1 AND status = 'validated'`, [id, userId])).rowCount ?? 0) === 1;

/** Villages of a township by name, and committees by name with the org each sits at if that lies in a village. */
export const townshipPlaces = async (c: Client, townshipId: string) => {
  const villages = (await c.query<{ id: string; name: string }>(`SELECT id, name FROM orgs WHERE kind = 'village' AND township_id = $1`, [townshipId])).rows;
  const committees = (await c.query<{ org_id: string; name: string; in_village: boolean }>(
    `SELECT m.org_id, m.name, EXISTS (SELECT 1 FROM org_closure oc JOIN orgs a ON a.id = oc.ancestor_id WHERE oc.descendant_id = m.org_id AND a.kind = 'village') AS in_village
       FROM mediation_committees m WHERE m.township_id = $1 AND m.active ORDER BY m.created_at`, [townshipId])).rows;
  return {
    villages: new Map(villages.map((v) => [v.name, v.id])),
    villageCommittees: new Map(committees.filter((m) => m.in_village).map((m) => [m.name, m.org_id])),
  };
};

/** Which of these case numbers the township already has: as a Fazhi reference or as an imported ledger number. */
export const existingRefs = async (c: Client, townshipId: string, refs: readonly string[]): Promise<Set<string>> => {
  if (refs.length === 0) return new Set();
  const { rows } = await c.query<{ ref: string }>(
    `SELECT ref FROM cases WHERE ref = ANY($2::text[])
     UNION SELECT facts -> 'ledger' ->> 'originalRef' FROM cases
      WHERE township_id = $1 AND case_type = 'mediation' AND facts -> 'ledger' ->> 'originalRef' = ANY($2::text[])`, [townshipId, refs]);
  return new Set(rows.map((r) => r.ref));
};

/** Mediators of the township by name (a name may belong to several). */
export const mediatorsByName = async (c: Client, townshipId: string): Promise<Map<string, { id: string; org_id: string }[]>> => {
  const { rows } = await c.query<{ id: string; name: string; org_id: string }>('SELECT id, name, org_id FROM mediators WHERE township_id = $1 AND active', [townshipId]);
  const out = new Map<string, { id: string; org_id: string }[]>();
  for (const r of rows) out.set(r.name, [...(out.get(r.name) ?? []), { id: r.id, org_id: r.org_id }]);
  return out;
};
