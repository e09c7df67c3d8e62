import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { modules } from '../../modules/index.ts';
import { createHarness, type Harness } from '../../test/harness.ts';
import { TEST_MASTER_KEY_HEX } from '../../test/constants.ts';
import { appRoleUrl } from '../db/bootstrap.ts';
import { createPlatform, type Platform } from '../platform.ts';
import type { TypedApp } from './types.ts';

/**
 * Two server processes behind one address enforce one rate limit together (issue 11, "Past
 * one machine"): the counts are in PostgreSQL. Two apps on the same database stand for two
 * processes; a public route limited to 60 requests a minute per address.
 */
let h: Harness;
let second: { app: TypedApp; platform: Platform };

beforeAll(async () => {
  h = await createHarness();
  const master = Buffer.from(TEST_MASTER_KEY_HEX, 'hex');
  const platform = createPlatform(h.platform.config, { owner: h.ownerUrl, app: appRoleUrl(h.ownerUrl, master) }, master, pino({ level: 'silent' }), { modules });
  second = { platform, app: await buildApp(platform, { logger: false }) };
  await second.app.ready();
});
afterAll(async () => {
  await second.app.close();
  await second.platform.close();
  await h.close();
});

const ask = (app: TypedApp, address: string, url = '/api/public/decisions') => app.inject({ method: 'GET', url, remoteAddress: address });

describe('rate limits across server processes', () => {
  it('counts an address\'s requests on both processes against one limit, per route', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 60; i++) answers.push((await ask(i % 2 === 0 ? h.app : second.app, '203.0.113.7')).statusCode);
    expect(answers.every((s) => s === 200)).toBe(true);
    // The 61st, on either process, is refused with the platform's answer.
    const refused = await ask(second.app, '203.0.113.7');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await ask(h.app, '203.0.113.7')).statusCode).toBe(429);
    // Another address, and another route from the same address, have counts of their own.
    expect((await ask(second.app, '198.51.100.4')).statusCode).toBe(200);
    expect((await ask(h.app, '203.0.113.7', '/api/public/portal')).statusCode).toBe(200);
    // The table names no address.
    const stored = (await h.db.query<{ k: Buffer }>('SELECT key_hash AS k FROM rate_limit_hits')).rows;
    expect(stored.length).toBeGreaterThanOrEqual(3);
    expect(stored.some((r) => r.k.toString('latin1').includes('203.0.113.7'))).toBe(false);
  });

  it('starts a new window once the old one has ended', async () => {
    await h.db.query("UPDATE rate_limit_hits SET window_ends = now() - interval '1 second'");
    expect((await ask(second.app, '203.0.113.7')).statusCode).toBe(200);
    expect((await h.db.query<{ n: number }>('SELECT max(hits)::int AS n FROM rate_limit_hits')).rows[0]!.n).toBe(1);
  });
});
