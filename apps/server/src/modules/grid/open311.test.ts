import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';

/**
 * Open311 GeoReport v2 as a client that knows only the spec sees it: plain fetch over HTTP,
 * form-encoded POST bodies, JSON answers, errors as an array of { code, description }. A
 * request becomes a grid event exactly as a 随手拍 does, and the public list shows nothing
 * personal.
 */
let h: Harness;
let base = '';
beforeAll(async () => {
  h = await createHarness({}, { today: () => '2026-11-26' });
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}/open311/v2`;
});
afterAll(async () => { await h.close(); });

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString(),
});

describe('services', () => {
  it('lists the grid event categories as services, each with its definition', async () => {
    const res = await fetch(`${base}/services.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const services = await res.json() as { service_code: string; service_name: string; metadata: boolean; type: string; group: string }[];
    expect(services.map((s) => s.service_code)).toEqual(expect.arrayContaining(['dispute', 'sanitation', 'fire', 'other']));
    expect(services.find((s) => s.service_code === 'fire')).toMatchObject({ service_name: '消防隐患', metadata: false, type: 'realtime' });
    const def = await fetch(`${base}/services/fire.json`);
    expect(await def.json()).toEqual({ service_code: 'fire', attributes: [] });
    const none = await fetch(`${base}/services/ufo.json`);
    expect(none.status).toBe(404);
    const err = await none.json() as { code: number; description: string }[];
    expect(err).toEqual([{ code: 404, description: expect.stringMatching(/[\u4e00-\u9fff]/) }]);
  });
});

