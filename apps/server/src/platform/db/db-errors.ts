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

/** The first answer `test` gives along an error's cause chain (a library may wrap the driver's error), at most five deep. */
const alongCauses = <T>(err: unknown, test: (e: object) => T | null): T | null => {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const found = test(e);
    if (found !== null) return found;
  }
  return null;
};

export const classifyDatabaseError = (err: unknown): DatabaseFailure | null => alongCauses(err, (e): DatabaseFailure | null => {
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
  return null;
});

/**
 * Database refusals of what a request asked for: a duplicate, a reference to a row that is
 * not there (or no longer), a value a column or a check does not take. The edge refuses most
 * bad input before the database sees it (platform/http/input-guard.ts, formats.ts); what is
 * left is answered as the caller's problem (409 DUPLICATE, 422 REFERENCE_NOT_FOUND or 422
 * VALUE_NOT_ACCEPTED: VALIDATION is the schema's 400) with a stable code, never a 500:
 * docs/reliability.md, "No 500 for bad input". The details name the constraint and columns,
 * never the values (they may be personal data).
 */
export type InputFailure = {
  code: 'DUPLICATE' | 'REFERENCE_NOT_FOUND' | 'VALUE_NOT_ACCEPTED';
  details: { sqlState: string; constraint?: string; table?: string; columns?: string[] };
};

const INPUT_STATES: Record<string, InputFailure['code']> = {
  '23505': 'DUPLICATE', // unique_violation
  '23503': 'REFERENCE_NOT_FOUND', // foreign_key_violation
  '23514': 'VALUE_NOT_ACCEPTED', // check_violation
  '23502': 'VALUE_NOT_ACCEPTED', // not_null_violation
  '22P02': 'VALUE_NOT_ACCEPTED', // invalid_text_representation
  '22007': 'VALUE_NOT_ACCEPTED', // invalid_datetime_format
  '22008': 'VALUE_NOT_ACCEPTED', // datetime_field_overflow
  '22009': 'VALUE_NOT_ACCEPTED', // invalid_time_zone_displacement_value
  '22003': 'VALUE_NOT_ACCEPTED', // numeric_value_out_of_range
  '22001': 'VALUE_NOT_ACCEPTED', // string_data_right_truncation
  '22021': 'VALUE_NOT_ACCEPTED', // character_not_in_repertoire (NUL, invalid UTF-8)
  '22P05': 'VALUE_NOT_ACCEPTED', // untranslatable_character (\u0000 in jsonb)
};

/** `Key (org_id, name)=(…) already exists.` → ['org_id', 'name']. */
const columnsOf = (detail: unknown, column: unknown): string[] | undefined => {
  if (typeof column === 'string' && column !== '') return [column];
  const m = typeof detail === 'string' ? /^Key \(([^)]*)\)=/.exec(detail) : null;
  return m?.[1] ? m[1].split(',').map((c) => c.trim()).filter((c) => /^[a-z_][a-z0-9_]*$/.test(c)) : undefined;
};

export const classifyInputError = (err: unknown): InputFailure | null => alongCauses(err, (e): InputFailure | null => {
  const pgErr = e as { code?: unknown; constraint?: unknown; table?: unknown; column?: unknown; detail?: unknown; severity?: unknown };
  // Only the server's own errors carry a severity: a SQLSTATE-shaped code on anything else is not PostgreSQL's.
  if (typeof pgErr.code !== 'string' || typeof pgErr.severity !== 'string') return null;
  const code = INPUT_STATES[pgErr.code];
  if (!code) return null;
  const columns = columnsOf(pgErr.detail, pgErr.column);
  return {
    code,
    details: {
      sqlState: pgErr.code,
      ...(typeof pgErr.constraint === 'string' ? { constraint: pgErr.constraint } : {}),
      ...(typeof pgErr.table === 'string' ? { table: pgErr.table } : {}),
      ...(columns && columns.length > 0 ? { columns } : {}),
    },
  };
});
