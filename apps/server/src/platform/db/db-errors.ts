/**
 * Database failures that are not the caller's fault and not a bug: the pool had no connection
 * free in time, a statement ran past its limit, the database cannot be reached. The error
 * handler answers them 503 with a stable code (never a 500), so a clerk reads "busy, try again"
 * and a load balancer or client may retry. docs/reliability.md.
 */
export type DatabaseFailure = 'SERVICE_BUSY' | 'DATABASE_UNAVAILABLE';

// SQLSTATEs: https://www.postgresql.org/docs/current/errcodes-appendix.html
const BUSY_STATES = new Set([
  '57014', // query_canceled: statement_timeout
  '55P03', // lock_not_available: lock_timeout
  '53300', // too_many_connections
  '53400', // configuration_limit_exceeded
  // Two transactions that each waited on the other: PostgreSQL ends one, whose work is rolled
  // back whole; retrying it succeeds. Logged by the handler like any 503, so a new lock-order
  // problem still shows in the log (the burst test found one: sign-in's lock on users).
  '40P01', // deadlock_detected
  '40001', // serialization_failure
]);
const UNAVAILABLE_STATES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, in recovery)
  '57P05', // idle_session_timeout
  '25P03', // idle_in_transaction_session_timeout: the session is gone
  '53100', // disk_full
  '58030', // io_error
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/** What node-postgres and its pool say when they give up; these errors carry no code. */
const ACQUIRE_TIMEOUT = /^timeout exceeded when trying to connect$/i;
const CONNECTION_LOST = /^(Connection terminated|Client has encountered a connection error|Client was closed and is not queryable)/i;

export const classifyDatabaseError = (err: unknown): DatabaseFailure | null => {
  // Walk the cause chain: a library may wrap the driver's error.
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    const message = (e as { message?: unknown }).message;
    if (typeof code === 'string') {
      if (BUSY_STATES.has(code)) return 'SERVICE_BUSY';
      if (UNAVAILABLE_STATES.has(code) || code.startsWith('08') || NETWORK_CODES.has(code)) return 'DATABASE_UNAVAILABLE';
    }
    if (typeof message === 'string') {
      if (ACQUIRE_TIMEOUT.test(message)) return 'SERVICE_BUSY';
      if (CONNECTION_LOST.test(message)) return 'DATABASE_UNAVAILABLE';
    }
    // AggregateError (a host with several addresses, all refused)
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors)) for (const inner of errors) { const f = classifyDatabaseError(inner); if (f) return f; }
  }
  return null;
};
