import type pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { createPool, inTransaction, type Client } from './db/pools.ts';
import { scopeSql } from './access/scope.ts';
import { classifyDatabaseError } from './db/db-errors.ts';
import { AppError } from './errors.ts';
import type { Principal } from './access/principal.ts';
import { createPrincipalCache, type PrincipalCache } from './access/principal-cache.ts';
import { createSessionCache, type SessionCache, type SessionCheck } from './auth/session-cache.ts';
import { appendAudit, useAuditKey, type AuditEntry, type AuditHeads } from './audit/audit.ts';
import { deriveFieldKeys, type FieldKeys } from './crypto/sm.ts';
import { createCalendarStore } from './calendar/store.ts';
import { beijingToday } from './calendar/index.ts';
import { buildRegistry, type CaseTypeDef } from './cases/definition.ts';
import type { CaseCtx, CaseEngine } from './cases/context.ts';
import { createFileStore, type FileStore } from './files/file-store.ts';
import { caseTypesOf, eventLabelsOf, type FazhiModule } from './modules.ts';
import { buildMetricRegistry, type MetricRegistry } from './metrics/metrics.ts';

/** What every module receives: configuration, the two pools, keys, the logger. */
export type Platform = {
  config: Config;
  /** Owner connection: platform internals only (sessions, sign-in, migrations, verify, jobs). */
  system: pg.Pool;
  /** Ordinary role: all request work; row-level security applies. */
  app: pg.Pool;
  /** The ordinary role's connection string, for a thread's own scoped connection (platform/threads). */
  appUrl: string;
  /**
   * Heavy read-only request work (figures, the cockpit, reports, exports), through
   * runScopedRead: the ordinary role on the streaming replica (DATABASE_READ_URL), or, without
   * one, the `app` pool itself (no connection more). docs/operations.md, "Scale".
   */
  read: pg.Pool;
  /** The ordinary role's connection string for `read`'s work on a thread (appUrl without a replica). */
  readUrl: string;
  /** Whether `read` is a replica's pool (its data may lag the primary's). */
  replica: boolean;
  keys: { master: Buffer; fields: FieldKeys };
  log: Logger;
  /** The case engine: registered case types, the working-day calendars, today's date. */
  cases: CaseEngine;
  /** Where files' bytes live (local disk or an S3-compatible bucket, by configuration). */
  files: FileStore;
  /** The modules this server runs (modules/index.ts): their case types, routes, jobs, demo data. */
  modules: readonly FazhiModule[];
  /** Every module's registered figures (platform/metrics). */
  metrics: MetricRegistry;
  /** Signed-in users' principals kept between requests, by version (platform/access/principal-cache.ts). */
  principals: PrincipalCache;
  /** Sessions this process checked in the last 50 s (platform/auth/session-cache.ts). */
  sessions: SessionCache;
  /** The time the attempt throttles count by (tests move it on instead of waiting). */
  now: () => Date;
  close: () => Promise<void>;
};

export type PlatformOptions = {
  /** The modules to run; the platform names none itself. */
  modules?: readonly FazhiModule[];
  /** Case types beside the modules' own (a test's sample type). */
  caseTypes?: readonly CaseTypeDef[];
  today?: () => string;
  /** The calendar cache's time to live and clock (tests move the clock on instead of waiting). */
  calendar?: { ttlMs?: number; now?: () => number };
  /** The clock of the attempt throttles (platform/auth/throttle.ts). */
  now?: () => Date;
};

export type Actor = {
  principal: Principal | null; ip: string | null; requestId: string | null;
  /**
   * A GET or HEAD: it may not write the audit trail (docs/reliability.md 6.6), except for the
   * entries marked `onRead` — a logged view whose request the user made on a page of ours.
   */
  safeMethod?: boolean;
  /** The request's session, taken on trust and still to be checked: in runScoped's first transaction (platform/http/access.ts). */
  session?: SessionCheck;
};

/** A unit of request work: one transaction in the caller's data scope, with its audit. */
export type Tx = {
  client: Client;
  actor: Actor;
  principal: Principal;
  /**
   * Appends to the audit trail in this same transaction. Defaults: actor, ip, request id.
   * `locked`: the chains' heads this transaction locked with readAuditHeads (not read again).
   */
  audit: (e: Omit<AuditEntry, 'actorId' | 'ip' | 'requestId'> & { onRead?: true }, locked?: AuditHeads) => Promise<void>;
};

