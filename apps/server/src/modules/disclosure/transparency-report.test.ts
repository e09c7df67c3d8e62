import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { TEST_MASTER_KEY_HEX } from '../../test/constants.ts';
import { main } from '../../cli/main.ts';
import { docxText, readDocxParts } from '../../platform/documents/docx-zip.ts';
import type { TransparencyReport } from './transparency-report.ts';

/**
 * The yearly disclosure report over the demo town's 2023 and 2024 requests: its table equals
 * the records, counted here straight from the cases (not through the registry), its
 * cross-checks hold, and a clerk of the township reads the same figures through the API.
 */
let h: Harness;
let county: Agent;
beforeAll(async () => {
  h = await createHarness();
  county = await h.signIn('county');
});
afterAll(async () => { await h.close(); });

const report = async (year: number): Promise<{ json: TransparencyReport; text: string }> => {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-report-'));
  const file = join(dir, 'x.docx');
  let out = '';
  const saved = { ...process.env };
  Object.assign(process.env, { DATABASE_URL: h.ownerUrl, FAZHI_MASTER_KEY: TEST_MASTER_KEY_HEX, LOG_LEVEL: 'silent' });
  try {
    const code = await main(['transparency', 'report', '--township', '张八桥镇', '--year', String(year), '--out', file, '--json'], { print: (x) => { out += x; }, error: (x) => { out += x; } });
    expect(code, out).toBe(0);
  } finally {
    process.env = saved;
  }
  if (process.env.FAZHI_DOC_DIR) copyFileSync(file, join(process.env.FAZHI_DOC_DIR, `transparency-${year}.docx`));
  return { json: JSON.parse(out) as TransparencyReport, text: docxText(readDocxParts(readFileSync(file)).get('word/document.xml') ?? '') };
};

