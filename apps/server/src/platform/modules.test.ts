import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../test/harness.ts';
import { modules } from '../modules/index.ts';
import { exampleModule } from '../test/example-module/example.module.ts';

const platformDir = path.dirname(new URL(import.meta.url).pathname);
const sources = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : /\.(ts|mjs)$/.test(e.name) && !e.name.includes('.test.') ? [path.join(dir, e.name)] : []));

describe('the platform and its modules', () => {
  it('imports no module: every module reaches the platform through the module list', () => {
    const offenders = sources(platformDir).filter((f) => /from\s+'(\.\.\/)+modules\//.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => path.relative(platformDir, f))).toEqual([]);
  });

  it('writes the timeline and queues jobs through the platform\'s one writer of each', () => {
    const srcDir = path.dirname(platformDir);
    const files = sources(srcDir).map((f) => [path.relative(srcDir, f), readFileSync(f, 'utf8')] as const);
    const writers = (re: RegExp) => files.filter(([, text]) => re.test(text)).map(([f]) => f).sort();
    // The bulk path writes a batch of a register's steps in one statement; everything else goes through appendCaseEvent.
    expect(writers(/INSERT INTO case_events/)).toEqual(['platform/cases/bulk-create.ts', 'platform/cases/events.ts']);
    expect(writers(/graphile_worker\.add_job/)).toEqual(['platform/jobs/queue.ts']);
  });

  let h: Harness;
  beforeAll(async () => { h = await createHarness({}, { modules: [...modules, exampleModule], today: () => '2026-11-26' }); });
  afterAll(async () => { await h.close(); });

  it('runs a module given as one folder and one line: its case type, schema, route and labels', async () => {
    const zongzhi = await h.signIn('zongzhi');
    const types = (await zongzhi.get('/api/case-types')).body.items.map((t: { code: string }) => t.code);
    expect(types).toEqual(expect.arrayContaining(['mediation', 'example']));
    const orgId = await h.orgId('zhangbaqiao');
    const bad = await zongzhi.post('/api/cases', { type: 'example', orgId, title: '路灯不亮', data: { place: '' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toContain('地点');
    const made = await zongzhi.post('/api/cases', { type: 'example', orgId, title: '路灯不亮', data: { place: '东营村口' } });
    expect(made.status).toBe(200);
    expect(made.body.ref).toMatch(/^张八桥-例-2026-0001$/);
    expect((await zongzhi.get(`/api/example/cases/${made.body.id}/place`)).body).toEqual({ place: '东营村口' });
    await h.db.query("INSERT INTO case_events (case_id, township_id, kind, payload) SELECT id, township_id, 'visit', '{}' FROM cases WHERE id = $1", [made.body.id]);
    const view = await zongzhi.post(`/api/cases/${made.body.id}/transitions`, { transition: 'finish', version: 1, fields: { result: '已修复' } });
    expect(view.body.status).toBe('done');
    expect(view.body.timeline.map((e: { label: string }) => e.label)).toEqual(['登记', '现场核查', '办结']);
    // A server without the module does not know its type.
    const plain = await createHarness({}, { modules, today: () => '2026-11-26' });
    const other = await plain.signIn('zongzhi');
    expect((await other.post('/api/cases', { type: 'example', orgId, title: '路灯不亮', data: { place: '东营村口' } })).status).toBe(400);
    await plain.close();
  });
});