export const createPlatform = (config: Config, urls: { owner: string; app: string; read?: string | null }, master: Buffer, log: Logger, opts: PlatformOptions = {}): Platform => {
  const idleError = (e: Error): void => log.warn({ err: e }, 'a pooled database connection was closed by the server');
  const limits = {
    acquireTimeoutMs: config.db.acquireTimeoutMs,
    statementTimeoutMs: config.db.statementTimeoutMs,
    idleInTransactionTimeoutMs: config.db.idleInTransactionTimeoutMs,
  };
  // Pipelined too: a citizen's submission (runSystem) sends its rows together, as a request's do.
  const system = createPool(urls.owner, config.db.systemPoolMax, 'fazhi-system', idleError, { ...limits, pipeline: true });
  const app = createPool(urls.app, config.db.appPoolMax, 'fazhi-app', idleError, { ...limits, pipeline: true });
  // The replica's own pool: a request reads there in a transaction of its own and writes (its
  // audit row) in another on `app`, never holding a connection of one while it waits for the other.
  const read = urls.read ? createPool(urls.read, config.db.readPoolMax, 'fazhi-read', idleError, { ...limits, pipeline: true }) : app;
  // The calendar's own pool: loads run in the middle of transactions on both pools above, so
  // they must never wait for a connection of either (platform/calendar/store.ts).
  const calendarPool = createPool(urls.owner, 2, 'fazhi-calendar', idleError, limits);
  const fields = deriveFieldKeys(master);
  useAuditKey(master);
  const principals = createPrincipalCache({ ownerUrl: urls.owner, log });
  const metrics = buildMetricRegistry((opts.modules ?? []).flatMap((m) => m.metrics ?? []), (opts.modules ?? []).flatMap((m) => m.reportParts ?? []));
  return {
    config, system, app, log, appUrl: urls.app, principals, sessions: createSessionCache(),
    read, readUrl: urls.read ?? urls.app, replica: read !== app,
    keys: { master, fields },
    files: createFileStore(config),
    modules: opts.modules ?? [],
    now: opts.now ?? (() => new Date()),
    metrics,
    cases: {
      metrics,
      types: buildRegistry(caseTypesOf(opts.modules ?? [], opts.caseTypes)),
      eventLabels: eventLabelsOf(opts.modules ?? []),
      calendars: createCalendarStore(calendarPool, { ...opts.calendar, log }),
      keys: fields,
      today: opts.today ?? (() => beijingToday()),
      lateEntryDays: config.lateEntryDays,
    },
    close: async () => { await Promise.all([principals.close(), system.end(), app.end(), calendarPool.end(), ...(read !== app ? [read.end()] : [])]); },
  };
};

export const auditor = (client: Client, actor: Actor) => async (e: Omit<AuditEntry, 'actorId' | 'ip' | 'requestId'> & { onRead?: true }, locked?: AuditHeads): Promise<void> => {
  const { onRead, ...entry } = e;
  // No GET writes: an action worth an audit row (a view of personal data in full, a change)
  // is a POST with the CSRF header, so that no link elsewhere can make it in a user's name.
  if (actor.safeMethod && !onRead) throw new Error(`a GET request may not write the audit trail (${entry.action}): make the route a POST`);
  await appendAudit(client, { ...entry, actorId: actor.principal?.userId ?? null, ip: actor.ip, requestId: actor.requestId }, locked);
};

/** Runs request work in the caller's data scope (row-level security on), in one transaction (BEGIN and the scope in one round trip). */
export const runScoped = async <T>(p: Platform, actor: Actor & { principal: Principal }, fn: (tx: Tx) => Promise<T>): Promise<T> => {
  const run = (setup: string, onBegun?: () => void): Promise<T> => inTransaction(p.app, setup, (client) =>
    fn({ client, actor, principal: actor.principal, audit: auditor(client, actor) }), onBegun);
  const check = actor.session?.pending ? actor.session : null;
  if (!check) return run(scopeSql(actor.principal));
  // The session taken on trust is checked with BEGIN and the scope, before the first of fn's
  // statements runs (platform/http/access.ts, migration 20261214100000).
  try {
    return await run(`${scopeSql(actor.principal)}; ${check.sql}`, () => { check.pending = false; });
  } catch (e) {
    const state = (e as { code?: unknown } | null)?.code;
    if (state === 'FZS01' || state === 'FZS02') {
      check.pending = false;
      check.forget();
      throw new AppError(state === 'FZS01' ? 'AUTH_REQUIRED' : 'AUTH_SESSION_EXPIRED');
    }
    if (state !== 'FZS03') throw e;
  }
  // The user's principal changed since it was kept (a grant, a role, the user's record): nothing
  // of fn ran. The session is checked on the owner pool, the new principal admitted to the
  // route and made the request's, and fn runs under it.
  actor.principal = await check.verify();
  return run(scopeSql(actor.principal));
};

const readOnlyAudit = (): Promise<void> => Promise.reject(new Error('a read-only transaction (runScopedRead) may not write the audit trail: audit in a runScoped transaction of its own'));

/**
 * Runs heavy read-only request work (figures, the cockpit, reports, exports) in the caller's
 * data scope, in one READ ONLY transaction on the `read` pool: the streaming replica when
 * DATABASE_READ_URL is set, else the primary's request pool. Row-level security applies alike:
 * the same role, the same scope settings (set_config works on a hot standby). Nothing here may
 * write: `audit` fails, and PostgreSQL refuses any write (25006); a route that must also audit
 * does so afterwards in runScoped, a transaction of its own on the primary.
 *
 * A replica that cannot be reached is answered 503 REPLICA_UNAVAILABLE: the heavy reads are
 * not moved back onto the primary (decision 0015).
 */
export const runScopedRead = async <T>(p: Platform, actor: Actor & { principal: Principal }, fn: (tx: Tx) => Promise<T>): Promise<T> => {
  // A replica may lag: a session taken on trust is checked on the primary first.
  if (actor.session?.pending) actor.principal = await actor.session.verify();
  try {
    return await inTransaction(p.read, `SET TRANSACTION READ ONLY; ${scopeSql(actor.principal)}`, (client) =>
      fn({ client, actor, principal: actor.principal, audit: readOnlyAudit }));
  } catch (e) {
    if (p.replica && classifyDatabaseError(e) === 'DATABASE_UNAVAILABLE') {
      throw new AppError('REPLICA_UNAVAILABLE', undefined, `the read replica cannot be reached: ${e instanceof Error ? e.message : String(e)}`);
    }
    throw e;
  }
};

/** Runs platform work on the owner connection (no data scope). Never for module request work. */
export const runSystem = <T>(p: Platform, fn: (client: Client) => Promise<T>): Promise<T> =>
  inTransaction(p.system, async () => undefined, fn);

/** The case engine's view of a scoped transaction. */
export const caseCtxOf = (p: Platform, tx: Tx): CaseCtx => ({ client: tx.client, actor: tx.actor, principal: tx.principal, audit: tx.audit, engine: p.cases });
