import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { classifyInputError } from '../db/db-errors.ts';
import { findUnacceptable } from './input-guard.ts';
import { isCalendarDay, isDateTime, isUuid } from './formats.ts';

/**
 * The inputs of issue 10 ("No 500 for bad input", docs/reliability.md section 3), each as it
 * was reported: refused at the edge with 400 VALIDATION naming the field, or, where only the
 * database can tell (a duplicate, a missing reference), answered 409/422 with a stable code.
 */
let h: Harness;
let sifa: Agent;
let village = '';
let committee = '';

const json = async (method: 'POST' | 'GET', url: string, payload: string, agent?: Agent) => {
  const res = await h.app.inject({
    method, url, payload: method === 'GET' ? undefined : payload,
    headers: { 'content-type': 'application/json', ...(agent ? { cookie: agent.cookie, 'x-csrf-token': agent.me.csrfToken } : {}) },
  });
  return { status: res.statusCode, body: res.json() };
};
const application = (over: Record<string, unknown> = {}) => ({
  villageId: village, category: '邻里', applicant: { name: '王某', phone: '13912340000' }, respondent: { name: '李某' },
  facts: '邻居家的排水沟堵塞，雨水流进我家院子。', claims: '疏通排水沟', consent: true, ...over,
});

beforeAll(async () => {
  h = await createHarness();
  sifa = await h.signIn('sifa');
  village = await h.orgId('S01');
  committee = (await h.db.query<{ id: string }>('SELECT id FROM mediation_committees WHERE org_id = $1', [village])).rows[0]?.id ?? '';
});
afterAll(async () => { await h.close(); });

describe('refused at the edge', () => {
  it('NUL in sign-in and in the public mediation application (not signed in): 400 with the field', async () => {
    const signIn = await json('POST', '/api/auth/sign-in', JSON.stringify({ username: 'admin\u0000', password: 'x' }));
    expect(signIn.status).toBe(400);
    expect(signIn.body.error.code).toBe('VALIDATION');
    expect(signIn.body.error.details.fields).toEqual([{ path: 'body/username', rule: 'nul', message: expect.any(String) }]);
    const applied = await json('POST', '/api/public/mediation/applications', JSON.stringify(application({ respondent: { name: '李\u0000某' } })));
    expect(applied.status).toBe(400);
    expect(applied.body.error.details.fields[0]).toMatchObject({ path: 'body/respondent/name', rule: 'nul' });
    expect((await h.db.query("SELECT 1 FROM cases WHERE title LIKE '%李%某%' AND created_at > now() - interval '1 minute'")).rowCount).toBe(0);
  });

  it('a lone surrogate in a comment, a title, a name or a key: 400', async () => {
    const kase = (await h.db.query<{ id: string }>("SELECT id FROM cases WHERE case_type = 'mediation' AND org_id = $1 LIMIT 1", [village])).rows[0]?.id;
    const comment = await json('POST', `/api/cases/${kase}/comments`, JSON.stringify({ text: '已电话联系\ud800' }), sifa);
    expect(comment.status).toBe(400);
    expect(comment.body.error.details.fields[0]).toMatchObject({ path: 'body/text', rule: 'surrogate' });
    const named = await json('POST', '/api/mediation/committees', JSON.stringify({ orgId: village, kind: 'studio', name: '\udfff工作室' }), sifa);
    expect(named.body.error.details.fields[0]).toMatchObject({ path: 'body/name', rule: 'surrogate' });
    // A pair is text: a name with an emoji outside the BMP is taken.
    const pair = await json('POST', '/api/mediation/committees', JSON.stringify({ orgId: village, kind: 'studio', name: '老娘舅工作室😀' }), sifa);
    expect(pair.status).toBe(200);
    const key = await json('POST', '/api/public/mediation/applications', JSON.stringify({ ...application(), 'x\ud800': 1 }));
    expect(key.status).toBe(400);
  });

  it('impossible dates that look like dates: 400', async () => {
    const override = await json('POST', '/api/calendar/overrides', JSON.stringify({ day: '2026-02-30', kind: 'holiday', name: '录入错误' }), await h.signIn('admin'));
    expect(override.status).toBe(400);
    expect(override.body.error.details.fields[0]).toMatchObject({ path: 'body/day', rule: 'format' });
    const list = await sifa.get('/api/cases?from=2026-02-30');
    expect(list.status).toBe(400);
    const due = await sifa.get('/api/calendar/due?from=2026-13-01&days=5&unit=wd');
    expect(due.status).toBe(400);
    const received = await sifa.post('/api/cases', { type: 'mediation', orgId: village, title: '日期错误', receivedOn: '2026-02-30' });
    expect(received.status).toBe(400);
    expect(received.body.error.details.fields[0]).toMatchObject({ path: 'body/receivedOn', rule: 'format' });
  });

  it('1e999 (Infinity) as page, year, limit or a body number: 400', async () => {
    for (const url of ['/api/cases?page=1e999', '/api/tasks?pageSize=-1e999', '/api/mediation/stats?year=1e999', '/api/notifications?page=Infinity',
      '/api/mediation/ledger/imports/00000000-0000-4000-8000-000000000000?limit=1e999']) {
      const res = await sifa.get(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error.code, url).toBe('VALIDATION');
    }
    const body = await json('POST', '/api/public/track/rating', '{"no":"2026ABCDEF","code":"123456","score":1e999}');
    expect(body.status).toBe(400);
  });

  it('a uuid in a form PostgreSQL does not take: 400', async () => {
    const res = await sifa.get(`/api/cases/urn:uuid:${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`);
    expect(res.status).toBe(400);
  });
});

