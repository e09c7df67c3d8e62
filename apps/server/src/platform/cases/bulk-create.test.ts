import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';
import { sampleCaseType } from '../../test/sample-case-type.ts';
import { loadPrincipal } from '../access/principal.ts';
import { verifyAudit } from '../audit/audit.ts';
import { caseCtxOf, runScoped, runSystem } from '../platform.ts';
import { createHistoricCases, type HistoricCase, type HistoricResult } from './bulk-create.ts';
import { createCase } from './create-case.ts';
import { takeTransition } from './transition.ts';

let h: Harness;
let s01: string;
let s02: string;
const today = '2026-03-02';

beforeAll(async () => {
  // The stepwise path enters these past days as a late entry would; the limit is set wide so the two paths compare plainly.
  h = await createHarness({ lateEntryDays: 3650 }, { caseTypes: [sampleCaseType], today: () => today });
  s01 = await h.orgId('S01');
  s02 = await h.orgId('S02');
});
afterAll(async () => { await h.close(); });

const principalOf = async (username: string) => {
  const id = (await h.db.query('SELECT id FROM users WHERE username = $1', [username])).rows[0].id as string;
  const p = await runSystem(h.platform, (c) => loadPrincipal(c, id, 'session'));
  if (!p) throw new Error(`no principal for ${username}`);
  return p;
};

/** As a signed-in user, in one scoped transaction with the case engine. */
const asUser = async <T>(username: string, fn: (ctx: ReturnType<typeof caseCtxOf>) => Promise<T>): Promise<T> => {
  const principal = await principalOf(username);
  return runScoped(h.platform, { principal, ip: '127.0.0.1', requestId: 'bulk-test' }, (tx) => fn(caseCtxOf(h.platform, tx)));
};
const bulk = (username: string, rows: HistoricCase[]): Promise<HistoricResult[]> => asUser(username, (ctx) => createHistoricCases(ctx, 'sample', rows));

/** Received 2025-12-01, accepted late on the 17th, consulted 12-22 to 12-28 (the reply clock paused), replied 2026-01-20. */
const history: HistoricCase = {
  orgId: '', title: '东营村信息公开申请', body: '申请公开2025年村务收支明细。', category: '其他', receivedOn: '2025-12-01', source: 'staff',
  parties: [{ kind: 'person', role: '申请人', name: '张某', idNumber: '410421199001011234', phone: '13803751234', address: '东营村三组12号' }],
  steps: [
    { transition: 'accept', on: '2025-12-17' },
    { transition: 'consult', on: '2025-12-22', comment: '征求第三方意见' },
    { transition: 'resume', on: '2025-12-29' },
    { transition: 'reply', on: '2026-01-20', fields: { outcome: '予以公开' } },
  ],
};
const ok = (r: HistoricResult | undefined): { id: string; ref: string } => {
  if (!r?.ok) throw new Error(`not written: ${r && !r.ok ? r.error.code : 'no result'}`);
  return r;
};
const counter = async (): Promise<number> =>
  (await h.db.query("SELECT last_seq FROM case_ref_counters WHERE case_type = 'sample' AND year = 2025")).rows[0]?.last_seq ?? 0;

/** What a case is, without what differs by construction (ids, times, its number). */
const written = async (id: string) => {
  const kase = (await h.db.query(
    `SELECT status, status_kind, version, title, body, category, data, search_text, source, to_char(received_on, 'YYYY-MM-DD') AS received_on,
            closed_at IS NOT NULL AS closed, created_by FROM cases WHERE id = $1`, [id])).rows[0];
  const events = (await h.db.query(
    `SELECT kind, transition, from_status, to_status, public, actor_id, payload - 'ref' AS payload FROM case_events WHERE case_id = $1 ORDER BY id`, [id])).rows;
  const clocks = (await h.db.query(
    `SELECT key, to_char(start_date, 'YYYY-MM-DD') AS start, length, unit, pauses, extensions, to_char(due_date, 'YYYY-MM-DD') AS due, provisional,
            explanation, explanation_en, status, to_char(stopped_on, 'YYYY-MM-DD') AS stopped_on, on_time FROM case_deadlines WHERE case_id = $1 ORDER BY key`, [id])).rows;
  const parties = (await h.db.query(
    'SELECT kind, role, name, id_number_bidx, phone_bidx, id_number_enc IS NOT NULL AS sealed FROM case_parties WHERE case_id = $1 ORDER BY sort_order', [id])).rows;
  return { kase, events, clocks, parties };
};

