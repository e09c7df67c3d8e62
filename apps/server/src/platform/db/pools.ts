import { createHash } from 'node:crypto';
import pg from 'pg';
export type Client = pg.PoolClient;

const names = new Map<string, string>();
/**
 * A statement sent as a named (prepared) statement: parsed and planned once per pooled
 * connection instead of on every request (issue 11: planning took 8.2 ms of a case page's
 * 9.5 ms in PostgreSQL). The name comes from the text, so one text is one statement on each
 * connection. For request SQL whose text is one of a few fixed shapes: every distinct text
 * stays prepared on each connection for the connection's life.
 */
export const named = (text: string, values: readonly unknown[]): pg.QueryConfig => {
  let name = names.get(text);
  if (name === undefined) {
    name = `fz_${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`;
    names.set(text, name);
  }
  return { name, text, values: [...values] };
};

// Dates and timestamps come back as JS Dates; bigint (int8) as strings unless parsed:
// counts are parsed to numbers (they never exceed 2^53 here).
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
});

/** The time limits of a pool's connections; unset ones are PostgreSQL's defaults (none). */
export type PoolLimits = {
  /** Waiting for a free connection (or for a new one to open) longer than this fails the request. */
  acquireTimeoutMs?: number;
  /** statement_timeout: a longer statement is cancelled with SQLSTATE 57014. */
  statementTimeoutMs?: number;
  /** idle_in_transaction_session_timeout: a transaction left idle this long loses its session and its locks. */
  idleInTransactionTimeoutMs?: number;
  /**
   * Pipeline mode (node-postgres): a statement issued while another is on the wire is sent at
   * once instead of after its answer. inTransaction uses it to send BEGIN and the caller's
   * scope together with the transaction's first statement (one round trip fewer per request).
   */
  pipeline?: boolean;
};

/**
 * An idle pooled connection that the server drops (a restart, a failover, an administrator
 * ending it) emits an error on the pool; unhandled, that would end the process. The pool
 * discards the connection and opens a new one on the next request, so noting it is enough.
 *
 * The limits make every wait end: a request that cannot get a connection, a statement stuck
 * behind a lock and a transaction that stopped talking all fail within known times, and the
 * error handler answers them 503 (platform/db/db-errors.ts). docs/reliability.md.
 */
export const createPool = (url: string, max: number, appName: string, onIdleError: (e: Error) => void = () => undefined, limits: PoolLimits = {}): pg.Pool => {
  // JIT off: row-level security's set tests make the planner overestimate short statements,
  // and JIT then spends seconds compiling a statement that runs in milliseconds (a year's
  // mediation statistics: 2.3 s of JIT for 20 ms of work; docs/performance.md).
  const options = ['-c jit=off'];
  if (limits.statementTimeoutMs !== undefined) options.push(`-c statement_timeout=${Math.round(limits.statementTimeoutMs)}`);
  if (limits.idleInTransactionTimeoutMs !== undefined) options.push(`-c idle_in_transaction_session_timeout=${Math.round(limits.idleInTransactionTimeoutMs)}`);
  const pool = new pg.Pool({
    connectionString: url, max, application_name: appName, idleTimeoutMillis: 30_000, options: options.join(' '),
    ...(limits.pipeline ? { pipeline: true } : {}),
    ...(limits.acquireTimeoutMs !== undefined ? { connectionTimeoutMillis: limits.acquireTimeoutMs } : {}),
  });
  pool.on('error', onIdleError);
  hearEveryConnection(pool);
  return pool;
};

/**
 * Gives every connection the pool opens an error listener of its own, for its whole life. The
 * pool listens only while a connection is idle; one checked out by code that does not listen
 * (graphile-worker's clients, a hand-held client between two statements) and dropped by the
 * server (57P01 on a restart) would otherwise emit an error nobody hears, which ends the
 * process. The connection is marked unusable by pg, so its release discards it.
 */
export const hearEveryConnection = (pool: pg.Pool): void => {
  pool.on('connect', (client) => { client.on('error', () => undefined); });
};

/**
 * What a transaction remembers while it runs (e.g. each org's place in the tree for the
 * permission checks, platform/access/scope.ts): created at BEGIN, dropped at its end, so
 * nothing of one request's transaction reaches the next request on the same connection.
 */
const memos = new WeakMap<Client, Map<string, unknown>>();
export const txMemo = (c: Client): Map<string, unknown> | undefined => memos.get(c);

/**
 * Runs fn on a pooled connection. While a connection is checked out the pool no longer
 * listens for its errors, and a connection the server drops between two statements (a
 * restart, an administrator ending it) emits an 'error' that nobody hears, which ends the
 * process: the PostgreSQL restart test found it (docs/reliability.md). Here it is heard, the
 * next statement fails as a lost connection (503), and the connection is discarded, not
 * given back to the pool.
 */
export const withClient = async <T>(pool: pg.Pool, fn: (c: Client) => Promise<T>): Promise<T> => {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (e: Error): void => { lost = e; };
  client.on('error', onError);
  try {
    return await fn(client);
  } finally {
    client.removeListener('error', onError);
    client.release(lost);
  }
};

