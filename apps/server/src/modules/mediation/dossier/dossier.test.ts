import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../../test/harness.ts';
import { sm3 } from '../../../platform/crypto/sm.ts';
import { docxText, readDocxParts } from '../../../platform/documents/docx-zip.ts';
import { convertToPdf } from '../../../platform/documents/pdf.ts';
import { rightsNoticeSm3 } from './rights-notice.ts';
import { MAX_REVIEW_FILES, runFileReview } from './file-review.ts';
import { runScoped, runSystem } from '../../../platform/platform.ts';
import { loadPrincipal } from '../../../platform/access/principal.ts';
import { splitTerms } from '../documents/agreement.document.ts';

/**
 * The mediation file (卷宗) a county's file review would pass: the rules that make the file
 * complete (the notice before the first session, no session before mediation starts, the
 * parties' basic facts and the mediator's own facts before an agreement), the whole file as
 * one document whose contents match its pages, the file review's checks, and the township's
 * files kept from a neighbour.
 */
let h: Harness;
let mediator: Agent;
let caseId = '';
let ref = '';
const TODAY = '2026-11-26';
const download = async (agent: Agent, url: string, payload?: unknown) => {
  const res = await h.app.inject({ method: 'POST', url, headers: { cookie: agent.cookie, 'x-csrf-token': agent.me.csrfToken }, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, bytes: res.rawPayload, headers: res.headers, json: res.statusCode === 200 ? null : res.json<{ error: { code: string; details: unknown } }>() };
};

beforeAll(async () => {
  h = await createHarness({}, { today: () => TODAY });
  mediator = await h.signIn('tiaojie1');
});
afterAll(async () => { await h.close(); });

const step = async (transition: string, fields?: Record<string, unknown>, on = TODAY) => {
  const version = (await h.db.query<{ version: number }>('SELECT version FROM cases WHERE id = $1', [caseId])).rows[0]?.version;
  return mediator.post(`/api/cases/${caseId}/transitions`, { transition, version, on, ...(fields ? { fields } : {}) });
};
const record = (kind: 'session' | 'investigation', text: string, heldAt = `${TODAY}T09:30:00+08:00`) => mediator.post(`/api/mediation/cases/${caseId}/sessions`, {
  heldAt, place: '东营村公共法律服务室', kind, participants: [{ name: '王建国', role: '申请人' }, { name: '李海军', role: '被申请人' }], record: text,
});

describe('the mediation file', () => {
  it('holds a case to the file rules: investigations from acceptance, sessions only after start and the notice, an agreement only with the facts', async () => {
    const created = await mediator.post('/api/cases', {
      type: 'mediation', orgId: await h.orgId('S01'), title: '东营村排水沟纠纷', category: '邻里', receivedOn: '2026-11-20',
      body: '事实与理由：赵某修建院墙堵塞共用排水沟，雨后积水倒灌。\n调解请求：恢复排水沟原状。',
      parties: [
        { kind: 'person', role: '申请人', name: '王建国', phone: '13800001111', idNumber: '410421198503151238', address: '张八桥镇东营村3组' },
        { kind: 'person', role: '被申请人', name: '李海军', address: '张八桥镇东营村3组' },
      ],
    });
    expect(created.status).toBe(200);
    caseId = created.body.id;
    ref = created.body.ref;
    expect((await step('accept', undefined, '2026-11-21')).status).toBe(200);
    const lead = (await mediator.get(`/api/mediation/cases/${caseId}/suggested-mediators`)).body.items[0].mediator.id;
    expect((await mediator.put(`/api/mediation/cases/${caseId}/mediators`, { mediatorIds: [lead], leadId: lead })).status).toBe(204);
    // An investigation may be recorded once accepted; a session may not before mediation starts.
    expect((await record('investigation', '走访邻居张某，证实排水沟为两户共用。', '2026-11-22T10:00:00+08:00')).status).toBe(200);
    const early = await record('session', '双方到场陈述意见。');
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('MEDIATION_NOT_STARTED');
    expect((await step('start', undefined, '2026-11-23')).status).toBe(200);
    // Nor before every party has been told of its rights and duties (人民调解法 第二十三、二十四条).
    const untold = await record('session', '双方到场陈述意见。');
    expect(untold.status).toBe(422);
    expect(untold.body.error).toMatchObject({ code: 'MEDIATION_RIGHTS_NOTICE_MISSING', details: { parties: ['王建国', '李海军'] } });
    const notice = (await mediator.get(`/api/mediation/cases/${caseId}/rights-notice`)).body;
    expect(notice.textSm3).toBe(rightsNoticeSm3);
    expect(notice.text.join('')).toContain('选择或者接受人民调解员');
    const [applicant, respondent] = notice.parties as { partyId: string; missing: string[] }[];
    if (!applicant || !respondent) throw new Error('two parties expected');
    // The applicant's sex and birth date come from the ID number; ethnicity and occupation do not.
    expect(applicant.missing).toEqual(['民族', '职业或者工作单位']);
    const png = `data:image/png;base64,${Buffer.from('signature').toString('base64')}`;
    const stale = await mediator.post(`/api/mediation/cases/${caseId}/rights-notice`, { partyId: applicant.partyId, method: 'paper', givenOn: '2026-11-23', textSm3: '0'.repeat(64) });
    expect(stale.body.error.code).toBe('MEDIATION_NOTICE_CHANGED');
    const future = await mediator.post(`/api/mediation/cases/${caseId}/rights-notice`, { partyId: applicant.partyId, method: 'paper', givenOn: '2026-12-01', textSm3: rightsNoticeSm3 });
    expect(future.body.error.code).toBe('CASE_DATE_INVALID');
    expect((await mediator.post(`/api/mediation/cases/${caseId}/rights-notice`, { partyId: applicant.partyId, method: 'signed', signature: png, givenOn: '2026-11-23', textSm3: rightsNoticeSm3 })).status).toBe(204);
    expect((await mediator.post(`/api/mediation/cases/${caseId}/rights-notice`, { partyId: applicant.partyId, method: 'oral', givenOn: '2026-11-23', textSm3: rightsNoticeSm3 })).body.error.code).toBe('MEDIATION_NOTICE_GIVEN');
    expect((await mediator.post(`/api/mediation/cases/${caseId}/rights-notice`, { partyId: respondent.partyId, method: 'paper', givenOn: '2026-11-23', textSm3: rightsNoticeSm3 })).status).toBe(204);
    const session = await record('session', '双方到场，就排水沟走向陈述意见，同意恢复原状。', '2026-11-24T09:30:00+08:00');
    expect(session.status).toBe(200);
    const sessionText = '双方到场，就排水沟走向陈述意见，同意恢复原状。';
    expect((await mediator.post(`/api/mediation/sessions/${session.body.id}/signatures`, { name: '王建国', method: 'tablet', image: png, textSm3: sm3(sessionText).toString('hex') })).status).toBe(204);

    // An agreement needs the mediator's facts, the points in dispute and each side's responsibility…
    const terms = '一、李海军于2026年12月5日前拆除堵塞排水沟的院墙基础；二、王建国不再追究积水损失。';
    const bare = await step('reach_agreement', { agreementForm: 'written', terms }, '2026-11-25');
    expect(bare.body.error).toMatchObject({ code: 'CASE_FIELDS_REQUIRED', details: { missing: ['facts', 'issues', 'responsibilities'] } });
    const fields = {
      agreementForm: 'written', terms, performanceDeadline: '2026-12-05',
      facts: '经查，李海军于2026年8月修建院墙时将两户共用的排水沟堵塞，致雨后积水倒灌王建国院内。',
      issues: '排水沟是否应当恢复原状；积水损失如何承担。', responsibilities: '李海军堵塞共用排水沟，负主要责任。',
    };
    // …and every party's basic facts (第二十九条第一项), named by what is missing.
    const noFacts = await step('reach_agreement', fields, '2026-11-25');
    expect(noFacts.body.error).toMatchObject({ code: 'MEDIATION_PARTY_FACTS_MISSING', details: { parties: [
      { name: '王建国', missing: ['民族', '职业或者工作单位'] }, { name: '李海军', missing: ['性别', '出生日期', '民族', '职业或者工作单位'] },
    ] } });
    expect((await mediator.put(`/api/mediation/cases/${caseId}/parties/${applicant.partyId}/facts`, { ethnicity: '汉', occupation: '农民' })).status).toBe(204);
    expect((await mediator.put(`/api/mediation/cases/${caseId}/parties/${respondent.partyId}/facts`, { birthDate: '2030-01-01' })).status).toBe(400);
    expect((await mediator.put(`/api/mediation/cases/${caseId}/parties/${respondent.partyId}/facts`, { sex: '男', birthDate: '1979-06-02', ethnicity: '回', occupation: '个体经营户' })).status).toBe(204);
    expect((await step('reach_agreement', fields, '2026-11-25')).status).toBe(200);
    expect((await step('follow_up', { performance: '已履行', visit: '院墙基础已拆除，排水通畅，双方满意。' }, '2026-11-26')).status).toBe(200);
  });

  it('makes the whole file: cover, contents whose page numbers match the pages, every document filled in as the rules say', async () => {
    const sifa = await h.signIn('sifa');
    const res = await download(sifa, `/api/mediation/cases/${caseId}/dossier`);
    expect(res.status).toBe(200);
    const text = docxText(readDocxParts(res.bytes).get('word/document.xml') ?? '');
    expect(text).toContain('（2026）张调字第');
    expect(text).toContain('立 卷 人');
    for (const title of ['卷内目录', '人民调解受理登记表', '人民调解当事人权利义务告知书', '调查记录', '调解笔录', '人民调解协议书', '人民调解回访记录', '人民调解结案报告', '卷宗情况说明']) {
      expect(text).toContain(title);
    }
    // The agreement: the parties' basic facts, the mediator's facts (not the application), terms in the document's own numbering.
    expect(text).toContain('王建国，男，汉族，1985年3月15日出生，农民，住张八桥镇东营村3组');
    expect(text).toContain('李海军，男，回族，1979年6月2日出生，个体经营户');
    expect(text).toContain('经查，李海军于2026年8月修建院墙时');
    expect(text).toContain('（一）李海军于2026年12月5日前拆除堵塞排水沟的院墙基础。（二）王建国不再追究积水损失。');
    expect(text).not.toContain('一、李海军');
    expect(text).toMatch(/人民调解员：\S+/);
    expect(text).not.toMatch(/事实[与和]理由：事实[与和]理由/);
    expect(text).toContain('已在电子签名板上签名确认');
    expect(text).toContain('登记人');
    // No raw keys or empty values leak into the text.
    expect(text).not.toMatch(/undefined|null|NaN|reach_agreement|follow_up|\[object/);

    // In LibreOffice: the contents give each document's first page, and the page there starts with that document.
    const dir = await mkdtemp(path.join(tmpdir(), 'fazhi-dossier-'));
    try {
      await writeFile(path.join(dir, 'dossier.docx'), res.bytes);
      const [pdf = ''] = await convertToPdf([path.join(dir, 'dossier.docx')], dir);
      const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f');
      const contents = pages[1] ?? '';
      expect(contents).toContain('卷内目录');
      for (const title of ['人民调解受理登记表', '调查记录', '调解笔录', '人民调解协议书', '人民调解回访记录', '人民调解结案报告']) {
        const row = contents.split('\n').find((l) => l.includes(title));
        const page = Number(/\s(\d+)\s*$/.exec(row?.replace(/备注.*$/, '') ?? '')?.[1] ?? /(\d+)\s+\S*\s*$/.exec(row ?? '')?.[1]);
        expect(page, title).toBeGreaterThan(0);
        // Numbered pages start after the cover and the contents.
        const printed = pages[page + 1] ?? '';
        expect(printed.replace(/\s+/g, ''), `${title} on page ${page}`).toContain(title);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('scores the file in the file review and names what a file lacks', async () => {
    const county = await h.signIn('county');
    const review = (await county.get(`/api/mediation/file-review?year=2026&orgId=${await h.orgId('zhangbaqiao')}`)).body;
    const mine = review.items.find((i: { caseId: string }) => i.caseId === caseId);
    expect(mine).toMatchObject({ ref, score: 100, passed: true });
    // A file whose parties were never told of their rights fails with that reason.
    await h.db.query('DELETE FROM mediation_rights_notices WHERE case_id = $1', [caseId]);
    const again = (await county.get(`/api/mediation/file-review?year=2026&orgId=${await h.orgId('zhangbaqiao')}&failedOnly=true`)).body;
    const failed = again.items.find((i: { caseId: string }) => i.caseId === caseId);
    expect(failed.passed).toBe(false);
    expect(failed.checks.find((c: { key: string }) => c.key === 'rights_notice')).toMatchObject({ ok: false, points: 0, reason: '未告知权利义务：王建国、李海军' });
    expect(again.townships[0]).toMatchObject({ name: '张八桥镇' });
  });

  it('samples a year with more files than one review reads, says so, and picks the same files every time', async () => {
    const county = await h.signIn('county');
    const zhangbaqiao = await h.orgId('zhangbaqiao');
    const full = (await county.get(`/api/mediation/file-review?year=2026&orgId=${zhangbaqiao}`)).body;
    expect(full).toMatchObject({ sampled: false, total: full.items.length, limit: MAX_REVIEW_FILES });
    expect(full.townships).toEqual([expect.objectContaining({ name: '张八桥镇', total: full.items.length, files: full.items.length })]);
    expect(full.items.length).toBeGreaterThan(3);

    const principal = await runSystem(h.platform, async (c) => loadPrincipal(c, await h.userId('county'), 'session'));
    if (!principal) throw new Error('no principal');
    const review = (cap: number) => runScoped(h.platform, { principal, ip: null, requestId: null }, (tx) =>
      runFileReview(tx, h.platform.keys.fields, h.platform.cases.today(), { year: 2026, orgId: zhangbaqiao }, cap));
    const sample = await review(3);
    expect(sample).toMatchObject({ sampled: true, total: full.items.length, limit: 3 });
    expect(sample.townships).toEqual([expect.objectContaining({ name: '张八桥镇', total: full.items.length, files: 3 })]);
    expect(sample.items).toHaveLength(3);
    // Files of the year, scored as the full review scores them; the same three on every reading.
    const scored = new Map(full.items.map((i: { caseId: string; score: number }) => [i.caseId, i.score]));
    for (const i of sample.items) expect(scored.get(i.caseId)).toBe(i.score);
    expect((await review(3)).items.map((i) => i.caseId)).toEqual(sample.items.map((i) => i.caseId));
    // At the cap exactly: every file, not a sample.
    expect(await review(full.items.length)).toMatchObject({ sampled: false, total: full.items.length });
  });

  it('keeps a village\'s files from a neighbour village, one by one and in the year\'s download', async () => {
    const neighbour = await h.signIn('tiaojie2');
    expect((await download(neighbour, `/api/mediation/cases/${caseId}/dossier`)).status).toBe(404);
    const own = await download(neighbour, '/api/mediation/dossiers', { orgId: await h.orgId('S02'), year: 2026 });
    expect(own.status).toBe(200);
    const names = Object.keys((await JSZip.loadAsync(own.bytes)).files);
    expect(names.some((n) => n.includes(ref))).toBe(false);
    expect((await download(neighbour, '/api/mediation/dossiers', { orgId: await h.orgId('S01'), year: 2026 })).status).toBe(404);
    const sifa = await h.signIn('sifa');
    const town = await download(sifa, '/api/mediation/dossiers', { orgId: await h.orgId('S01'), year: 2026 });
    expect(town.status).toBe(200);
    expect(Object.keys((await JSZip.loadAsync(town.bytes)).files).some((n) => n.includes(ref))).toBe(true);
  }, 120_000);

  it('numbers agreed terms however the clerk typed them', () => {
    expect(splitTerms('一、甲方付款；二、乙方撤诉。')).toEqual(['甲方付款。', '乙方撤诉。']);
    expect(splitTerms('1. 甲方付款\n2、乙方撤诉')).toEqual(['甲方付款。', '乙方撤诉。']);
    expect(splitTerms('（1）甲方付款；（2）乙方撤诉')).toEqual(['甲方付款。', '乙方撤诉。']);
    expect(splitTerms('双方互不追究。')).toEqual(['双方互不追究。']);
  });
});
