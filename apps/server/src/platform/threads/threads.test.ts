import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';
import { loadPrincipal } from '../access/principal.ts';
import { runScoped, runSystem } from '../platform.ts';
import { AppError } from '../errors.ts';
import { runThread, startThread } from './threads.ts';

let h: Harness;
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h.close(); });

const onThread = (data: unknown): Promise<{ role: string; super: boolean; bypass: boolean; codes: string[] | null }> => new Promise((resolve, reject) => {
  const t = startThread(new URL('./threads.fixture.ts', import.meta.url), data, { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4 });
  t.once('message', resolve);
  t.once('error', reject);
});

describe('platform threads', () => {
  it('run their database work as the ordinary role, inside exactly the data scope the request has on the main thread', async () => {
    const userId = await h.userId('tiaojie1');
    const principal = await runSystem(h.platform, (c) => loadPrincipal(c, userId, 'session'));
    if (!principal) throw new Error('no principal');
    const seen = await onThread({ appUrl: h.platform.appUrl, principal });
    expect(seen.super).toBe(false);
    expect(seen.bypass).toBe(false);
    const main = await runScoped(h.platform, { principal, ip: null, requestId: null }, async (tx) =>
      (await tx.client.query<{ role: string; codes: string[] }>('SELECT current_user AS role, (SELECT array_agg(code ORDER BY code) FROM orgs) AS codes')).rows[0]);
    expect(seen.role).toBe(main?.role);
    expect(seen.codes).toEqual(main?.codes);
    // A village mediator's scope is a small part of the county's orgs.
    const all = (await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM orgs')).rows[0]?.n ?? 0;
    expect(seen.codes?.length).toBeGreaterThan(0);
    expect(seen.codes?.length).toBeLessThan(all);
    // No grants, no rows.
    expect((await onThread({ appUrl: h.platform.appUrl, principal: { ...principal, grants: [] } })).codes).toBeNull();
  });

  it('bring back one result, or the clerk\'s error with its code and details, as if the work had run in the request', async () => {
    const entry = new URL('./threads.result-fixture.ts', import.meta.url);
    const limits = { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4 };
    expect(await runThread(entry, { n: 21, fail: false }, limits)).toEqual({ doubled: 42 });
    const failed = await runThread(entry, { n: -1, fail: true }, limits).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(AppError);
    expect(failed).toMatchObject({ code: 'VALIDATION', details: { field: 'n', reason: '不是正数' } });
  });
});
