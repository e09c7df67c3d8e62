import { AppError } from '../../../platform/errors.ts';
import type { Platform, Actor } from '../../../platform/platform.ts';
import { runSystem } from '../../../platform/platform.ts';
import type { Principal } from '../../../platform/access/principal.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../../../platform/auth/password.ts';
import { appendAudit } from '../../../platform/audit/audit.ts';
import { revokeOtherSessions } from '../../../platform/auth/sessions.ts';
import { clearThrottle, PASSWORD_CHANGE, readThrottle, recordFailure } from '../../../platform/auth/throttle.ts';

/**
 * Changes the caller's own password (and so ends a forced change). Other sessions of the
 * user are signed out: whoever knew the old password loses access now. Wrong current passwords
 * are counted per user, as sign-in failures are: a stolen session cannot guess the password at
 * full speed (429 PASSWORD_THROTTLED with details.retryAfter).
 */
export const changePassword = async (platform: Platform, actor: Actor & { principal: Principal }, sessionId: string | null, current: string, next: string): Promise<void> => {
  checkPasswordPolicy(next);
  const p = actor.principal;
  const now = platform.now();
  const key = { scope: 'password-change:user', value: p.userId, policy: PASSWORD_CHANGE };
  const [state] = await readThrottle(platform.system, platform.keys.master, [key], now);
  if (state && state.waitSeconds > 0) throw new AppError('PASSWORD_THROTTLED', { retryAfter: state.waitSeconds });
  // The count (and its reset by the right password) commits: errors are thrown after the transaction.
  const outcome = await runSystem(platform, async (c): Promise<'ok' | 'wrong' | 'reused'> => {
    const { rows } = await c.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1 FOR NO KEY UPDATE', [p.userId]);
    const stored = rows[0]?.password_hash;
    if (!stored || !(await verifyPassword(stored, current))) {
      await recordFailure(c, platform.keys.master, [key], now);
      return 'wrong';
    }
    await clearThrottle(c, platform.keys.master, [key]);
    if (await verifyPassword(stored, next)) return 'reused';
    await c.query('UPDATE users SET password_hash = $2, must_change_password = false, password_changed_at = now(), updated_at = now() WHERE id = $1',
      [p.userId, await hashPassword(next)]);
    await revokeOtherSessions(c, p.userId, sessionId);
    await appendAudit(c, { actorId: p.userId, orgId: p.orgId, townshipId: p.townshipId, action: 'auth.change-password', entity: 'user', entityId: p.userId, ip: actor.ip, requestId: actor.requestId });
    return 'ok';
  });
  if (outcome === 'wrong') throw new AppError('PASSWORD_WRONG');
  if (outcome === 'reused') throw new AppError('PASSWORD_REUSED');
};