describe('writing cases with their history in bulk', () => {
  it('writes what createCase and takeTransition would have written, step by step', async () => {
    const row = { ...history, orgId: s01 };
    const stepwise = await asUser('xinfang', async (ctx) => {
      const made = await createCase(ctx, { type: 'sample', orgId: row.orgId, title: row.title, body: row.body, category: row.category, receivedOn: row.receivedOn,
        parties: [...(row.parties ?? [])], source: 'staff', tracking: false });
      let version = 1;
      for (const s of row.steps) version = (await takeTransition(ctx, made.id, { transition: s.transition, version, on: s.on, fields: s.fields ?? {}, ...(s.comment ? { comment: s.comment } : {}) })).version;
      return made.id;
    });
    const [result] = await bulk('xinfang', [row]);
    const bulkId = ok(result).id;
    const a = await written(stepwise);
    const b = await written(bulkId);
    expect(b).toEqual(a);
    // The clocks the history moved: acceptance late, the reply paused for the consultation and met.
    expect(b.clocks.map((c: { key: string; status: string; on_time: boolean | null }) => [c.key, c.status, c.on_time])).toEqual([['accept', 'missed', false], ['reply', 'met', true]]);
    expect(b.events.at(-1).payload.deadlines).toEqual([{ key: 'reply', onTime: true, due: '2026-01-22' }]);
  });

  it('reports a bad row in its place, writes the others, and keeps the references gapless', async () => {
    const before = await counter();
    const good = { ...history, orgId: s01 };
    const results = await bulk('xinfang', [
      good,
      { ...good, steps: [{ transition: 'reply', on: '2025-12-20', fields: { outcome: '予以公开' } }] },
      { ...good, steps: [{ transition: 'refuse', on: '2025-12-02' }] },
      { ...good, category: '不存在的类别' },
      { ...good, steps: [{ transition: 'accept', on: '2025-11-30' }] },
      { ...good, title: '另一件申请', steps: [{ transition: 'refuse', on: '2025-12-02', fields: { reason: '非本机关信息' } }] },
    ]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ok', 'CASE_TRANSITION_UNAVAILABLE', 'CASE_FIELDS_REQUIRED', 'VALIDATION', 'CASE_DATE_INVALID', 'ok']);
    const refs = results.flatMap((r) => (r.ok ? [r.ref] : []));
    expect(refs).toEqual([`张八桥-样-2025-${String(before + 1).padStart(4, '0')}`, `张八桥-样-2025-${String(before + 2).padStart(4, '0')}`]);
    expect(await counter()).toBe(before + 2);
    expect((await h.db.query('SELECT status FROM cases WHERE ref = $1', [refs[1]])).rows[0].status).toBe('refused');
  });

  it('gives a row the number it keeps, refuses a number held twice, and numbers the rest after it', async () => {
    const before = await counter();
    const kept = before + 5;
    const row = { ...history, orgId: s01 };
    const results = await bulk('xinfang', [{ ...row, seq: kept }, { ...row, seq: kept }, row]);
    expect(results.map((r) => (r.ok ? r.ref : r.error.code))).toEqual([`张八桥-样-2025-${String(kept).padStart(4, '0')}`, 'DUPLICATE', `张八桥-样-2025-${String(kept + 1).padStart(4, '0')}`]);
    // A number an existing case holds is refused too, and gives nothing away.
    const again = await bulk('xinfang', [{ ...row, seq: kept }]);
    expect(again[0]?.ok ? 'ok' : again[0]?.error.code).toBe('DUPLICATE');
    expect(await counter()).toBe(kept + 1);
  });

  it('refuses the rows at an org where the caller may not handle the type, and writes the others', async () => {
    // The east village's mediator is also given the sample type's role, at the village only.
    await h.db.query(`INSERT INTO user_grants (user_id, role_id, org_id, township_id, scope)
      SELECT u.id, r.id, $1, u.township_id, 'subtree' FROM users u, roles r WHERE u.username = 'tiaojie1' AND r.code = 'petition_clerk'`, [s01]);
    const before = await counter();
    const results = await bulk('tiaojie1', [{ ...history, orgId: s02 }, { ...history, orgId: s01 }, { ...history, orgId: s02 }]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['NOT_FOUND', 'ok', 'NOT_FOUND']);
    expect(await counter()).toBe(before + 1);
    // Without the type's permission at all, every row is refused and nothing is numbered.
    const none = await bulk('tiaojie2', [{ ...history, orgId: s02 }]);
    expect(none.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['FORBIDDEN']);
    expect(await counter()).toBe(before + 1);
  });

  it('chains one audit row per case into the township\'s trail, which still verifies', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ ...history, orgId: i % 2 ? s01 : s02, title: `信息公开申请 ${i + 1}` }));
    const results = await bulk('xinfang', rows);
    expect(results.every((r) => r.ok)).toBe(true);
    const ids = results.flatMap((r) => (r.ok ? [r.id] : []));
    const audit = await h.db.query("SELECT entity_id, after FROM audit_log WHERE action = 'case.create_historic' AND entity_id = ANY($1::text[]) ORDER BY seq", [ids]);
    expect(audit.rows.map((r) => r.entity_id)).toEqual(ids);
    expect(audit.rows[0].after).toMatchObject({ type: 'sample', status: 'replied', steps: [{ transition: 'accept', on: '2025-12-17' }, {}, {}, {}] });
    expect(JSON.stringify(audit.rows)).not.toContain('410421199001011234');
    const client = await h.db.connect();
    try {
      expect(await verifyAudit(client)).toMatchObject({ ok: true, broken: [] });
    } finally {
      client.release();
    }
  });
});