describe('requests', () => {
  it('creates a grid event from a form-encoded request and shows its public side only', async () => {
    const before = (await h.db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE case_type = 'grid_event'")).rows[0]?.n ?? 0;
    const res = await fetch(`${base}/requests.json`, form({
      service_code: 'sanitation', lat: '33.871234', long: '113.102345', address_string: '张八桥镇东营村村口', description: '垃圾池满溢，两天没有清运。',
      email: 'citizen@example.cn', first_name: '秀英', last_name: '王', phone: '13912345678', media_url: 'https://example.cn/p/1.jpg', api_key: 'anything',
    }));
    expect(res.status).toBe(200);
    const [created] = await res.json() as { service_request_id: string; service_notice: string }[];
    expect(created?.service_notice).toMatch(/张八桥-格-2026-\d{4}/);
    const id = created?.service_request_id ?? '';
    // The event as the engine wrote it: WGS-84 as sent, a party with a sealed phone, its 受理 clock running.
    const row = (await h.db.query<{ source: string; category: string; org_kind: string; data: Record<string, unknown>; tracking_no: string | null }>(
      `SELECT k.source, k.category, o.kind AS org_kind, k.data, k.tracking_no FROM cases k JOIN orgs o ON o.id = k.org_id WHERE k.id = $1`, [id])).rows[0];
    // The position lies in one of the demo town's grids: the event is that grid's (modules/geo).
    expect(row).toMatchObject({ source: 'public', category: '环境卫生', org_kind: 'grid' });
    expect(row?.data).toMatchObject({ channel: 'open311', lat: 33.871234, lng: 113.102345, mediaUrl: 'https://example.cn/p/1.jpg' });
    expect(row?.tracking_no).toBeTruthy();
    const party = (await h.db.query<{ name: string; phone_enc: Buffer | null }>('SELECT name, phone_enc FROM case_parties WHERE case_id = $1', [id])).rows[0];
    expect(party?.name).toBe('王秀英');
    expect(party?.phone_enc?.toString('utf8')).not.toContain('13912345678');
    expect((await h.db.query("SELECT 1 FROM case_deadlines WHERE case_id = $1 AND key = 'accept' AND status = 'running'", [id])).rowCount).toBe(1);
    expect((await h.db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE case_type = 'grid_event'")).rows[0]?.n).toBe(before + 1);

    const one = await fetch(`${base}/requests/${id}.json`);
    expect(one.status).toBe(200);
    const [r] = await one.json() as Record<string, unknown>[];
    expect(r).toMatchObject({ service_request_id: id, status: 'open', service_code: 'sanitation', service_name: '环境卫生', status_notes: '已收到，正在核实', lat: 33.871, long: 113.102 });
    expect(String(r?.requested_datetime)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    const text = JSON.stringify(r);
    for (const secret of ['王', '13912345678', 'citizen@example.cn', '垃圾池', '东营村村口', 'example.cn/p']) expect(text).not.toContain(secret);

    const list = await (await fetch(`${base}/requests.json?service_code=sanitation&status=open`)).json() as { service_request_id: string }[];
    expect(list.map((x) => x.service_request_id)).toContain(id);
    const closed = await (await fetch(`${base}/requests.json?status=closed`)).json() as { service_request_id: string }[];
    expect(closed.map((x) => x.service_request_id)).not.toContain(id);
    const byId = await (await fetch(`${base}/requests.json?service_request_id=${id}`)).json() as unknown[];
    expect(byId).toHaveLength(1);
  });

  it('answers bad requests in the spec\'s error format, limits the rate, and writes nothing', async () => {
    const before = (await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases')).rows[0]?.n;
    const bad: [RequestInit, number][] = [
      [form({ lat: '33.8', long: '113.1', description: '没有服务代码的请求' }), 400],
      [form({ service_code: 'ufo', lat: '33.8', long: '113.1', description: '未知的服务代码' }), 404],
      [form({ service_code: 'fire', description: '没有位置的请求' }), 400],
      [form({ service_code: 'fire', lat: '95', long: '113.1', description: '纬度超出范围' }), 400],
      [form({ service_code: 'fire', lat: '33.8', long: 'east', description: '经度不是数字' }), 400],
      [form({ service_code: 'fire', lat: '33.8', long: '113.1' }), 400],
      [form({ service_code: 'fire', lat: '33.8', long: '113.1', description: '电话号码不对', phone: '12345' }), 400],
      [form({ service_code: 'fire', lat: '33.8', long: '113.1', description: '含有\u0000字符的描述' }), 400],
      [{ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"service_code":"fire"}' }, 400],
    ];
    for (const [init, status] of bad) {
      const res = await fetch(`${base}/requests.json`, init);
      expect(res.status, JSON.stringify(init.body)).toBe(status);
      const body = await res.json() as { code: number; description: string }[];
      expect(body, JSON.stringify(init.body)).toEqual([{ code: status, description: expect.stringMatching(/[\u4e00-\u9fff]/) }]);
    }
    // The tenth request from this address within the minute is one too many (10 a minute, as the portal's forms).
    const limited = await fetch(`${base}/requests.json`, form({ service_code: 'fire', lat: '33.8', long: '113.1', description: '第十一次提交' }));
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual([{ code: 429, description: expect.stringMatching(/[\u4e00-\u9fff]/) }]);
    for (const [url, status] of [
      ['/requests/not-an-id.json', 404], ['/requests/00000000-0000-4000-8000-000000000000.json', 404], ['/requests.json?status=pending', 400],
      ['/requests.json?start_date=yesterday', 400], ['/requests.json?service_request_id=1,2', 400], ['/requests.json?service_code=ufo', 400],
    ] as const) {
      const res = await fetch(`${base}${url}`);
      expect(res.status, url).toBe(status);
      expect((await res.json() as unknown[])[0]).toMatchObject({ code: status });
    }
    expect((await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases')).rows[0]?.n).toBe(before);
  });

  it('keeps a worker\'s own report out of the public list (only citizens\' requests are public)', async () => {
    const wangge = await h.signIn('wangge');
    const e = await wangge.post('/api/grid/events', { category: '治安隐患', description: '网格员巡查发现的隐患' });
    expect(e.status).toBe(200);
    expect((await fetch(`${base}/requests/${e.body.id}.json`)).status).toBe(404);
  });
});