describe('refused by the database, answered as the caller\'s problem', () => {
  it('a duplicate committee name: 409 DUPLICATE naming the constraint', async () => {
    const name = (await h.db.query<{ name: string }>('SELECT name FROM mediation_committees WHERE id = $1', [committee])).rows[0]?.name;
    const res = await json('POST', '/api/mediation/committees', JSON.stringify({ orgId: village, kind: 'village', name }), sifa);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('DUPLICATE');
    // Under row-level security PostgreSQL leaves the key out of its detail: the constraint names the columns.
    expect(res.body.error.details).toMatchObject({ sqlState: '23505', table: 'mediation_committees', constraint: expect.stringMatching(/name/) });
    expect(JSON.stringify(res.body)).not.toContain(name);
  });

  it('a mediator\'s unknown userId: 422 REFERENCE_NOT_FOUND in Chinese, and in English', async () => {
    const body = JSON.stringify({ committeeId: committee, name: '新调解员', userId: '00000000-0000-4000-8000-000000000001' });
    const res = await json('POST', '/api/mediation/mediators', body, sifa);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'REFERENCE_NOT_FOUND', message: '引用的记录不存在（如所选人员或机构已被删除），请刷新后重试' });
    const en = await sifa.request('POST', '/api/mediation/mediators', JSON.parse(body), { 'accept-language': 'en' });
    expect(en.body.error.message).toMatch(/^A record this refers to does not exist/);
  });

  it('an unknown id among a new case\'s assigneeIds: a 4xx, never a 500', async () => {
    const res = await sifa.post('/api/cases', { type: 'mediation', orgId: village, title: '指派未知人员', assigneeIds: ['00000000-0000-4000-8000-000000000002'] });
    expect(res.status).toBe(422);
    expect(['ASSIGNEE_NOT_ELIGIBLE', 'REFERENCE_NOT_FOUND']).toContain(res.body.error.code);
  });
});

describe('the rules themselves', () => {
  it('finds NUL, lone surrogates and non-finite numbers anywhere, and nothing in good input', () => {
    expect(findUnacceptable({ a: [{ b: 'ok' }, 1.5, null, true, '😀'] })).toBeNull();
    expect(findUnacceptable({ a: [{ b: 'x\u0000' }] })).toMatchObject({ path: '/a/0/b', rule: 'nul' });
    expect(findUnacceptable({ a: '\ud83d' })).toMatchObject({ path: '/a', rule: 'surrogate' });
    expect(findUnacceptable({ a: '\ude00x' })).toMatchObject({ rule: 'surrogate' });
    expect(findUnacceptable({ n: -Infinity })).toMatchObject({ path: '/n', rule: 'finite' });
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnacceptable(deep)).toMatchObject({ rule: 'depth' });
  });

  it('formats: real days, representable moments, plain uuids', () => {
    expect(['2024-02-29', '2026-12-31', '0001-01-01'].every(isCalendarDay)).toBe(true);
    expect(['2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '0000-01-01', '1900-02-29', '2026-1-01'].some(isCalendarDay)).toBe(false);
    expect(['2026-11-26T09:00:00+08:00', '2026-11-26T01:00:00.123Z', '2026-11-26T09:00:00-12:00'].every(isDateTime)).toBe(true);
    expect(['2026-02-30T09:00:00Z', '2026-11-26T09:00:00+23:59', '2026-12-31T23:59:60Z', '2026-11-26T24:00:00Z', '2026-11-26T09:00:00'].some(isDateTime)).toBe(false);
    expect(isUuid('0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0')).toBe(true);
    expect(isUuid('urn:uuid:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0')).toBe(false);
  });

  it('classifies PostgreSQL\'s refusals of input, and nothing that is not PostgreSQL\'s', () => {
    const pgError = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error('x'), { code, severity: 'ERROR', ...extra });
    expect(classifyInputError(pgError('23505', { constraint: 'users_username_key', table: 'users', detail: 'Key (username)=(wang) already exists.' })))
      .toEqual({ code: 'DUPLICATE', details: { sqlState: '23505', constraint: 'users_username_key', table: 'users', columns: ['username'] } });
    expect(classifyInputError(pgError('23503'))?.code).toBe('REFERENCE_NOT_FOUND');
    for (const s of ['23514', '23502', '22P02', '22008', '22003', '22001', '22021', '22P05']) expect(classifyInputError(pgError(s))?.code, s).toBe('VALUE_NOT_ACCEPTED');
    expect(classifyInputError(new Error('wrapped', { cause: pgError('23505') }))?.code).toBe('DUPLICATE');
    expect(classifyInputError(pgError('42P18'))).toBeNull();
    expect(classifyInputError(Object.assign(new Error('x'), { code: '23505' }))).toBeNull();
  });
});
