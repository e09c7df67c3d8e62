import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../../test/harness.ts';
import { sealField, sm3 } from '../../../platform/crypto/sm.ts';
import { docxText, readDocxParts } from '../../../platform/documents/docx-zip.ts';
import { sampleCaseType } from '../../../test/sample-case-type.ts';
import { splitTerms } from './agreement.document.ts';

/**
 * The mediation documents through the API, on the demo town's 2023 cases (made through the
 * case engine): content from the case, personal data full or masked by pii.unmask with the
 * view audited, the case's visibility, and keeping a document on the timeline.
 */
let h: Harness;
let resolved: { id: string; ref: string; terms: string; names: string[] };
let failed: { id: string; route: string; names: string[] };
const ID_NUMBER = '410421196503021234';

/** A document as the console asks for it: `read` hands it out (POST …/download), `keep` also keeps it on the case. */
const fetchDoc = async (agent: Agent, url: string, how: 'read' | 'keep' = 'read') => {
  const target = how === 'read' ? url.replace(/(\/documents\/[a-z]+)/, '$1/download') : url;
  const res = await h.app.inject({ method: 'POST', url: target, headers: { cookie: agent.cookie, 'x-csrf-token': agent.me.csrfToken } });
  const ok = res.statusCode === 200;
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload, text: ok ? docxText(readDocxParts(res.rawPayload).get('word/document.xml') ?? '') : '', json: ok ? null : res.json() };
};
const auditCount = async (action: string, caseId: string): Promise<number> =>
  Number((await h.db.query<{ n: string }>("SELECT count(*) AS n FROM audit_log WHERE action = $1 AND (entity_id = $2 OR after ->> 'caseId' = $2)", [action, caseId])).rows[0]?.n);

beforeAll(async () => {
  h = await createHarness({}, { caseTypes: [sampleCaseType] });
  const s01 = await h.orgId('S01');
  const r = (await h.db.query<{ id: string; ref: string; terms: string }>(
    `SELECT k.id, k.ref, k.steps -> 'reach_agreement' ->> 'terms' AS terms FROM cases k
      WHERE k.case_type = 'mediation' AND k.status = 'resolved' AND k.year = 2023 AND k.org_id = $1
        AND k.steps -> 'reach_agreement' ->> 'agreementForm' = 'written' AND EXISTS (SELECT 1 FROM mediation_sessions s WHERE s.case_id = k.id)
      ORDER BY k.ref LIMIT 1`, [s01])).rows[0];
  const f = (await h.db.query<{ id: string; route: string }>(
    "SELECT id, steps -> 'fail' ->> 'legalRoute' AS route FROM cases WHERE case_type = 'mediation' AND status = 'failed' AND year = 2023 ORDER BY ref LIMIT 1")).rows[0];
  if (!r || !f) throw new Error('the demo town has no resolved or failed 2023 mediation case');
  const names = async (id: string) => (await h.db.query<{ name: string }>('SELECT name FROM case_parties WHERE case_id = $1 ORDER BY sort_order', [id])).rows.map((x) => x.name);
  resolved = { ...r, names: await names(r.id) };
  failed = { ...f, names: await names(f.id) };
  // The demo's parties have phones and addresses; give the applicant an ID number too.
  await h.db.query('UPDATE case_parties SET id_number_enc = $2 WHERE id = (SELECT id FROM case_parties WHERE case_id = $1 ORDER BY sort_order LIMIT 1)',
    [r.id, sealField(h.platform.keys.fields, ID_NUMBER)]);
});
afterAll(async () => { await h.close(); });

