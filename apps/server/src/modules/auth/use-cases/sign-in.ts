import type { SignInOutcome } from '@fazhi/contracts';
import { AppError } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { runSystem } from '../../../platform/platform.ts';
import { decoyHash, verifyPassword } from '../../../platform/auth/password.ts';
import { createSession, type NewSession } from '../../../platform/auth/sessions.ts';
import { appendAudit } from '../../../platform/audit/audit.ts';

/** Lockout: 5 wrong passwords in a row lock the account for 15 minutes. */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;

type Input = { username: string; password: string; ip: string | null; userAgent: string | null; requestId: string };
type Outcome =
  | { ok: true; session: NewSession; userId: string }
  | { ok: false; code: 'AUTH_INVALID_CREDENTIALS' | 'AUTH_LOCKED' | 'AUTH_DISABLED'; details?: unknown };

type UserRow = {
  id: string; org_id: string; township_id: string | null; password_hash: string; status: string;
  failed_attempts: number; locked_until: Date | null; locked_now: boolean;
};

/**
 * Signs a user in. Every attempt is written to the sign-in log; failures are counted on
 * the account and committed before the error is returned (a rollback must not undo them).
 * Unknown usernames cost the same argon2 verification as known ones.
 */
export const signIn = async (platform: Platform, input: Input): Promise<NewSession & { userId: string }> => {
  // argon2 (about 25 ms of CPU) runs before the transaction, so no pooled connection is held
  // while hashing: session checks share that pool. The transaction then re-reads the row and
  // accepts the result only if the hash is still the one verified.
  const stored = (await platform.system.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE username = $1', [input.username])).rows[0]?.password_hash ?? null;
  const verified = await verifyPassword(stored ?? (await decoyHash()), input.password);
  const outcome = await runSystem<Outcome>(platform, async (c) => {
    const logEvent = (user: UserRow | null, result: SignInOutcome): Promise<unknown> =>
      c.query('INSERT INTO sign_in_events (username, user_id, org_id, township_id, outcome, ip, user_agent) VALUES ($1,$2,$3,$4,$5,$6,$7)',
        [input.username.slice(0, 64), user?.id ?? null, user?.org_id ?? null, user?.township_id ?? null, result, input.ip, input.userAgent?.slice(0, 300) ?? null]);
    // NO KEY UPDATE: sign-ins of one user still wait for each other, but not for rows that
    // merely reference the user (a notification's foreign key takes KEY SHARE). With FOR UPDATE
    // a citizen's application, holding the township's audit head and notifying this user, and
    // this sign-in, holding the user and waiting for that audit head, deadlocked (40P01, a 500).
    const { rows } = await c.query<UserRow>(
      `SELECT id, org_id, township_id, password_hash, status, failed_attempts, locked_until,
              coalesce(locked_until > now(), false) AS locked_now
         FROM users WHERE username = $1 FOR NO KEY UPDATE`, [input.username]);
    const user = rows[0];
    if (!user) {
      await logEvent(null, 'unknown_user');
      return { ok: false, code: 'AUTH_INVALID_CREDENTIALS' };
    }
    if (user.locked_now) {
      await logEvent(user, 'locked');
      return { ok: false, code: 'AUTH_LOCKED', details: { lockedUntil: user.locked_until?.toISOString() } };
    }
    const good = verified && stored !== null && user.password_hash === stored;
    if (!good) {
      const failures = user.failed_attempts + 1;
      if (failures >= MAX_FAILED_ATTEMPTS) {
        const { rows: locked } = await c.query<{ locked_until: Date }>(
          `UPDATE users SET failed_attempts = 0, locked_until = now() + make_interval(mins => $2) WHERE id = $1 RETURNING locked_until`,
          [user.id, LOCK_MINUTES]);
        await logEvent(user, 'locked');
        await appendAudit(c, { actorId: user.id, orgId: user.org_id, townshipId: user.township_id, action: 'auth.lock', entity: 'user', entityId: user.id,
          after: { lockedUntil: locked[0]?.locked_until, reason: `${MAX_FAILED_ATTEMPTS} failed sign-ins` }, ip: input.ip, requestId: input.requestId });
        return { ok: false, code: 'AUTH_LOCKED', details: { lockedUntil: locked[0]?.locked_until.toISOString() } };
      }
      await c.query('UPDATE users SET failed_attempts = $2 WHERE id = $1', [user.id, failures]);
      await logEvent(user, 'bad_password');
      return { ok: false, code: 'AUTH_INVALID_CREDENTIALS', details: { remainingAttempts: MAX_FAILED_ATTEMPTS - failures } };
    }
    if (user.status !== 'active') {
      await logEvent(user, 'disabled');
      return { ok: false, code: 'AUTH_DISABLED' };
    }
    await c.query('UPDATE users SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = now() WHERE id = $1', [user.id]);
    const session = await createSession(c, user.id, platform.config.sessionMaxSeconds, input.ip, input.userAgent);
    await logEvent(user, 'success');
    await appendAudit(c, { actorId: user.id, orgId: user.org_id, townshipId: user.township_id, action: 'auth.sign-in', entity: 'user', entityId: user.id, ip: input.ip, requestId: input.requestId });
    return { ok: true, session, userId: user.id };
  });
  if (!outcome.ok) throw new AppError(outcome.code, outcome.details);
  return { ...outcome.session, userId: outcome.userId };
};
