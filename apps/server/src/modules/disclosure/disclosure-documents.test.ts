import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync, mkdirSync } from 'node:fs';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { docxText, readDocxParts } from '../../platform/documents/docx-zip.ts';
import { sm3 } from '../../platform/crypto/sm.ts';
import { applicant, intakeOf } from './disclosure.test-support.ts';

/**
 * Each reply type of 第三十六、三十七条 produces its reply in the official layout, with the
 * remedies; the receipt, the correction notice and the extension notice; the fee printed by
 * one method; and the portal: apply, be asked to correct, track, download the reply.
 */
let h: Harness;
let clerk: Agent;
let leader: Agent;
let dzb: string;
const today = '2025-11-03';
beforeAll(async () => {
  h = await createHarness({}, { today: () => today });
  clerk = await h.signIn('dangzheng');
  leader = await h.signIn('leader');
  dzb = await h.orgId('dzb');
});
afterAll(async () => { await h.close(); });

const fetchDoc = async (agent: Agent, url: string, method: 'GET' | 'POST' = 'GET', payload?: object) => {
  const res = await h.app.inject({ method, url, payload, headers: { cookie: agent.cookie, 'x-csrf-token': agent.me.csrfToken } });
  const ok = res.statusCode === 200;
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload, text: ok ? docxText(readDocxParts(res.rawPayload).get('word/document.xml') ?? '') : '', json: ok ? null : res.json() };
};
const open = async (parties: object[] = [applicant]): Promise<string> => {
  const res = await clerk.post('/api/cases', { type: 'disclosure', orgId: dzb, title: '申请公开村道维修资金使用情况', receivedOn: today, parties, data: intakeOf('in_person') });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.id;
};
const version = async (id: string): Promise<number> => (await clerk.get(`/api/cases/${id}`)).body.version;
const reply = async (id: string, fields: Record<string, unknown>) => {
  const r = await clerk.post(`/api/cases/${id}/transitions`, { transition: 'reply', version: await version(id), on: today, fields });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
};
const keep = (name: string, bytes: Buffer) => {
  if (!process.env.FAZHI_DOC_DIR) return;
  mkdirSync(process.env.FAZHI_DOC_DIR, { recursive: true });
  writeFileSync(`${process.env.FAZHI_DOC_DIR}/${name}.docx`, bytes);
};

const cases: [string, Record<string, unknown>, string[]][] = [
  ['already_public', { replyType: 'already_public', location: '张八桥镇人民政府门户网站“政府信息公开—财政资金”栏目' }, ['已经主动公开', '第三十六条第一项', '财政资金']],
  ['provided', { replyType: 'provided', provided: '2024年东营村村道维修资金使用明细表' }, ['第三十六条第二项', '使用明细表', '提供形式：纸质']],
  ['partly_provided', { replyType: 'partly_provided', withholdReason: 'third_party', reason: '明细表中施工单位负责人的身份证号码属于个人隐私。', provided: '明细表（已删除个人隐私）' },
    ['第三十七条', '第十五条', '个人隐私']],
  ['withheld', { replyType: 'withheld', withholdReason: 'process_information', reason: '所申请的是镇党委会议讨论记录，属于过程性信息。' }, ['第三十六条第三项', '第十六条第二款', '过程性信息', '不予公开']],
  ['not_exist', { replyType: 'not_exist' }, ['第三十六条第四项', '该政府信息不存在']],
  ['not_ours', { replyType: 'not_ours', agency: '宝丰县交通运输局', agencyContact: '0375-6110000' }, ['第三十六条第五项', '宝丰县交通运输局', '0375-6110000']],
  ['repeat', { replyType: 'repeat', earlierRef: '张八桥-公-2025-0001' }, ['第三十六条第六项', '不予重复处理', '张八桥-公-2025-0001']],
  ['special_regime', { replyType: 'special_regime', regime: '不动产登记资料请向宝丰县不动产登记中心申请查询' }, ['第三十六条第七项', '不动产登记中心']],
];

