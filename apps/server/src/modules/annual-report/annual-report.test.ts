import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnualReportView, ReportContent } from '@fazhi/contracts';
import { createHarness, type Harness } from '../../test/harness.ts';
import { convertToPdf } from '../../platform/documents/pdf.ts';
import { main } from '../../cli/main.ts';
import { TEST_MASTER_KEY_HEX } from '../../test/constants.ts';

const run = promisify(execFile);
const flat = (s: string): string => s.replace(/\s+/g, '');

let h: Harness;
let dir = '';
beforeAll(async () => {
  h = await createHarness();
  dir = await mkdtemp(path.join(tmpdir(), 'fazhi-annual-report-'));
});
afterAll(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

const reportOf = async (year: number): Promise<string> =>
  (await h.db.query<{ case_id: string }>("SELECT r.case_id FROM annual_reports r JOIN orgs t ON t.id = r.township_id WHERE t.code = 'zhangbaqiao' AND r.year = $1", [year])).rows[0]?.case_id ?? '';
const figureOf = (v: AnnualReportView, code: string) => v.figures.find((f) => f.code === code);
const measures = (c: ReportContent): string => c.sections.find((s) => s.key === 'measures')?.blocks.map((b) => b.text).join('\n') ?? '';

describe("the demo town's 2023 report", () => {
  it("carries the seed's mediation sentence with 143 / 138 / 5 as live fields computed from the records, and the seed's faults as findings", async () => {
    const leader = await h.signIn('leader');
    const v = (await leader.get(`/api/annual-reports/${await reportOf(2023)}`)).body as AnnualReportView;
    expect(v).toMatchObject({ year: 2023, townshipName: '张八桥镇', status: 'drafting', frozen: false });
    expect(measures(v.content)).toContain('镇、村两级公共法律服务机构共受理、调解纠纷{{mediation.received}}起，调解成功{{mediation.resolved}}起，引导走法律途径{{mediation.guided}}起');
    expect([figureOf(v, 'mediation.received')?.value, figureOf(v, 'mediation.resolved')?.value, figureOf(v, 'mediation.guided')?.value]).toEqual([143, 138, 5]);
    // The modules in use that the pasted text does not speak of get their paragraphs under 二, numbered on from its (八).
    for (const code of ['petition.received', 'complaints.received', 'disclosure.received', 'decisions.taken']) expect(measures(v.content)).toContain(`{{${code}}}`);
    expect(v.content.sections.find((s) => s.key === 'measures')?.blocks.map((b) => b.text).filter((x) => x.startsWith('（九）'))).toHaveLength(1);
    expect(v.findings.map((f) => f.kind).sort()).toEqual(['foreign_township', 'numbering', 'repeated_text']);
    expect(v.findings.find((f) => f.kind === 'foreign_township')?.excerpt).toBe('岩头寨镇');
  });

  it('gives each figure the list of records behind it, and a changed record changes the figure and its list alike', async () => {
    const sifa = await h.signIn('sifa');
    const leader = await h.signIn('leader');
    const id = await reportOf(2023);
    const list = async () => (await leader.get(`/api/annual-reports/${id}/figures/mediation.resolved/records`)).body.items as { id: string }[];
    const value = async () => figureOf((await leader.get(`/api/annual-reports/${id}`)).body, 'mediation.resolved')?.value;
    expect((await list()).length).toBe(138);
    expect(await value()).toBe(138);
    // The 党政办 drafting it may not read mediation cases: it gets the references behind the figure, nothing more,
    // and only for the figures the text uses.
    const clerk = await h.signIn('dangzheng');
    const refs = (await clerk.get(`/api/annual-reports/${id}/figures/mediation.resolved/records`)).body.items as Record<string, unknown>[];
    expect(refs).toHaveLength(138);
    expect(Object.keys(refs[0] ?? {}).sort()).toEqual(['id', 'ref']);
    expect((await clerk.get(`/api/annual-reports/${id}/figures/mediation.refused/records`)).status).toBe(404);
    // The registry's own answer is the same figure.
    expect((await sifa.get('/api/metrics/mediation.resolved?year=2023')).body.value).toBe(138);
    const one = (await list())[0]?.id ?? '';
    await h.db.query("UPDATE cases SET status = 'failed' WHERE id = $1", [one]);
    try {
      expect(await value()).toBe(137);
      expect((await list()).length).toBe(137);
      expect((await list()).some((r) => r.id === one)).toBe(false);
    } finally {
      await h.db.query("UPDATE cases SET status = 'resolved' WHERE id = $1", [one]);
    }
  });

  it('writes the Word document in the official layout: sections 一 to 四, the sentence with the figures, the annex of figures', async () => {
    const leader = await h.signIn('leader');
    const res = await h.app.inject({ method: 'GET', url: `/api/annual-reports/${await reportOf(2023)}/document`, headers: { cookie: leader.cookie } });
    expect(res.statusCode).toBe(200);
    const file = path.join(dir, 'report-2023.docx');
    await writeFile(file, res.rawPayload);
    const [pdf] = await convertToPdf([file], dir);
    expect((await run('pdfinfo', [pdf ?? ''])).stdout).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const text = flat((await run('pdftotext', ['-enc', 'UTF-8', pdf ?? '', '-'])).stdout);
    expect(text).toContain('关于2023年法治政府建设情况的报告');
    for (const head of ['一、党政主要负责人', '二、推进法治政府建设的主要举措和成效', '三、推进法治政府建设存在的不足', '四、推进法治政府建设的初步安排']) expect(text).toContain(head);
    expect(text).toContain('镇、村两级公共法律服务机构共受理、调解纠纷143起，调解成功138起，引导走法律途径5起');
    expect(text).toContain('报告所引数据及统计口径');
    expect(text).toMatch(/全年登记信访事项\d+件/);
    expect(text).toContain('当年登记并已受理的人民调解纠纷件数');
    expect(text).not.toContain('{{');
  });

  it('is written from the command line', async () => {
    const out = path.join(dir, 'cli.docx');
    let printed = '';
    const saved = { ...process.env };
    Object.assign(process.env, { DATABASE_URL: h.ownerUrl, FAZHI_MASTER_KEY: TEST_MASTER_KEY_HEX, LOG_LEVEL: 'silent' });
    try {
      const code = await main(['report', 'annual', '--township', '张八桥镇', '--year', '2023', '--out', out], { print: (s) => { printed += s; }, error: (s) => { printed += s; } });
      expect(code, printed).toBe(0);
    } finally {
      process.env = saved;
    }
    expect(printed).toContain('张八桥镇2023年法治政府建设情况报告');
  });
});

describe('the published 2024 report', () => {
  it('keeps the figures it was signed with when records change later, and is on the public portal', async () => {
    const leader = await h.signIn('leader');
    const id = await reportOf(2024);
    const before = (await leader.get(`/api/annual-reports/${id}`)).body as AnnualReportView;
    expect(before).toMatchObject({ status: 'published', frozen: true });
    const received = figureOf(before, 'mediation.received')?.value ?? -1;
    expect(received).toBeGreaterThan(0);
    const frozenList = (await leader.get(`/api/annual-reports/${id}/figures/mediation.received/records`)).body;
    expect(frozenList.frozen).toBe(true);
    expect(frozenList.items).toHaveLength(received);
    const live = (await h.signIn('sifa'));
    const one = (await h.db.query<{ id: string }>("SELECT id FROM cases WHERE case_type = 'mediation' AND year = 2024 AND steps ? 'accept' ORDER BY ref LIMIT 1")).rows[0]?.id ?? '';
    const steps = (await h.db.query<{ steps: unknown }>('SELECT steps FROM cases WHERE id = $1', [one])).rows[0]?.steps;
    await h.db.query("UPDATE cases SET steps = steps - 'accept' WHERE id = $1", [one]);
    try {
      expect((await live.get('/api/metrics/mediation.received?year=2024')).body.value).toBe(received - 1);
      const after = (await leader.get(`/api/annual-reports/${id}`)).body as AnnualReportView;
      expect(figureOf(after, 'mediation.received')?.value).toBe(received);
      const pub = await h.app.inject({ method: 'GET', url: `/api/public/annual-reports/${id}` });
      expect(pub.statusCode).toBe(200);
      expect(pub.json().paragraphs.map((p: { text: string }) => p.text).join('')).toContain(`受理、调解纠纷${received}起`);
    } finally {
      await h.db.query('UPDATE cases SET steps = $2 WHERE id = $1', [one, JSON.stringify(steps)]);
    }
    const listed = (await h.app.inject({ method: 'GET', url: '/api/public/annual-reports?township=zhangbaqiao' })).json().items;
    expect(listed.map((x: { year: number }) => x.year)).toEqual([2024]);
    // A draft is not public.
    expect((await h.app.inject({ method: 'GET', url: `/api/public/annual-reports/${await reportOf(2023)}` })).statusCode).toBe(404);
  });
});

describe('drafting, review and signature', () => {
  it('saves versions only while drafting, over the latest, and freezes the figures when the leader signs', async () => {
    const clerk = await h.signIn('dangzheng');
    const created = await clerk.post('/api/annual-reports', { year: 2025 });
    expect(created.status).toBe(200);
    const v = created.body as AnnualReportView;
    expect(v.content.sections.map((s) => s.heading.slice(0, 2))).toEqual(['', '一、', '二、', '三、', '四、']);
    expect((await clerk.post('/api/annual-reports', { year: 2025 })).body.error.code).toBe('REPORT_EXISTS');
    const edited: ReportContent = { ...v.content, sections: v.content.sections.map((s) => (s.key === 'plans' ? { ...s, blocks: [{ kind: 'paragraph', text: '（一）进一步提高依法行政能力。' }] } : s)) };
    const saved = await clerk.put(`/api/annual-reports/${v.id}/content`, { baseVersion: 1, content: edited, note: '补写第四部分' });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(2);
    const stale = await clerk.put(`/api/annual-reports/${v.id}/content`, { baseVersion: 1, content: edited });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('REPORT_VERSION_STALE');
    const unknown = await clerk.put(`/api/annual-reports/${v.id}/content`, { baseVersion: 2, content: { ...edited, title: '关于{{mediation.invented}}的报告' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('REPORT_UNKNOWN_FIGURE');
    const nul = await clerk.put(`/api/annual-reports/${v.id}/content`, { baseVersion: 2, content: { ...edited, title: 'a\u0000b' } });
    expect(nul.status).toBe(400);
    expect(nul.body.error.code).toBe('VALIDATION');
    expect((await h.db.query('SELECT count(*)::int AS n FROM annual_report_versions WHERE case_id = $1', [v.id])).rows[0]?.n).toBe(2);

    // The office head may not sign; the drafter may not review.
    expect((await clerk.post(`/api/cases/${v.id}/transitions`, { transition: 'submit_review', version: 1 })).status).toBe(200);
    expect((await clerk.put(`/api/annual-reports/${v.id}/content`, { baseVersion: 2, content: edited })).body.error.code).toBe('REPORT_NOT_EDITABLE');
    expect((await clerk.post(`/api/cases/${v.id}/transitions`, { transition: 'pass_review', version: 2, fields: { opinion: '同意' } })).status).toBe(403);
    const head = await h.signIn('dzbzr');
    expect((await head.post(`/api/cases/${v.id}/transitions`, { transition: 'pass_review', version: 2, fields: { opinion: '同意' } })).status).toBe(200);
    expect((await head.post(`/api/cases/${v.id}/transitions`, { transition: 'approve', version: 3, fields: { opinion: '同意' } })).status).toBe(403);
    const leader = await h.signIn('leader');
    expect((await leader.post(`/api/cases/${v.id}/transitions`, { transition: 'approve', version: 3, fields: { opinion: '同意' } })).status).toBe(200);
    const signed = (await leader.get(`/api/annual-reports/${v.id}`)).body as AnnualReportView;
    expect(signed.frozen).toBe(true);
    expect((await h.db.query('SELECT signed_version FROM annual_reports WHERE case_id = $1', [v.id])).rows[0]?.signed_version).toBe(2);
  });
});

describe('a second township entered only through the API', () => {
  it('has its own figures in its own report, cannot draft or read the other township\'s, and the county sees both', async () => {
    const admin = await h.signIn('admin');
    const county = await h.orgId('baofeng');
    const town = await admin.post('/api/orgs', { parentId: county, kind: 'township', name: '周庄镇', code: 'zhouzhuang' });
    expect(town.status).toBe(200);
    const village = await admin.post('/api/orgs', { parentId: town.body.id, kind: 'village', name: '周庄村', code: 'ZZ01' });
    const roles = (await admin.get('/api/roles')).body.items as { id: string; code: string }[];
    const user = async (username: string, role: string, orgId: string) => {
      const u = await admin.post('/api/users', { username, displayName: username, orgId });
      await admin.put(`/api/users/${u.body.userId}/grants`, { grants: [{ roleId: roles.find((r) => r.code === role)?.id, orgId: town.body.id, scope: 'subtree' }] });
      await h.db.query('UPDATE users SET must_change_password = false WHERE id = $1', [u.body.userId]);
      return h.signIn(username, u.body.initialPassword);
    };
    const staff = await user('zz_sifa', 'judicial_staff', town.body.id);
    const clerk = await user('zz_clerk', 'office_clerk', town.body.id);
    const year = Number((await h.db.query<{ y: number }>("SELECT extract(year FROM (now() AT TIME ZONE 'Asia/Shanghai'))::int AS y")).rows[0]?.y);
    for (const title of ['周庄村宅基地纠纷', '周庄村邻里噪音纠纷']) {
      const c = await staff.post('/api/cases', { type: 'mediation', orgId: village.body.id, title, category: '邻里', parties: [{ kind: 'person', role: '申请人', name: '周某' }, { kind: 'person', role: '被申请人', name: '吴某' }] });
      expect(c.status).toBe(200);
      expect((await staff.post(`/api/cases/${c.body.id}/transitions`, { transition: 'accept', version: 1 })).status).toBe(200);
    }
    const mine = await clerk.post('/api/annual-reports', { year });
    expect(mine.status).toBe(200);
    const v = mine.body as AnnualReportView;
    expect(v.townshipName).toBe('周庄镇');
    expect(figureOf(v, 'mediation.received')?.value).toBe(2);
    expect(measures(v.content)).toContain('{{mediation.received}}');
    expect(measures(v.content)).not.toContain('{{petition.');
    expect(v.hints.some((x) => x.message.includes('依法规范信访工作'))).toBe(true);

    // Not the other township's.
    const other = await clerk.post('/api/annual-reports', { year: 2026, townshipId: await h.orgId('zhangbaqiao') });
    expect([403, 404]).toContain(other.status);
    expect((await clerk.get(`/api/annual-reports/${await reportOf(2023)}`)).status).toBe(404);
    expect((await clerk.get('/api/annual-reports')).body.items.map((x: { townshipName: string }) => x.townshipName)).toEqual(['周庄镇']);
    // The other way round too: 张八桥镇's leader does not see 周庄镇's report.
    expect((await (await h.signIn('leader')).get(`/api/annual-reports/${v.id}`)).status).toBe(404);

    const countyViewer = await h.signIn('county');
    const all = (await countyViewer.get('/api/annual-reports')).body.items.map((x: { townshipName: string; year: number }) => `${x.townshipName}${x.year}`);
    expect(all).toEqual(expect.arrayContaining([`周庄镇${year}`, '张八桥镇2024', '张八桥镇2023']));
  });
});