/**
 * Runs fn in one transaction on a pooled connection; rolls back on any error. `setup` runs
 * right after BEGIN: a function (its own statements), or SQL text without parameters sent in
 * the same message as BEGIN (the caller's scope, platform/access/scope.ts). On a pipelined
 * pool (PoolLimits.pipeline) that message is not waited for: it goes out with fn's first
 * statement, so a request's transaction costs no round trip of its own before its work. A
 * failed BEGIN or setup fails every statement behind it before it runs, and the transaction
 * with it: the setup's own error is what is thrown (a check in the setup that raises is the
 * answer, not the aborted statements behind it). `onBegun` is called once BEGIN and the setup
 * have succeeded.
 */
export const inTransaction = <T>(pool: pg.Pool, setup: ((c: Client) => Promise<void>) | string, fn: (c: Client) => Promise<T>, onBegun?: () => void): Promise<T> =>
  withClient(pool, async (client) => {
    memos.set(client, new Map());
    let begun: Promise<unknown> | null = null;
    try {
      if (typeof setup === 'string') {
        if (isPipelined(client)) {
          // BEGIN and the scope leave in the same write as fn's first statement.
          holdWrites(client);
          begun = client.query(`BEGIN; ${setup}`);
          if (onBegun) begun = begun.then((r) => { onBegun(); return r; });
          // Heard here and answered below, after fn: never an unhandled rejection in between.
          begun.catch(() => undefined);
        } else {
          await client.query(`BEGIN; ${setup}`);
          onBegun?.();
        }
      } else {
        await client.query('BEGIN');
        await setup(client);
        onBegun?.();
      }
      const result = await fn(client);
      if (begun) await begun;
      await client.query('COMMIT');
      return result;
    } catch (e) {
      const failedSetup = begun ? await begun.then(() => null, (x: unknown) => x ?? new Error('BEGIN failed')) : null;
      await client.query('ROLLBACK').catch(() => undefined);
      throw failedSetup ?? e;
    } finally {
      memos.delete(client);
    }
  });

const isPipelined = (client: Client): boolean => (client as unknown as { pipeline?: boolean }).pipeline === true;

/**
 * Holds a pipelined connection's outgoing messages until the current turn of the event loop
 * has issued its statements (setImmediate: after the promise continuations that issue them),
 * then sends them in one write. Each write to a socket is a system call on both ends, about
 * 40 µs of CPU each on the machines measured (docs/performance.md, "Writes to the socket, the list's plan").
 */
const holdWrites = (client: Client): void => {
  const stream = (client as unknown as { connection?: { stream?: { cork?: () => void; uncork?: () => void } } }).connection?.stream;
  if (!stream?.cork || !stream.uncork) return;
  stream.cork();
  setImmediate(() => stream.uncork?.());
};

/**
 * Sends statements that do not depend on each other's answers: all at once on a pipelined
 * connection (one round trip), one after another on any other (node-postgres warns about
 * queued statements there). In order either way; the first failure is thrown.
 */
export const sendTogether = async (client: Client, statements: readonly (() => Promise<unknown>)[]): Promise<void> => {
  if (isPipelined(client)) {
    holdWrites(client);
    await Promise.all(statements.map((send) => send()));
    return;
  }
  for (const send of statements) await send();
};

/**
 * Runs one statement under a planner setting of the transaction's own (`setting` and `value`
 * are the code's constants, never a caller's), put back right after to the database's or
 * role's own; on a pipelined connection all three go in one write.
 */
export const queryWithSetting = async <R extends pg.QueryResultRow>(client: Client, setting: string, value: string, config: pg.QueryConfig): Promise<pg.QueryResult<R>> => {
  const set = `SET LOCAL ${setting} = ${value}`;
  const back = `SET LOCAL ${setting} TO DEFAULT`;
  if (!isPipelined(client)) {
    await client.query(set);
    try {
      return await client.query<R>(config);
    } finally {
      await client.query(back).catch(() => undefined);
    }
  }
  holdWrites(client);
  const sent = [client.query(set), client.query<R>(config), client.query(back)] as const;
  // Every promise is listened to, so a failed statement leaves no unhandled rejection behind.
  const [applied, result, reset] = await Promise.allSettled(sent);
  if (result.status === 'rejected') throw result.reason;
  for (const r of [applied, reset]) if (r.status === 'rejected') throw r.reason;
  return result.value;
};

/**
 * Runs a named statement on its generic plan: planned once per connection, never again for
 * each call's values. For statements whose generic plan has been shown to be as good as the
 * custom ones (the case list: docs/performance.md, "Writes to the socket, the list's plan"),
 * where PostgreSQL's own choice keeps planning them on every call because the generic plan's
 * estimate cannot know the page size or a filter's value.
 */
export const queryOnGenericPlan = <R extends pg.QueryResultRow>(client: Client, config: pg.QueryConfig): Promise<pg.QueryResult<R>> =>
  queryWithSetting<R>(client, 'plan_cache_mode', 'force_generic_plan', config);

export const isUniqueViolation = (e: unknown, constraint?: string): boolean =>
  typeof e === 'object' && e !== null && (e as { code?: string }).code === '23505' &&
  (constraint === undefined || (e as { constraint?: string }).constraint === constraint);
