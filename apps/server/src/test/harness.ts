import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import type { Me } from '@fazhi/contracts';
import { loadConfig, type Config } from '../config.ts';
import { buildApp } from '../app.ts';
import { appRoleUrl } from '../platform/db/bootstrap.ts';
import { modules } from '../modules/index.ts';
import { createPlatform, type Platform, type PlatformOptions } from '../platform/platform.ts';
import type { TypedApp } from '../platform/http/types.ts';
import { DEMO_PASSWORD } from '../seed/demo-town.ts';
import { TEMPLATE_DB, TEST_MASTER_KEY_HEX } from './constants.ts';

export type Harness = {
  app: TypedApp;
  platform: Platform;
  /** Owner connection to this test's database: for arranging and for checking what was written. */
  db: pg.Pool;
  ownerUrl: string;
  signIn: (username: string, password?: string) => Promise<Agent>;
  orgId: (code: string) => Promise<string>;
  userId: (username: string) => Promise<string>;
  close: () => Promise<void>;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests assert on answers of every shape without declaring each
export type Response = { status: number; body: any; headers: Record<string, unknown> };
export type Agent = {
  me: Me;
  cookie: string;
  get: (url: string) => Promise<Response>;
  post: (url: string, body?: unknown) => Promise<Response>;
  patch: (url: string, body?: unknown) => Promise<Response>;
  put: (url: string, body?: unknown) => Promise<Response>;
  delete: (url: string) => Promise<Response>;
  request: (method: string, url: string, body?: unknown, headers?: Record<string, string>) => Promise<Response>;
};

const withDb = (url: string, db: string): string => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
};

/**
 * A fresh database cloned from the migrated, demo-seeded template, and the real app on it
 * (Fastify inject: no socket). The server connects as the ordinary role, as in production.
 */
export const createHarness = async (overrides: Partial<Config> = {}, platformOptions: PlatformOptions = {}): Promise<Harness> => {
  const base = inject('ownerBaseUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withDb(base, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  await admin.end();
  const ownerUrl = withDb(base, name);
  const master = Buffer.from(TEST_MASTER_KEY_HEX, 'hex');
  // The role is cluster-wide and was created by the global setup with the same key.
  const appUrl = appRoleUrl(ownerUrl, master);
  const config: Config = {
    ...loadConfig({ FAZHI_DATA_DIR: '/nonexistent', LOG_LEVEL: 'silent' }),
    signInRateLimitPerMinute: 100000, publicRateLimitPerMinute: 100000, ...overrides,
  };
  // FAZHI_TEST_LOG=error shows the server's own log of a failing request.
  const platform = createPlatform(config, { owner: ownerUrl, app: appUrl }, master, pino({ level: process.env.FAZHI_TEST_LOG ?? 'silent' }),
    { modules, ...platformOptions });
  const app = await buildApp(platform, { logger: process.env.FAZHI_TEST_LOG !== undefined });
  await app.ready();
  const db = new pg.Pool({ connectionString: ownerUrl, max: 3 });
  db.on('error', () => undefined); // the database is dropped WITH (FORCE) at close

  const agentFor = (cookie: string, me: Me): Agent => {
    const request = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> => {
      const res = await app.inject({
        method: method as 'GET', url, payload: body === undefined ? undefined : (body as object),
        headers: { cookie, 'x-csrf-token': me.csrfToken, ...headers },
      });
      const text = res.body;
      return { status: res.statusCode, body: text ? safeJson(text) : null, headers: res.headers };
    };
    return {
      me, cookie, request,
      get: (u) => request('GET', u), post: (u, b) => request('POST', u, b ?? {}), patch: (u, b) => request('PATCH', u, b ?? {}),
      put: (u, b) => request('PUT', u, b ?? {}), delete: (u) => request('DELETE', u),
    };
  };

  const signIn = async (username: string, password = DEMO_PASSWORD): Promise<Agent> => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`sign-in ${username} failed: ${res.statusCode} ${res.body}`);
    const set = res.cookies.find((c) => c.name === 'fazhi_sid');
    if (!set) throw new Error('no session cookie');
    return agentFor(`fazhi_sid=${set.value}`, res.json<Me>());
  };

  const one = async (sql: string, v: string): Promise<string> => {
    const r = (await db.query<{ id: string }>(sql, [v])).rows[0];
    if (!r) throw new Error(`not found: ${v}`);
    return r.id;
  };

  return {
    app, platform, db, ownerUrl, signIn,
    orgId: (code) => one('SELECT id FROM orgs WHERE code = $1', code),
    userId: (username) => one('SELECT id FROM users WHERE username = $1', username),
    close: async () => {
      await app.close();
      await platform.close();
      await db.end();
      const a = new pg.Client({ connectionString: withDb(base, 'postgres') });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
};

const safeJson = (t: string): unknown => {
  try {
    return JSON.parse(t);
  } catch {
    return t;
  }
};

/**
 * A second server instance on the harness's database (another process in production): its own
 * pools, kept principals and sessions, and its own notifications connection. `before` runs on
 * its platform before the app is built (a test's changes to it).
 */
export const secondInstance = async (h: Harness, before: (p: Platform) => Promise<void> | void = () => undefined): Promise<{ platform: Platform; app: TypedApp; close: () => Promise<void> }> => {
  const master = Buffer.from(TEST_MASTER_KEY_HEX, 'hex');
  const platform = createPlatform(h.platform.config, { owner: h.ownerUrl, app: appRoleUrl(h.ownerUrl, master) }, master, pino({ level: 'silent' }), { modules });
  await before(platform);
  const app = await buildApp(platform, { logger: false });
  await app.ready();
  return { platform, app, close: async () => { await app.close(); await platform.close(); } };
};
