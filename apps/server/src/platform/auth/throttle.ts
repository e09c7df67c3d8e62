import { createHmac } from 'node:crypto';
import type pg from 'pg';

/** A pool or a transaction's client. */
type Db = Pick<pg.ClientBase, 'query'>;

/**
 * How a key's failures turn into a wait: the first `free` failures cost nothing; from then on
 * the key waits `baseSeconds × 2^(failures − free)` seconds after its latest failure, at most
 * `capSeconds`. Failures older than `windowSeconds` (counted from the latest) are forgotten.
 * A wait is never a lock: it ends on its own, and it binds only the key that failed.
 */
export type ThrottlePolicy = { free: number; baseSeconds: number; capSeconds: number; windowSeconds: number };

/** One counter: a scope (what kind of key) and the value it counts for (account, address, …). */
export type ThrottleKey = { scope: string; value: string; policy: ThrottlePolicy };

export type ThrottleState = { failures: number; waitSeconds: number };

const DAY = 24 * 3600;
/** Sign-in, one account from one address: after 3 failures, 2, 4, 8 … seconds, at most 15 minutes. */
export const SIGN_IN_PAIR: ThrottlePolicy = { free: 3, baseSeconds: 2, capSeconds: 900, windowSeconds: DAY };
/** Sign-in, one address across accounts (spraying many usernames). */
export const SIGN_IN_ADDRESS: ThrottlePolicy = { free: 10, baseSeconds: 2, capSeconds: 900, windowSeconds: DAY };
/**
 * Sign-in, one account from anywhere: a slower ceiling against guessing spread over many
 * addresses. It binds only addresses that have themselves failed for the account, so an address
 * that has not been failing (the owner's) still gets in with the right password.
 */
export const SIGN_IN_ACCOUNT: ThrottlePolicy = { free: 10, baseSeconds: 1, capSeconds: 300, windowSeconds: DAY };
/** Wrong current passwords of one signed-in user (change-password). */
export const PASSWORD_CHANGE: ThrottlePolicy = { free: 3, baseSeconds: 2, capSeconds: 900, windowSeconds: DAY };
/** Tracking lookups, one number from one address. */
export const TRACK_PAIR: ThrottlePolicy = { free: 4, baseSeconds: 2, capSeconds: 900, windowSeconds: DAY };
/** Tracking lookups, one address across numbers (guessing numbers as well as codes). */
export const TRACK_ADDRESS: ThrottlePolicy = { free: 10, baseSeconds: 2, capSeconds: 900, windowSeconds: DAY };

/** The stored key: an HMAC under the server's key, so the table names no account and no address. */
const keyHash = (secret: Buffer, k: ThrottleKey): Buffer => createHmac('sha256', secret).update(`throttle\0${k.scope}\0${k.value}`).digest();

export const waitSecondsFor = (policy: ThrottlePolicy, failures: number): number =>
  failures < policy.free ? 0 : Math.min(policy.capSeconds, policy.baseSeconds * 2 ** (failures - policy.free));

type Row = { failures: number; last_failure_at: Date; blocked_until: Date | null };

/** Each key's live failures and how many more seconds it must wait (0: it may try now): one statement for all the keys. */
export const readThrottle = async (c: Db, secret: Buffer, keys: readonly ThrottleKey[], now: Date): Promise<ThrottleState[]> => {
  const hashes = keys.map((k) => keyHash(secret, k));
  const { rows } = await c.query<Row & { n: number }>(
    `SELECT k.n::int AS n, t.failures, t.last_failure_at, t.blocked_until
       FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS k(scope, key_hash, n)
       JOIN attempt_throttle t ON t.scope = k.scope AND t.key_hash = k.key_hash`, [keys.map((k) => k.scope), hashes]);
  const byIndex = new Map(rows.map((r) => [r.n - 1, r]));
  return keys.map((k, i) => {
    const row = byIndex.get(i);
    if (!row || now.getTime() - row.last_failure_at.getTime() > k.policy.windowSeconds * 1000) return { failures: 0, waitSeconds: 0 };
    const left = row.blocked_until ? Math.ceil((row.blocked_until.getTime() - now.getTime()) / 1000) : 0;
    return { failures: row.failures, waitSeconds: Math.max(0, left) };
  });
};

/**
 * Counts a failure against each key (in the caller's transaction, which must commit even though
 * the request fails) and sets the key's next allowed attempt.
 */
export const recordFailure = async (c: Db, secret: Buffer, keys: readonly ThrottleKey[], now: Date): Promise<void> => {
  for (const k of keys) {
    const hash = keyHash(secret, k);
    const { rows } = await c.query<{ failures: number }>(
      `INSERT INTO attempt_throttle AS t (scope, key_hash, failures, first_failure_at, last_failure_at) VALUES ($1, $2, 1, $3, $3)
       ON CONFLICT (scope, key_hash) DO UPDATE SET
         failures = CASE WHEN t.last_failure_at < $3::timestamptz - make_interval(secs => $4) THEN 1 ELSE t.failures + 1 END,
         first_failure_at = CASE WHEN t.last_failure_at < $3::timestamptz - make_interval(secs => $4) THEN $3 ELSE t.first_failure_at END,
         last_failure_at = $3
       RETURNING failures`, [k.scope, hash, now, k.policy.windowSeconds]);
    const wait = waitSecondsFor(k.policy, rows[0]?.failures ?? 1);
    await c.query('UPDATE attempt_throttle SET blocked_until = $3 WHERE scope = $1 AND key_hash = $2',
      [k.scope, hash, wait > 0 ? new Date(now.getTime() + wait * 1000) : null]);
  }
};

/** Forgets the keys' failures (after a success). */
export const clearThrottle = async (c: Db, secret: Buffer, keys: readonly ThrottleKey[]): Promise<void> => {
  if (keys.length === 0) return;
  await c.query('DELETE FROM attempt_throttle t USING unnest($1::text[], $2::bytea[]) AS k(scope, key_hash) WHERE t.scope = k.scope AND t.key_hash = k.key_hash',
    [keys.map((k) => k.scope), keys.map((k) => keyHash(secret, k))]);
};