describe('mediation documents', () => {
  it('fills the agreement from the case: parties, facts, terms, 第二十九条, copies, signature blocks', async () => {
    const sifa = await h.signIn('sifa');
    const before = await auditCount('pii.view', resolved.id);
    const doc = await fetchDoc(sifa, `/api/mediation/cases/${resolved.id}/documents/agreement`);
    expect(doc.status).toBe(200);
    expect(doc.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(doc.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`${resolved.ref}-人民调解协议书.docx`)}`);
    expect(doc.headers['x-document-sm3']).toBe(sm3(doc.bytes).toString('hex'));
    for (const n of resolved.names) expect(doc.text).toContain(n);
    expect(doc.text).toContain('人民调解协议书');
    for (const term of splitTerms(resolved.terms)) expect(doc.text).toContain(term);
    expect(doc.text).toContain('第二十九条');
    expect(doc.text).toContain('本协议一式三份，当事人各执一份，人民调解委员会留存一份。');
    expect(doc.text).toMatch(/申请人\S+（签名、盖章或按指印）/);
    expect(doc.text).toMatch(/人民调解员\S*（签名）/);
    expect(doc.text).toContain('东营村人民调解委员会');
    // The national layout: A4, top 37 mm and left 28 mm in twips, the standard's fonts named for Chinese text.
    const parts = readDocxParts(doc.bytes);
    expect(parts.get('word/document.xml')).toMatch(/<w:pgSz w:w="11906" w:h="16838"[^>]*\/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    for (const font of ['方正小标宋简体', '黑体']) expect(parts.get('word/document.xml')).toContain(`w:eastAsia="${font}"`);
    expect(parts.get('word/styles.xml')).toContain('w:eastAsia="仿宋_GB2312"');
    // 司法所 staff hold pii.unmask over the town: the full ID number, sex and birth date, audited per party.
    expect(doc.text).toContain(`公民身份号码${ID_NUMBER}`);
    expect(doc.text).toMatch(/男，[汉回]族，1965年3月2日出生/);
    expect(await auditCount('pii.view', resolved.id)).toBe(before + resolved.names.length);
  });

  it('masks personal data for a mediator without pii.unmask, and on request, without an audit row', async () => {
    const before = await auditCount('pii.view', resolved.id);
    const mediator = await h.signIn('tiaojie1');
    const doc = await fetchDoc(mediator, `/api/mediation/cases/${resolved.id}/documents/agreement`);
    expect(doc.status).toBe(200);
    expect(doc.text).toContain('公民身份号码4104**********1234');
    expect(doc.text).not.toContain(ID_NUMBER);
    expect(doc.text).toMatch(/联系电话1\d{2}\*{4}\d{4}/);
    const sifa = await h.signIn('sifa');
    const masked = await fetchDoc(sifa, `/api/mediation/cases/${resolved.id}/documents/application?masked=true`);
    expect(masked.text).not.toContain(ID_NUMBER);
    expect(await auditCount('pii.view', resolved.id)).toBe(before);
  });

  it('makes the application, the registration form and the session records', async () => {
    const mediator = await h.signIn('tiaojie1');
    const application = await fetchDoc(mediator, `/api/mediation/cases/${resolved.id}/documents/application`);
    expect(application.text).toContain('人民调解申请书');
    expect(application.text).toContain('此致');
    const registration = await fetchDoc(mediator, `/api/mediation/cases/${resolved.id}/documents/registration`);
    expect(registration.text).toContain('人民调解受理登记表');
    expect(registration.text).toContain(resolved.ref);
    expect(registration.text).toMatch(/同意受理（\d{4}年\d{1,2}月\d{1,2}日）/);
    expect(readDocxParts(registration.bytes).get('word/document.xml')).toContain('<w:tbl>');
    const sessions = (await h.db.query<{ id: string; place: string }>('SELECT id, place FROM mediation_sessions WHERE case_id = $1 ORDER BY held_at', [resolved.id])).rows;
    const record = await fetchDoc(mediator, `/api/mediation/cases/${resolved.id}/documents/record`);
    expect(record.text).toContain('调解笔录');
    for (const s of sessions) expect(record.text).toContain(s.place);
    if (sessions.length > 1) expect(record.text).toContain('调解笔录（第2次）');
    for (const n of resolved.names) expect(record.text).toMatch(new RegExp(`当事人签名：${n}（\\d{4}年\\d+月\\d+日\\d+时\\d{2}分签名`));
    const one = await fetchDoc(mediator, `/api/mediation/cases/${resolved.id}/documents/record?session=${sessions[0]?.id ?? ''}`);
    expect(one.text).not.toContain('第2次');
  });

  it('tells the parties of a failed mediation the routes of 第二十六条', async () => {
    const sifa = await h.signIn('sifa');
    const doc = await fetchDoc(sifa, `/api/mediation/cases/${failed.id}/documents/termination`);
    expect(doc.status).toBe(200);
    for (const s of ['终止调解告知书', '第二十六条', '仲裁', '行政', '司法', failed.route.replace(/^告知(当事人)?/, ''), '送达回执', ...failed.names]) expect(doc.text).toContain(s);
    const none = await fetchDoc(sifa, `/api/mediation/cases/${failed.id}/documents/agreement`);
    expect(none.status).toBe(422);
    expect(none.json.error.code).toBe('DOCUMENT_NOT_AVAILABLE');
    expect((await fetchDoc(sifa, `/api/mediation/cases/${resolved.id}/documents/termination`)).status).toBe(422);
  });

  it('keeps a case of another village out of reach, and a non-mediation case too', async () => {
    const other = await h.signIn('tiaojie2');
    for (const method of ['read', 'keep'] as const) {
      const res = await fetchDoc(other, `/api/mediation/cases/${resolved.id}/documents/agreement`, method);
      expect(res.status).toBe(404);
    }
    const office = await h.signIn('dangzheng');
    expect((await fetchDoc(office, `/api/mediation/cases/${resolved.id}/documents/agreement`)).status).toBe(403);
    const clerk = await h.signIn('sifa');
    expect((await fetchDoc(clerk, '/api/mediation/cases/00000000-0000-4000-8000-000000000000/documents/agreement')).status).toBe(404);
    expect((await fetchDoc(clerk, `/api/mediation/cases/${resolved.id}/documents/nonsense`)).status).toBe(400);
    // A case of another type, visible to the caller: not a mediation case, so no mediation document.
    const petition = await (await h.signIn('xinfang')).post('/api/cases', { type: 'sample', orgId: await h.orgId('S01'), title: '另一类事项' });
    expect(petition.status).toBe(200);
    const leader = await h.signIn('leader');
    expect((await leader.get(`/api/cases/${petition.body.id}`)).status).toBe(200);
    expect((await fetchDoc(leader, `/api/mediation/cases/${petition.body.id}/documents/application`)).status).toBe(404);
  });

  it('keeps a generated document on the case: a timeline entry with the SM3 of the bytes, for handlers only', async () => {
    const events = async () => (await h.db.query<{ payload: { kind: string; sm3: string; fileName: string } }>(
      "SELECT payload FROM case_events WHERE case_id = $1 AND kind = 'document' ORDER BY id", [resolved.id])).rows;
    const viewer = await h.signIn('zongzhi');
    expect((await fetchDoc(viewer, `/api/mediation/cases/${resolved.id}/documents/agreement`)).status).toBe(200);
    expect((await fetchDoc(viewer, `/api/mediation/cases/${resolved.id}/documents/agreement`, 'keep')).status).toBe(403);
    expect(await events()).toHaveLength(0);
    const mediator = await h.signIn('tiaojie1');
    const kept = await fetchDoc(mediator, `/api/mediation/cases/${resolved.id}/documents/agreement`, 'keep');
    expect(kept.status).toBe(200);
    const [e] = await events();
    expect(e?.payload.kind).toBe('agreement');
    expect(e?.payload.sm3).toBe(sm3(kept.bytes).toString('hex'));
    expect(e?.payload.fileName).toBe(`${resolved.ref}-人民调解协议书.docx`);
    expect(await auditCount('case.document', resolved.id)).toBe(1);
    const page = await mediator.get(`/api/cases/${resolved.id}`);
    expect(page.body.timeline.some((t: { kind: string }) => t.kind === 'document')).toBe(true);
  });
});