/** The same numbers, straight from the cases. */
const direct = async (year: number) => {
  const q = async (where: string): Promise<number> => (await h.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM cases k WHERE k.case_type = 'disclosure' AND ${where}`, [year])).rows[0]?.n ?? 0;
  const ended = 'k.ended_on IS NOT NULL AND extract(year FROM k.ended_on) = $1';
  const reply = (t: string, extra = '') => q(`k.steps -> 'reply' ->> 'replyType' = '${t}' ${extra} AND ${ended}`);
  return {
    received: await q('k.year = $1'),
    citizen: await q("k.year = $1 AND k.data ->> 'applicantType' = 'citizen'"),
    commercial: await q("k.year = $1 AND k.data ->> 'organisationKind' = 'commercial'"),
    carriedOver: await q('k.year < $1 AND (k.ended_on IS NULL OR k.ended_on >= make_date($1, 1, 1))'),
    published: (await reply('provided')) + (await reply('already_public')),
    partly: await reply('partly_provided'),
    process: await reply('withheld', "AND k.steps -> 'reply' ->> 'withholdReason' = 'process_information'"),
    notHeld: (await reply('not_exist')) + (await reply('not_ours')),
    repeat: await reply('repeat'),
    givenUp: await q(`k.status = 'withdrawn' AND k.steps ? 'deem_withdrawn' AND ${ended}`),
    concluded: await q(`k.status_kind <> 'open' AND ${ended}`),
    forward: await q('k.received_on <= make_date($1, 12, 31) AND (k.ended_on IS NULL OR k.ended_on > make_date($1, 12, 31))'),
  };
};

const row = (r: TransparencyReport, prefix: string) => r.rows.find((x) => x.label.startsWith(prefix))?.cells;

describe('the yearly disclosure report', () => {
  it.each([2023, 2024])('fills the national table for %i from the registry, equal to the records', async (year) => {
    const { json, text } = await report(year);
    const d = await direct(year);
    expect(d.received).toBeGreaterThan(8);
    expect(row(json, '一、')).toMatchObject({ total: d.received, citizen: d.citizen, commercial: d.commercial });
    expect(row(json, '二、')?.total).toBe(d.carriedOver);
    expect(row(json, '（一）')?.total).toBe(d.published);
    expect(row(json, '（二）')?.total).toBe(d.partly);
    expect(row(json, '6.属于四类过程性信息')?.total).toBe(d.process);
    expect(row(json, '1.本机关不掌握')?.total).toBe(d.notHeld);
    expect(row(json, '2.重复申请')?.total).toBe(d.repeat);
    expect(row(json, '1.申请人无正当理由逾期不补正')?.total).toBe(d.givenUp);
    expect(row(json, '（七）')?.total).toBe(d.concluded);
    expect(row(json, '四、')?.total).toBe(d.forward);
    // The format's own check: 一 + 二 = 三（七）+ 四, in every column.
    for (const k of ['citizen', 'commercial', 'research', 'public_interest', 'legal_service', 'other', 'total'] as const) {
      expect((row(json, '一、')?.[k] ?? 0) + (row(json, '二、')?.[k] ?? 0), k).toBe((row(json, '（七）')?.[k] ?? 0) + (row(json, '四、')?.[k] ?? 0));
    }
    // The results' total is the sum of its rows.
    const parts = ['（一）', '（二）', '（三）', '（四）', '（五）', '（六）'].reduce((n, p) => n + (row(json, p)?.total ?? 0), 0);
    expect(parts).toBe(d.concluded);
    expect(text).toContain(`${year}年政府信息公开工作年度报告`);
    expect(text).toContain('收到和处理政府信息公开申请情况');
    expect(text).toContain(`本年新收政府信息公开申请${d.received}件`);
    // 二、主动公开: the items published in the year, by category, straight from the timeline.
    const published = (await h.db.query<{ category: string; n: number }>(
      `SELECT k.category, count(*)::int AS n FROM cases k WHERE k.case_type = 'proactive'
          AND EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = k.id AND e.transition = 'publish' AND extract(year FROM (e.payload ->> 'on')::date) = $1)
        GROUP BY 1`, [year])).rows;
    const total = published.reduce((n, r) => n + r.n, 0);
    expect(total).toBeGreaterThan(0);
    expect(json.proactive.published).toBe(total);
    for (const r of published) expect(json.proactive.rows.find((x) => x.category === r.category)?.published, r.category).toBe(r.n);
    expect(text).toContain(`主动公开政府信息${total}条`);
    // 四、复议和诉讼: brought in the year or undecided at its start, by the outcome known at its end.
    const remedies = (await h.db.query<{ kind: string; outcome: string; n: number }>(
      `SELECT kind, CASE WHEN decided_on <= make_date($1, 12, 31) THEN result ELSE 'pending' END AS outcome, count(*)::int AS n FROM disclosure_remedies
        WHERE filed_on <= make_date($1, 12, 31) AND (decided_on IS NULL OR decided_on >= make_date($1, 1, 1)) GROUP BY 1, 2`, [year])).rows;
    expect(remedies.length).toBeGreaterThan(0);
    for (const kind of ['review', 'lawsuit', 'lawsuit_after_review'] as const) {
      const cells = json.remedies.find((x) => x.kind === kind)?.cells;
      const mine = remedies.filter((r) => r.kind === kind);
      expect(cells?.total, kind).toBe(mine.reduce((n, r) => n + r.n, 0));
      for (const o of ['upheld', 'corrected', 'other', 'pending'] as const) expect(cells?.[o], `${kind} ${o}`).toBe(mine.find((r) => r.outcome === o)?.n ?? 0);
    }
    expect(text).toContain('结果维持');
  });

  it('serves each figure with its records to the county through the registry', async () => {
    const township = await h.orgId('zhangbaqiao');
    const v = (await county.get(`/api/metrics/disclosure.received?year=2023&orgId=${township}`)).body as { value: number };
    const list = (await county.get(`/api/metrics/disclosure.received/records?year=2023&orgId=${township}`)).body.items as { ref: string }[];
    expect(list).toHaveLength(v.value);
    expect(list.every((r) => r.ref.includes('-公-2023-'))).toBe(true);
    const rate = (await county.get(`/api/metrics/disclosure.onTimeRate?year=2024&orgId=${township}`)).body as { numerator: number; denominator: number };
    // One 2024 reply was two working days late.
    expect(rate.denominator - rate.numerator).toBe(1);
  });

  it('shows the township clerk the same report on the web, with the due day its county sets', async () => {
    const township = await h.orgId('zhangbaqiao');
    const clerk = await h.signIn('dangzheng');
    const { json } = await report(2024);
    const web = await clerk.get('/api/disclosure/transparency-report?year=2024');
    expect(web.status).toBe(200);
    expect(web.body.applications.map((r: { cells: unknown }) => r.cells)).toEqual(json.rows.map((r) => r.cells));
    expect(web.body.remedies).toEqual(json.remedies);
    expect(web.body).toMatchObject({ township: '张八桥镇', dueOn: '2025-01-31', dueSource: 'default' });
    // A row drills to the records of its one figure: as many as the cell says.
    const received = web.body.applications[0] as { drill: string; cells: { total: number } };
    expect((await clerk.get(`/api/metrics/${received.drill}/records?year=2024&orgId=${township}`)).body.items).toHaveLength(received.cells.total);
    // The county sets the day for its townships; an impossible day is refused and changes nothing.
    const admin = await h.signIn('admin');
    const countyId = await h.orgId('baofeng');
    expect((await admin.put('/api/disclosure/transparency-report/due', { orgId: countyId, monthDay: '02-29' })).status).toBe(400);
    expect((await clerk.get('/api/disclosure/transparency-report?year=2024')).body.dueSource).toBe('default');
    expect((await admin.put('/api/disclosure/transparency-report/due', { orgId: countyId, monthDay: '02-15' })).status).toBe(200);
    expect((await clerk.get('/api/disclosure/transparency-report?year=2024')).body).toMatchObject({ dueOn: '2025-02-15', dueSource: 'county' });
    // The clerk holds no settings.manage: the day stays the county's.
    expect((await clerk.put('/api/disclosure/transparency-report/due', { orgId: township, monthDay: '03-01' })).status).toBe(403);
    expect((await admin.put('/api/disclosure/transparency-report/due', { orgId: countyId, monthDay: null })).status).toBe(200);
    // The Word file, for the web's download button.
    const doc = await h.app.inject({ method: 'POST', url: '/api/disclosure/transparency-report/download?year=2024', headers: { cookie: clerk.cookie, 'x-csrf-token': clerk.me.csrfToken } });
    expect(doc.statusCode).toBe(200);
    expect(docxText(readDocxParts(doc.rawPayload).get('word/document.xml') ?? '')).toContain('2024年政府信息公开工作年度报告');
  });
});
