import type pg from 'pg';

/**
 * Where each table lives when a province runs on Citus (docs/operations.md, "A province on
 * Citus"): distributed by `township_id` (a township's rows together on one node, every table
 * co-located with every other), a reference table (copied whole to every node, for the joins),
 * or local to the coordinator (what the app reads by a key that is not a township, and what
 * no distributed table points at). Citus is not installed here: `distributionViolations` holds
 * our own schema to the rules Citus would enforce when the tables are distributed, and the test
 * (distribution.test.ts) runs it on the migrated database, so a new table without a place here,
 * or a key that would block the layout, fails the suite.
 */
export type Placement = 'distributed' | 'reference' | 'local';

export const DISTRIBUTION_COLUMN = 'township_id';

type Entry = { placement: Placement; why: string };
const d = (why: string): Entry => ({ placement: 'distributed', why });
const r = (why: string): Entry => ({ placement: 'reference', why });
const l = (why: string): Entry => ({ placement: 'local', why });

/** Every table of the schema `public` (the migrations'), with the one-line reason for its place. */
export const TABLE_PLACEMENT: Readonly<Record<string, Entry>> = {
  // Reference: small, read by nearly every request and joined with township rows everywhere.
  orgs: r('the org tree (~100k orgs a province): every scope check and list joins it'),
  org_closure: r('the org tree as ancestor/descendant pairs: every row-level-security check reads it'),
  roles: r('a few dozen roles, read by every permission check'),
  users: r('~1M small rows a province, referenced by created_by/actor columns of every township table; nothing written per request lives on it (sign-ins are in user_sign_ins)'),
  user_grants: r('who may do what where, read by every request with users and roles; a county grant has no township'),
  calendar_overrides: r('the holiday calendar: national days (no township) and a township\'s own, read by every deadline computation'),
  case_child_tables: r('the registry of tables that hang off a case, read by the triggers that run beside the cases'),
  settings: r('a few global keys (a township\'s settings are keyed by its id), read by any node'),

  // Distributed by township_id: a township's cases and everything that hangs off them or belongs to it.
  cases: d('the cases'),
  case_events: d('a case\'s timeline'),
  case_parties: d('a case\'s parties'),
  case_deadlines: d('a case\'s clocks'),
  case_assignees: d('who handles a case'),
  case_attachments: d('a case\'s files'),
  case_ratings: d('a case\'s satisfaction rating'),
  case_links: d('links from a case (the township of case_id; the other case may be another township\'s, so that side has no foreign key)'),
  case_shares: d('read access a sending office keeps to a case, with the case\'s township'),
  case_ref_counters: d('a township\'s reference counters'),
  case_clock_lengths: d('a township\'s clock lengths'),
  annual_reports: d('a township\'s annual report (a case)'),
  annual_report_versions: d('versions of an annual report'),
  annual_report_figures: d('figures of an annual report'),
  advisor_services: d('a township\'s legal advisors\' services'),
  legal_advisors: d('a township\'s legal advisors'),
  legal_review_issues: d('issues a legal review (a case) found'),
  decision_catalogues: d('a township\'s yearly catalogue of major decisions'),
  decision_catalogue_items: d('items of a catalogue'),
  decision_comments: d('public comments on a decision (a case)'),
  disclosure_remedies: d('remedies in a disclosure case'),
  geo_boundaries: d('boundaries of a township\'s villages and grids'),
  governance_budgets: d('a township\'s rule-of-law budget'),
  governance_plans: d('a township\'s yearly plan'),
  governance_spending: d('a township\'s spending'),
  grid_members: d('a township\'s grid members'),
  leadership_groups: d('a township\'s leading group'),
  leadership_members: d('members of the leading group'),
  ledger_imports: d('a township\'s ledger imports'),
  ledger_import_rows: d('rows of a ledger import'),
  mediation_committees: d('a township\'s mediation committees'),
  mediators: d('a township\'s mediators'),
  mediation_case_mediators: d('the mediators of a case'),
  mediation_sessions: d('a mediation case\'s sessions'),
  mediation_party_facts: d('facts about a mediation case\'s parties'),
  mediation_rights_notices: d('rights notices given to a mediation case\'s parties'),
  metric_cache: d('a township\'s cached figures'),
  metric_versions: d('a township\'s figure versions'),
  petition_recusals: d('recusals in a petition case'),
  safety_cameras: d('a township\'s cameras'),
  safety_camera_views: d('who viewed a camera'),
  safety_persons: d('persons a township follows'),
  safety_visits: d('visits to those persons'),
  screening_rounds: d('a township\'s dispute screening rounds'),
  screening_returns: d('returns of a screening round'),

  // Local to the coordinator: read by a key that is not a township, written by the servers.
  schema_migrations: l('the migrations applied'),
  sessions: l('read by the session cookie\'s hash on every request'),
  api_tokens: l('read by the token\'s hash'),
  attempt_throttle: l('sign-in and tracking throttles, keyed by hashes of addresses and names'),
  rate_limit_hits: l('public rate limits, keyed by a hash of route and address (unlogged)'),
  user_sign_ins: l('a user\'s last sign-in, written at every sign-in: kept off the reference table users'),
  sign_in_events: l('the sign-in log, written before any township is known (a county user has none)'),
  audit_log: l('the audit trail: one hash chain a township plus the deployment\'s (no township), appended under the chain head\'s lock'),
  audit_chain_heads: l('the heads of the audit chains'),
  outbox: l('SMS and email to send, claimed by the workers across all townships (FOR UPDATE SKIP LOCKED works on one node only)'),
  notifications: l('a user\'s notifications, read by user (a county user\'s come from many townships); case_id is not a foreign key'),
  idempotency_keys: l('a submission\'s key, claimed before the case (and its township) exists; case_id is not a foreign key'),
  download_links: l('one-time download tokens, read by the token\'s hash; the case and file are checked again at download, not by foreign key'),
};

