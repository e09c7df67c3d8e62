import type { SignInOutcome } from '@fazhi/contracts';
import { AppError } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { runSystem } from '../../../platform/platform.ts';
import { decoyHash, verifyPassword } from '../../../platform/auth/password.ts';
import { createSession, type NewSession } from '../../../platform/auth/sessions.ts';
import type { Client } from '../../../platform/db/pools.ts';
import { appendAudit } from '../../../platform/audit/audit.ts';
import { clearThrottle, readThrottle, recordFailure, SIGN_IN_ACCOUNT, SIGN_IN_ADDRESS, SIGN_IN_PAIR, type ThrottleKey } from '../../../platform/auth/throttle.ts';

type Input = { username: string; password: string; ip: string | null; userAgent: string | null; requestId: string };
type Outcome =
  | { ok: true; session: NewSession; userId: string }
  | { ok: false; code: 'AUTH_INVALID_CREDENTIALS' | 'AUTH_DISABLED' };

type UserRow = { id: string; org_id: string; township_id: string | null; password_hash: string; status: string };

/**
 * The counters of one attempt: the account from this address, this address across accounts,
 * the account from anywhere. Keyed by the username as typed, so an unknown user is counted
 * (and answered) exactly as a known one.
 */
const keysOf = (username: string, ip: string | null) => {
  const address = ip ?? 'unknown';
  return {
    pair: { scope: 'sign-in:pair', value: `${username}\0${address}`, policy: SIGN_IN_PAIR },
    address: { scope: 'sign-in:address', value: address, policy: SIGN_IN_ADDRESS },
    account: { scope: 'sign-in:account', value: username, policy: SIGN_IN_ACCOUNT },
  } satisfies Record<string, ThrottleKey>;
};

/**
 * Signs a user in. Every attempt is written to the sign-in log. Failures slow down whoever makes
 * them (platform/auth/throttle.ts) and never lock the account: an address that has failed too
 * often waits (429 AUTH_THROTTLED, details.retryAfter), while the owner at another address still
 * signs in with the right password. A wrong password and an unknown user get the same answer
 * and cost the same argon2 verification.
 */
export const signIn = async (platform: Platform, input: Input): Promise<NewSession & { userId: string }> => {
  const now = platform.now();
  const keys = keysOf(input.username, input.ip);
  const secret = platform.keys.master;
  const logEvent = (c: Pick<Client, 'query'>, user: UserRow | null, result: SignInOutcome): Promise<unknown> =>
    c.query('INSERT INTO sign_in_events (username, user_id, org_id, township_id, outcome, ip, user_agent) VALUES ($1,$2,$3,$4,$5,$6,$7)',
      [input.username.slice(0, 64), user?.id ?? null, user?.org_id ?? null, user?.township_id ?? null, result, input.ip, input.userAgent?.slice(0, 300) ?? null]);

  // The wait is checked before argon2: a throttled address costs no hashing.
  const [pair, address, account] = await readThrottle(platform.system, secret, [keys.pair, keys.address, keys.account], now);
  const wait = Math.max(pair?.waitSeconds ?? 0, address?.waitSeconds ?? 0, (pair?.failures ?? 0) > 0 ? (account?.waitSeconds ?? 0) : 0);
  if (wait > 0) {
    // One insert: no transaction needed on the path an attacker drives hardest.
    await logEvent(platform.system, null, 'throttled');
    throw new AppError('AUTH_THROTTLED', { retryAfter: wait });
  }

  // argon2 (about 25 ms of CPU) runs before the transaction, so no pooled connection is held
  // while hashing: session checks share that pool. The transaction then re-reads the row and
  // accepts the result only if the hash is still the one verified.
  const stored = (await platform.system.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE username = $1', [input.username])).rows[0]?.password_hash ?? null;
  const verified = await verifyPassword(stored ?? (await decoyHash()), input.password);
  // The failure is counted in the transaction, which commits: the error is thrown after it.
  const outcome = await runSystem<Outcome>(platform, async (c) => {
    // NO KEY UPDATE: sign-ins of one user still wait for each other, but not for rows that
    // merely reference the user (a notification's foreign key takes KEY SHARE). With FOR UPDATE
    // a citizen's application, holding the township's audit head and notifying this user, and
    // this sign-in, holding the user and waiting for that audit head, deadlocked (40P01, a 500).
    const { rows } = await c.query<UserRow>(
      'SELECT id, org_id, township_id, password_hash, status FROM users WHERE username = $1 FOR NO KEY UPDATE', [input.username]);
    const user = rows[0] ?? null;
    const good = user !== null && verified && stored !== null && user.password_hash === stored;
    if (!good) {
      await recordFailure(c, secret, [keys.pair, keys.address, keys.account], now);
      await logEvent(c, user, user ? 'bad_password' : 'unknown_user');
      return { ok: false, code: 'AUTH_INVALID_CREDENTIALS' };
    }
    await clearThrottle(c, secret, [keys.pair]);
    if (user.status !== 'active') {
      await logEvent(c, user, 'disabled');
      return { ok: false, code: 'AUTH_DISABLED' };
    }
    // Not on users: a reference table on Citus, where a write reaches every node (user_sign_ins).
    await c.query(`INSERT INTO user_sign_ins (user_id, last_sign_in_at) VALUES ($1, now())
                   ON CONFLICT (user_id) DO UPDATE SET last_sign_in_at = EXCLUDED.last_sign_in_at`, [user.id]);
    const session = await createSession(c, user.id, platform.config.sessionMaxSeconds, input.ip, input.userAgent);
    await logEvent(c, user, 'success');
    await appendAudit(c, { actorId: user.id, orgId: user.org_id, townshipId: user.township_id, action: 'auth.sign-in', entity: 'user', entityId: user.id, ip: input.ip, requestId: input.requestId });
    return { ok: true, session, userId: user.id };
  });
  if (!outcome.ok) throw new AppError(outcome.code);
  return { ...outcome.session, userId: outcome.userId };
};
