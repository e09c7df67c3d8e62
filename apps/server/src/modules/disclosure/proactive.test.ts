import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { addWorkingDays } from '../../platform/calendar/index.ts';
import { anotherTownshipClerk } from './disclosure.test-support.ts';
import { multipartBody, samplePdf } from '../attachments/attachments.test-support.ts';

/**
 * Proactive disclosure (主动公开): drafted, reviewed for secrecy and published within 20
 * working days of the information being formed (第二十六条), overdue when not; withdrawn with
 * a public reason; the public site by category with Chinese search.
 */
let h: Harness;
let clerk: Agent;
let head: Agent;
let dzb: string;
let today = '2025-09-22';
beforeAll(async () => {
  h = await createHarness({ lateEntryDays: 3650 }, { today: () => today });
  clerk = await h.signIn('dangzheng');
  head = await h.signIn('leader');
  dzb = await h.orgId('dzb');
});
afterAll(async () => { await h.close(); });

const draft = async (title: string, category: string, content: string, on: string): Promise<string> => {
  today = on;
  const res = await clerk.post('/api/cases', { type: 'proactive', orgId: dzb, title, category, receivedOn: on, data: { content } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.id;
};
const view = async (id: string) => (await clerk.get(`/api/cases/${id}`)).body as { version: number; status: string; deadlines: { key: string; dueDate: string; state: string; onTime: boolean | null }[] };
const step = async (agent: Agent, id: string, transition: string, on: string, fields: Record<string, unknown> = {}) => {
  today = on;
  return agent.post(`/api/cases/${id}/transitions`, { transition, version: (await view(id)).version, on, fields });
};
const site = async (query = '') => (await h.app.inject({ method: 'GET', url: `/api/public/disclosure/items${query}` })).json<{ total: number; categories: { name: string; count: number }[];
  items: { id: string; title: string; status: string; content: string | null; withdrawReason: string | null; publishedOn: string; files: { id: string; name: string }[] }[] }>();
const attach = async (id: string, name: string): Promise<string> => {
  const { payload, headers } = multipartBody(name, samplePdf(), 'application/pdf');
  const res = await h.app.inject({ method: 'POST', url: `/api/cases/${id}/attachments`, payload, headers: { ...headers, cookie: clerk.cookie, 'x-csrf-token': clerk.me.csrfToken } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ id: string }>().id;
};
const publicFile = (id: string, fileId: string) => h.app.inject({ method: 'GET', url: `/api/public/disclosure/items/${id}/files/${fileId}` });

describe('proactive disclosure', () => {
  it('publishes within 20 working days of the information being formed, across the National Day, after the secrecy review', async () => {
    const id = await draft('2025年第三季度农村低保资金发放情况', '社会救助', '本季度共发放低保资金 36.5 万元，涉及 412 户。', '2025-09-22');
    const due = (await view(id)).deadlines.find((d) => d.key === 'publish')?.dueDate;
    expect(due).toBe(addWorkingDays(await h.platform.cases.calendars.forTownship(await h.orgId('zhangbaqiao')), '2025-09-22', 20));
    expect((await step(clerk, id, 'submit_review', '2025-10-09')).status).toBe(200);
    // The secrecy review and publication belong to the head of the disclosure office.
    expect((await step(clerk, id, 'publish', '2025-10-10', { review: '不涉密' })).status).toBe(403);
    const done = await step(head, id, 'publish', '2025-10-10', { review: '经审查不涉及国家秘密，同意公开' });
    expect(done.status).toBe(200);
    expect(done.body.deadlines.find((d: { key: string }) => d.key === 'publish')).toMatchObject({ status: 'met', onTime: true });
    const listed = await site('?q=低保资金');
    expect(listed.items.map((i) => i.id)).toContain(id);
    expect(listed.items.find((i) => i.id === id)).toMatchObject({ status: 'published', publishedOn: '2025-10-10', content: expect.stringContaining('412 户') });
  });

  it('shows an item not published within 20 working days as overdue', async () => {
    const id = await draft('东营村2025年一事一议筹资筹劳方案', '筹资筹劳', '每人筹资 15 元，用于村内道路硬化。', '2025-11-03');
    today = '2025-12-03';
    const clock = (await view(id)).deadlines.find((d) => d.key === 'publish');
    expect(clock?.dueDate).toBe('2025-12-01');
    expect(clock?.state).toBe('overdue');
    const board = (await clerk.get('/api/cases/overdue')).body.items as { caseId: string }[];
    expect(board.map((b) => b.caseId)).toContain(id);
  });

  it('keeps a withdrawn item withdrawn on the public site, with its public reason and without its content', async () => {
    const id = await draft('西营村宅基地审批结果公示', '宅基地使用情况审核', '西营村 3 户宅基地申请已审批。', '2025-11-10');
    await step(clerk, id, 'submit_review', '2025-11-11');
    await step(head, id, 'publish', '2025-11-12', { review: '同意公开' });
    expect((await step(clerk, id, 'withdraw', '2025-11-20', { reason: '公示名单有误' })).status).toBe(403);
    expect((await step(head, id, 'withdraw', '2025-11-20', { reason: '公示名单有误，更正后重新公开' })).status).toBe(200);
    const item = (await site('?category=宅基地使用情况审核')).items.find((i) => i.id === id);
    expect(item).toMatchObject({ status: 'withdrawn', content: null, withdrawReason: '公示名单有误，更正后重新公开' });
    // Its content no longer matches a search; nothing takes it back to published.
    expect((await site('?q=3 户宅基地')).items.map((i) => i.id)).not.toContain(id);
    expect((await step(head, id, 'publish', '2025-11-21', { review: '再次公开' })).body.error.code).toBe('CASE_TRANSITION_UNAVAILABLE');
    expect((await site('?category=宅基地使用情况审核')).items.find((i) => i.id === id)?.status).toBe('withdrawn');
  });

  it('publishes the files reviewed with an item, finds it by words of its content, and keeps later files internal', async () => {
    const id = await draft('2025年秋季耕地地力保护补贴发放公示', '农业农村政策', '本季度耕地地力保护补贴按确权面积发放到户，标准为每亩105元。', '2025-11-17');
    const reviewed = await attach(id, '补贴发放花名册（已脱敏）.pdf');
    await step(clerk, id, 'submit_review', '2025-11-18');
    // Before publication nothing of it is public, the file neither.
    expect((await publicFile(id, reviewed)).statusCode).toBe(404);
    await step(head, id, 'publish', '2025-11-19', { review: '经审查不涉密，花名册已脱敏，同意公开' });
    const later = await attach(id, '内部审核意见.pdf');
    // Words of the content, in another order and apart (jieba's segmentation in the index).
    const found = (await site(`?q=${encodeURIComponent('确权面积 地力保护')}`)).items.find((i) => i.id === id);
    expect(found?.files.map((f) => f.name)).toEqual(['补贴发放花名册（已脱敏）.pdf']);
    const file = await publicFile(id, reviewed);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(samplePdf())).toBe(true);
    // A file added after the secrecy review is not published; nor is a file of another item.
    expect((await publicFile(id, later)).statusCode).toBe(404);
    const other = await draft('他项事项', '财政收支', '草稿', '2025-11-19');
    expect((await publicFile(other, reviewed)).statusCode).toBe(404);
    // Withdrawn: the files go with the content.
    await step(head, id, 'withdraw', '2025-11-24', { reason: '补贴标准更正后重新公开' });
    expect((await site('?category=农业农村政策')).items.find((i) => i.id === id)?.files).toEqual([]);
    expect((await publicFile(id, reviewed)).statusCode).toBe(404);
  });

  it('lists no draft on the public site, and no item to another township\'s clerk', async () => {
    const id = await draft('镇政府2026年财政预算（草稿）', '财政收支', '草稿内容', '2025-11-10');
    expect((await site()).items.map((i) => i.id)).not.toContain(id);
    const other = await anotherTownshipClerk(h);
    expect((await other.get(`/api/cases/${id}`)).status).toBe(404);
    expect((await h.app.inject({ method: 'GET', url: '/api/public/disclosure/items?township=nowhere' })).statusCode).toBe(404);
  });
});