/** Schemas other than `public` whose tables all stay on the coordinator. */
export const LOCAL_SCHEMAS: Readonly<Record<string, string>> = {
  graphile_worker: 'the job queue (graphile-worker\'s own schema): its workers run beside the coordinator',
};

export type TableFacts = { schema: string; name: string; distColumnNotNull: boolean | null };
export type UniqueFacts = { table: string; name: string; kind: 'primary key' | 'unique' | 'unique index' | 'exclusion'; columns: string[] };
export type ForeignKeyFacts = {
  table: string; name: string; columns: string[]; refTable: string; refColumns: string[];
  /** pg_constraint.confdeltype / confupdtype: a no action, r restrict, c cascade, n set null, d set default */
  onDelete: string; onUpdate: string;
};
export type SchemaFacts = { tables: TableFacts[]; uniques: UniqueFacts[]; foreignKeys: ForeignKeyFacts[] };

const SYSTEM_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'`;
/** Tables are named bare in `public` and schema-qualified elsewhere. */
const qualified = `CASE WHEN n.nspname = 'public' THEN c.relname ELSE n.nspname || '.' || c.relname END`;

/** The catalogue facts the rules need, read from the database the migrations built. */
export const readSchemaFacts = async (db: pg.Pool | pg.PoolClient): Promise<SchemaFacts> => {
  const tables = (await db.query<{ schema: string; name: string; dist_not_null: boolean | null }>(
    `SELECT n.nspname AS schema, c.relname AS name,
            (SELECT a.attnotnull FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = $1 AND NOT a.attisdropped) AS dist_not_null
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${SYSTEM_SCHEMAS}
      ORDER BY 1, 2`, [DISTRIBUTION_COLUMN])).rows;
  const uniques = (await db.query<{ tbl: string; name: string; kind: UniqueFacts['kind']; columns: (string | null)[] }>(
    `SELECT ${qualified} AS tbl, i.relname AS name,
            CASE WHEN x.indisprimary THEN 'primary key' WHEN k.contype = 'u' THEN 'unique' WHEN k.contype = 'x' THEN 'exclusion' ELSE 'unique index' END AS kind,
            ARRAY(SELECT a.attname::text FROM unnest(x.indkey[0:x.indnkeyatts - 1]) WITH ORDINALITY AS u(attnum, ord)
                    LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = u.attnum ORDER BY u.ord) AS columns
       FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_class i ON i.oid = x.indexrelid LEFT JOIN pg_constraint k ON k.conindid = x.indexrelid AND k.conrelid = c.oid
      WHERE (x.indisunique OR k.contype = 'x') AND c.relkind IN ('r', 'p') AND ${SYSTEM_SCHEMAS}
      ORDER BY 1, 2`)).rows;
  const foreignKeys = (await db.query<{ tbl: string; name: string; columns: string[]; ref_table: string; ref_columns: string[]; on_delete: string; on_update: string }>(
    `SELECT ${qualified} AS tbl, k.conname AS name,
            ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.ord) AS columns,
            (SELECT CASE WHEN rn.nspname = 'public' THEN rc.relname ELSE rn.nspname || '.' || rc.relname END
               FROM pg_class rc JOIN pg_namespace rn ON rn.oid = rc.relnamespace WHERE rc.oid = k.confrelid) AS ref_table,
            ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY AS u(attnum, ord) JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum ORDER BY u.ord) AS ref_columns,
            k.confdeltype AS on_delete, k.confupdtype AS on_update
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND ${SYSTEM_SCHEMAS}
      ORDER BY 1, 2`)).rows;
  return {
    tables: tables.map((t) => ({ schema: t.schema, name: t.schema === 'public' ? t.name : `${t.schema}.${t.name}`, distColumnNotNull: t.dist_not_null })),
    // An expression column of an index has no name: it never counts as the distribution column.
    uniques: uniques.map((u) => ({ table: u.tbl, name: u.name, kind: u.kind, columns: u.columns.map((col) => col ?? '(expression)') })),
    foreignKeys: foreignKeys.map((f) => ({ table: f.tbl, name: f.name, columns: f.columns, refTable: f.ref_table, refColumns: f.ref_columns, onDelete: f.on_delete, onUpdate: f.on_update })),
  };
};