describe('disclosure documents', () => {
  it.each(cases)('answers %s with its reply, the regulation cited and the remedies printed', async (name, fields, expected) => {
    const id = await open();
    await reply(id, fields);
    const doc = await fetchDoc(clerk, `/api/disclosure/cases/${id}/documents/reply/download`, 'POST');
    expect(doc.status).toBe(200);
    expect(doc.headers['x-document-sm3']).toBe(sm3(doc.bytes).toString('hex'));
    expect(doc.text).toContain('政府信息公开申请答复书');
    expect(doc.text).toContain('王建国');
    expect(doc.text).toContain('2024年东营村村道维修资金的使用情况');
    for (const e of expected) expect(doc.text).toContain(e);
    // 第五十一条: the remedies, to the county above the township.
    expect(doc.text).toContain('六十日内向宝丰县人民政府申请行政复议');
    expect(doc.text).toContain('六个月内依法向人民法院提起行政诉讼');
    expect(doc.text).toContain('张八桥镇人民政府');
    // Names only: no sealed data on a reply.
    expect(doc.text).not.toContain(applicant.idNumber);
    keep(`reply-${name}`, doc.bytes);
  });

  it('prints the receipt, the correction notice with its window and the extension notice with the new due date', async () => {
    const id = await open();
    const receipt = await fetchDoc(clerk, `/api/disclosure/cases/${id}/documents/receipt/download`, 'POST');
    expect(receipt.text).toContain('政府信息公开申请登记回执');
    expect(receipt.text).toContain('以提交之日为收到申请之日');
    expect(receipt.text).toContain('2025年11月3日');
    keep('receipt', receipt.bytes);
    expect((await fetchDoc(clerk, `/api/disclosure/cases/${id}/documents/correction_notice/download`, 'POST')).json.error.code).toBe('DOCUMENT_NOT_AVAILABLE');
    await clerk.post(`/api/cases/${id}/transitions`, { transition: 'ask_correction', version: await version(id), on: today, fields: { items: '请写明所需信息的年份和村名。' } });
    const notice = await fetchDoc(clerk, `/api/disclosure/cases/${id}/documents/correction_notice/download`, 'POST');
    expect(notice.text).toContain('政府信息公开申请补正告知书');
    expect(notice.text).toContain('请写明所需信息的年份和村名。');
    expect(notice.text).toContain('视为放弃申请');
    keep('correction', notice.bytes);
    const other = await open();
    expect((await leader.post(`/api/cases/${other}/deadlines/reply/extend`, { length: 10, reason: '需调取多个村的档案' })).status).toBe(200);
    const ext = await fetchDoc(clerk, `/api/disclosure/cases/${other}/documents/extension_notice/download`, 'POST');
    expect(ext.text).toContain('延长政府信息公开答复期限告知书');
    expect(ext.text).toContain('答复期限延长10个工作日');
    expect(ext.text).toContain('需调取多个村的档案');
    // 2025-11-03 + 20 + 10 working days = 2025-12-15.
    expect(ext.text).toContain('2025年12月15日');
    keep('extension', ext.bytes);
  });

  it('computes the fee by one method: the applicant\'s 11th request of the month costs ¥100 by count; 31 pages ¥10', async () => {
    const ids: string[] = [];
    const busy = { ...applicant, name: '陈志强', idNumber: '410421199001011237' };
    for (let i = 0; i < 11; i++) ids.push(await open([busy]));
    const last = ids.at(-1) ?? '';
    expect((await clerk.get(`/api/disclosure/cases/${ids[9]}/fee?method=count`)).body).toMatchObject({ method: 'count', units: 10, amount: 0 });
    expect((await clerk.get(`/api/disclosure/cases/${last}/fee?method=count`)).body).toMatchObject({ method: 'count', units: 11, amount: 100 });
    expect((await clerk.get(`/api/disclosure/cases/${last}/fee?method=pages&pages=31`)).body).toMatchObject({ method: 'pages', amount: 10 });
    expect((await clerk.get(`/api/disclosure/cases/${last}/fee?method=pages`)).status).toBe(400);
    // Another applicant's first request of the month is free.
    const fresh = await open([{ ...applicant, name: '李秀英', idNumber: '410421197001011226' }]);
    expect((await clerk.get(`/api/disclosure/cases/${fresh}/fee?method=count`)).body.amount).toBe(0);
    await reply(last, { replyType: 'provided', provided: '资料一份', feeMethod: 'count' });
    const doc = await fetchDoc(clerk, `/api/disclosure/cases/${last}/documents/reply/download`, 'POST');
    expect(doc.text).toContain('本自然月内第11件，按件计收，应缴纳信息处理费100元');
    expect(doc.text).not.toContain('按量计收');
  });

  it('lets an applicant apply on the portal, be asked to correct, track it, and download the reply', async () => {
    const anon = await h.app.inject({ method: 'POST', url: '/api/public/disclosure/applications', payload: {
      applicant: { type: 'citizen', name: '赵红梅', idNumber: '410421198802021228', phone: '13900139000' },
      information: '东营村2024年低保户评审会议纪要', form: 'electronic', delivery: 'online', consent: true } });
    expect(anon.statusCode, anon.body).toBe(200);
    const applied = anon.json<{ id: string; trackingNo: string; queryCode: string; smsTo: string | null }>();
    expect(applied.trackingNo).toBeTruthy();
    const kase = (await clerk.get(`/api/cases/${applied.id}`)).body;
    expect(kase).toMatchObject({ type: 'disclosure', orgName: '党政办', data: { channel: 'portal', receiptRule: 'both_confirmed', applicantType: 'citizen' } });
    expect(kase.parties[0].idNumberMasked).not.toContain('19880202');
    await clerk.post(`/api/cases/${applied.id}/transitions`, { transition: 'ask_correction', version: kase.version, on: today, fields: { items: '请说明会议的大致时间。' } });
    const track = await h.app.inject({ method: 'POST', url: '/api/public/track', payload: { no: applied.trackingNo, code: applied.queryCode } });
    const view = track.json<{ found: boolean; view: { statusLabel: { zh: string }; timeline: { label: { zh: string } }[] } }>();
    expect(view.found).toBe(true);
    expect(view.view.statusLabel.zh).toBe('请按补正告知书补正申请');
    const early = await h.app.inject({ method: 'POST', url: '/api/public/disclosure/reply', payload: { no: applied.trackingNo, code: applied.queryCode } });
    expect(early.statusCode).toBe(422);
    let v = (await clerk.get(`/api/cases/${applied.id}`)).body.version;
    await clerk.post(`/api/cases/${applied.id}/transitions`, { transition: 'corrected', version: v, on: today });
    v = (await clerk.get(`/api/cases/${applied.id}`)).body.version;
    const done = await clerk.post(`/api/cases/${applied.id}/transitions`, { transition: 'reply', version: v, on: today, fields: { replyType: 'withheld', withholdReason: 'third_party', reason: '纪要载有申请低保家庭的收入和健康状况，属于个人隐私。' } });
    expect(done.status).toBe(200);
    const wrong = await h.app.inject({ method: 'POST', url: '/api/public/disclosure/reply', payload: { no: applied.trackingNo, code: applied.queryCode === '000000' ? '111111' : '000000' } });
    expect(wrong.statusCode).toBe(404);
    const got = await h.app.inject({ method: 'POST', url: '/api/public/disclosure/reply', payload: { no: applied.trackingNo, code: applied.queryCode } });
    expect(got.statusCode).toBe(200);
    const text = docxText(readDocxParts(got.rawPayload).get('word/document.xml') ?? '');
    expect(text).toContain('赵红梅');
    expect(text).toContain('第十五条');
    expect((await h.db.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.document_public' AND entity_id = $1", [applied.id])).rows[0]?.n).toBe(1);
  });
});
