import { AppError } from '../../../platform/errors.ts';
import type { Platform, Actor } from '../../../platform/platform.ts';
import { runSystem } from '../../../platform/platform.ts';
import type { Principal } from '../../../platform/access/principal.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../../../platform/auth/password.ts';
import { appendAudit } from '../../../platform/audit/audit.ts';
import { revokeOtherSessions } from '../../../platform/auth/sessions.ts';

/**
 * Changes the caller's own password (and so ends a forced change). Other sessions of the
 * user are signed out: whoever knew the old password loses access now.
 */
export const changePassword = async (platform: Platform, actor: Actor & { principal: Principal }, sessionId: string | null, current: string, next: string): Promise<void> => {
  checkPasswordPolicy(next);
  const p = actor.principal;
  await runSystem(platform, async (c) => {
    const { rows } = await c.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1 FOR NO KEY UPDATE', [p.userId]);
    const stored = rows[0]?.password_hash;
    if (!stored || !(await verifyPassword(stored, current))) throw new AppError('PASSWORD_WRONG');
    if (await verifyPassword(stored, next)) throw new AppError('PASSWORD_REUSED');
    await c.query('UPDATE users SET password_hash = $2, must_change_password = false, password_changed_at = now(), updated_at = now() WHERE id = $1',
      [p.userId, await hashPassword(next)]);
    await revokeOtherSessions(c, p.userId, sessionId);
    await appendAudit(c, { actorId: p.userId, orgId: p.orgId, townshipId: p.townshipId, action: 'auth.change-password', entity: 'user', entityId: p.userId, ip: actor.ip, requestId: actor.requestId });
  });
};