/** A table's place: the map for `public`, the schema's rule elsewhere, else none (a violation). */
export const placementOf = (table: string): Placement | null => {
  const dot = table.indexOf('.');
  if (dot >= 0) return LOCAL_SCHEMAS[table.slice(0, dot)] !== undefined ? 'local' : null;
  return TABLE_PLACEMENT[table]?.placement ?? null;
};

const ACTION: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

/**
 * Every way the schema would stop the Citus layout, one line each naming the table and the
 * constraint: the work list. The rules are Citus's own (create_distributed_table and the
 * foreign key checks refuse these): a distributed table's rows need the distribution column;
 * its primary key, unique constraints and unique indexes must include it (uniqueness is
 * checked within a shard); a foreign key between two distributed tables must carry it on
 * both sides at the same position (the rows are then on the same node); a foreign key whose
 * own columns include it may not set it (ON DELETE SET NULL/SET DEFAULT, ON UPDATE
 * CASCADE/SET NULL/SET DEFAULT: a row never changes shard by a cascade); a reference table
 * points only at reference tables; a local table never points at a distributed one.
 */
export const distributionViolations = (facts: SchemaFacts): string[] => {
  const out: string[] = [];
  const col = DISTRIBUTION_COLUMN;
  const present = new Set(facts.tables.map((t) => t.name));
  for (const t of facts.tables) {
    const place = placementOf(t.name);
    if (place === null) out.push(`${t.name}: not classified (apps/server/src/platform/db/distribution.ts: distributed by ${col}, reference or local)`);
    if (place === 'distributed' && t.distColumnNotNull === null) out.push(`${t.name}: distributed but has no ${col} column`);
    if (place === 'distributed' && t.distColumnNotNull === false) out.push(`${t.name}: distributed but ${col} may be null`);
  }
  for (const name of Object.keys(TABLE_PLACEMENT)) {
    if (!present.has(name)) out.push(`${name}: classified but no such table`);
  }
  for (const u of facts.uniques) {
    if (placementOf(u.table) === 'distributed' && !u.columns.includes(col)) {
      out.push(`${u.table}: ${u.kind} ${u.name} (${u.columns.join(', ')}) does not include ${col}`);
    }
  }
  for (const f of facts.foreignKeys) {
    const from = placementOf(f.table);
    const to = placementOf(f.refTable);
    const line = `${f.table}: foreign key ${f.name} (${f.columns.join(', ')}) → ${f.refTable} (${f.refColumns.join(', ')})`;
    if (from === 'distributed' && to === 'distributed') {
      const at = f.columns.indexOf(col);
      if (at < 0 || f.refColumns.indexOf(col) !== at) out.push(`${line}: between distributed tables without ${col} at the same position on both sides`);
    }
    if (from === 'distributed' && to === 'local') out.push(`${line}: a distributed table points at a local one`);
    if (from === 'distributed' && f.columns.includes(col)) {
      if (f.onDelete === 'n' || f.onDelete === 'd') out.push(`${line}: ON DELETE ${ACTION[f.onDelete]} would change ${col}`);
      if (f.onUpdate === 'c' || f.onUpdate === 'n' || f.onUpdate === 'd') out.push(`${line}: ON UPDATE ${ACTION[f.onUpdate]} would change ${col}`);
    }
    if (from === 'reference' && to !== 'reference') out.push(`${line}: a reference table points at a ${to ?? 'unclassified'} table`);
    if (from === 'local' && to === 'distributed') out.push(`${line}: a local table points at a distributed one`);
  }
  return out;
};
