import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';
import { distributionViolations, readSchemaFacts, type SchemaFacts } from './distribution.ts';

let h: Harness;
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h.close(); });

describe('the schema on Citus (township_id distributed, org tables as reference tables)', () => {
  it('has nothing that blocks the layout: every table placed, every key and foreign key within the rules', async () => {
    const facts = await readSchemaFacts(h.db);
    expect(facts.tables.length).toBeGreaterThan(60);
    const violations = distributionViolations(facts);
    // The list is the work list: each line names the table and the constraint.
    if (violations.length > 0) console.log(violations.join('\n'));
    expect(violations).toEqual([]);
  });

  it('keeps every lookup by id alone on an index: township_id comes after the columns the old keys led with', async () => {
    const { rows } = await h.db.query<{ tbl: string }>(
      `SELECT c.relname AS tbl FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'id' AND NOT a.attisdropped)
          AND NOT EXISTS (SELECT 1 FROM pg_index x JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = x.indkey[0]
                           WHERE x.indrelid = c.oid AND a.attname = 'id')`);
    expect(rows).toEqual([]);
    // The case page's reads (readCase, loadCaseHead) by id: an index scan of the primary key.
    // (The demo's few hundred cases fit in a page or two: the planner is kept off the table scan
    // a small table gets, so the plan shows which index serves the lookup.)
    const c = await h.db.connect();
    let plan: string;
    try {
      await c.query('SET enable_seqscan = off');
      const id = (await c.query<{ id: string }>('SELECT id FROM cases LIMIT 1')).rows[0]?.id;
      plan = (await c.query<{ 'QUERY PLAN': string }>('EXPLAIN SELECT * FROM cases WHERE id = $1', [id])).rows.map((r) => r['QUERY PLAN']).join('\n');
      await c.query('RESET enable_seqscan');
    } finally {
      c.release();
    }
    expect(plan).toMatch(/Index Scan (using|on) cases_pkey/);
    expect(plan).toMatch(/Index Cond: \(id = /);
  });

  it('fails a new table that has no place, and one whose keys would block the layout', async () => {
    await h.db.query('CREATE TABLE probe_unplaced (id uuid PRIMARY KEY, township_id uuid NOT NULL)');
    const facts = await readSchemaFacts(h.db);
    expect(distributionViolations(facts)).toContain('probe_unplaced: not classified (apps/server/src/platform/db/distribution.ts: distributed by township_id, reference or local)');

    // A distributed table as a careless migration would write it (the facts the catalogue would give).
    const careless: SchemaFacts = {
      tables: [...facts.tables.filter((t) => t.name !== 'probe_unplaced').map((t) => (t.name === 'case_events' ? { ...t, distColumnNotNull: false } : t))],
      uniques: [...facts.uniques, { table: 'case_parties', name: 'case_parties_name_key', kind: 'unique', columns: ['case_id', 'name'] }],
      foreignKeys: [...facts.foreignKeys,
        { table: 'case_events', name: 'case_events_party_fkey', columns: ['party_id'], refTable: 'case_parties', refColumns: ['id'], onDelete: 'a', onUpdate: 'a' },
        { table: 'case_events', name: 'case_events_case_fkey2', columns: ['township_id', 'case_id'], refTable: 'cases', refColumns: ['township_id', 'id'], onDelete: 'a', onUpdate: 'c' },
        { table: 'orgs', name: 'orgs_case_fkey', columns: ['case_id'], refTable: 'cases', refColumns: ['id'], onDelete: 'a', onUpdate: 'a' },
        { table: 'sessions', name: 'sessions_case_fkey', columns: ['case_id'], refTable: 'cases', refColumns: ['id'], onDelete: 'a', onUpdate: 'a' }],
    };
    expect(distributionViolations(careless)).toEqual([
      'case_events: distributed but township_id may be null',
      'case_parties: unique case_parties_name_key (case_id, name) does not include township_id',
      'case_events: foreign key case_events_party_fkey (party_id) → case_parties (id): between distributed tables without township_id at the same position on both sides',
      'case_events: foreign key case_events_case_fkey2 (township_id, case_id) → cases (township_id, id): ON UPDATE CASCADE would change township_id',
      'orgs: foreign key orgs_case_fkey (case_id) → cases (id): a reference table points at a distributed table',
      'sessions: foreign key sessions_case_fkey (case_id) → cases (id): a local table points at a distributed one',
    ]);
  });
});
