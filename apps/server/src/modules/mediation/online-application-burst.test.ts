import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';
import { installJobSchema } from '../../platform/jobs/jobs.ts';
import { loadConfig } from '../../config.ts';
import { DEMO_PASSWORD } from '../../seed/demo-town.ts';

/**
 * The reported freeze (docs/reliability.md): simultaneous online applications right after a
 * start, or after the calendar cache expired, held every owner connection while one of them
 * waited for another owner connection to load the calendar. Here 100 applications arrive at
 * once, twice: on a cold calendar cache and again once the cache has expired (the calendar's
 * clock is moved on, nothing sleeps). Every one must be answered, and every acknowledged one
 * stored exactly once.
 */
const BURST = 100;
let h: Harness;
let now = Date.parse('2026-11-26T01:00:00Z');

beforeAll(async () => {
  // A generous acquire timeout: a freeze shows as a test that never finishes (the test's own
  // bound below), not as a row of 503s from a busy machine.
  const db = { ...loadConfig({ FAZHI_DATA_DIR: '/nonexistent' }).db, acquireTimeoutMs: 60_000 };
  h = await createHarness({ db }, { today: () => '2026-11-26', calendar: { now: () => now } });
  await installJobSchema(h.ownerUrl, h.platform.log);
});
afterAll(async () => { await h.close(); });

const burst = async (tag: string) => {
  const villageId = await h.orgId('S01');
  const send = (i: number) => h.app.inject({
    method: 'POST', url: '/api/public/mediation/applications',
    // Ten applications a minute per address: each citizen has an address of their own.
    remoteAddress: `10.${tag === 'cold' ? 1 : 2}.${Math.floor(i / 250)}.${(i % 250) + 1}`,
    headers: { 'idempotency-key': `burst-${tag}-${String(i).padStart(4, '0')}` },
    payload: {
      villageId, category: '邻里',
      applicant: { name: `申请人${i}`, phone: `139${String(i).padStart(8, '0')}` }, respondent: { name: '钱某' },
      facts: `[burst-${tag}-${i}] 邻居在共用通道上堆放杂物，影响通行。`, claims: '请求清除通道杂物。', consent: true,
    },
  });
  // A clerk signing in at the same moment is answered too (sign-in shares the owner pool).
  const [signIn, ...answers] = await Promise.all([
    h.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'tiaojie1', password: DEMO_PASSWORD } }),
    ...Array.from({ length: BURST }, (_, i) => send(i)),
  ]);
  return { signIn: signIn?.statusCode, answers };
};

const stored = async (tag: string) => (await h.db.query<{ id: string; ref: string; n: number }>(
  `SELECT c.id, c.ref, count(*) OVER (PARTITION BY c.ref)::int AS n FROM cases c WHERE c.body LIKE $1`, [`%[burst-${tag}-%`])).rows;

describe('simultaneous online applications', () => {
  it.each(['cold', 'expired'])('answers all %s and stores each acknowledged one exactly once', async (tag) => {
    if (tag === 'expired') now += 61_000; // past the calendar cache's time to live
    const { signIn, answers } = await burst(tag);
    const statuses = answers.map((a) => a.statusCode);
    const tally = Object.fromEntries([...new Set(statuses)].map((s) => [s, statuses.filter((x) => x === s).length]));
    expect(tally).toEqual({ 200: BURST });
    expect(signIn).toBe(200);
    const ids = answers.map((a) => a.json<{ id: string }>().id);
    const rows = await stored(tag);
    expect(rows).toHaveLength(BURST);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(ids));
    expect(rows.every((r) => r.n === 1)).toBe(true);
  }, 120_000);
});
