import { randomBytes } from 'node:crypto';
import type { Client } from '../db/pools.ts';
import { sm3 } from '../crypto/sm.ts';

export const SESSION_COOKIE = 'fazhi_sid';
export const TOKEN_PREFIX = 'fzt_';

/** Only the SM3 hash of a session id is stored: a leaked sessions table opens no session. */
export const sessionIdHash = (id: string): Buffer => sm3(`session:${id}`);
export const tokenHash = (token: string): Buffer => sm3(`api-token:${token}`);

export type NewSession = { id: string; csrfToken: string; expiresAt: Date };

export const createSession = async (c: Client, userId: string, maxSeconds: number, ip: string | null, userAgent: string | null): Promise<NewSession> => {
  const id = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + maxSeconds * 1000);
  await c.query(
    'INSERT INTO sessions (id_hash, user_id, csrf_token, expires_at, ip, user_agent) VALUES ($1,$2,$3,$4,$5,$6)',
    [sessionIdHash(id), userId, csrfToken, expiresAt, ip, userAgent?.slice(0, 300) ?? null],
  );
  return { id, csrfToken, expiresAt };
};

export type SessionState =
  /** authVersion: the user's principal version (users.auth_version), read with the session. */
  | { kind: 'valid'; userId: string; csrfToken: string; authVersion: number }
  | { kind: 'expired' }
  | { kind: 'none' };

/**
 * Looks a session up by the hash of its id (sessionIdHash) and enforces both limits: the idle timeout (no request for
 * idleSeconds) and the absolute lifetime. An expired session is deleted. last_seen_at is
 * written at most once a minute, so reads do not turn into writes on every request.
 */
export const resolveSession = async (c: Client, h: Buffer, idleSeconds: number): Promise<SessionState> => {
  // Every request with a cookie runs it: a named (prepared) statement, planned once per connection.
  // With the session, the version of its user's principal (a kept principal of another version is loaded again).
  const { rows } = await c.query<{ user_id: string; csrf_token: string; idle: boolean; over: boolean; stale: boolean; auth_version: number }>({
    name: 'fazhi-resolve-session-versioned',
    text: `SELECT s.user_id, s.csrf_token,
            s.last_seen_at < now() - make_interval(secs => $2) AS idle,
            s.expires_at < now() AS over,
            s.last_seen_at < now() - interval '60 seconds' AS stale,
            u.auth_version
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1`,
    values: [h, idleSeconds],
  });
  const r = rows[0];
  if (!r) return { kind: 'none' };
  if (r.idle || r.over) {
    await c.query('DELETE FROM sessions WHERE id_hash = $1', [h]);
    return { kind: 'expired' };
  }
  if (r.stale) await c.query('UPDATE sessions SET last_seen_at = now() WHERE id_hash = $1', [h]);
  return { kind: 'valid', userId: r.user_id, csrfToken: r.csrf_token, authVersion: Number(r.auth_version) };
};

export const revokeSession = async (c: Client, id: string): Promise<void> => {
  await c.query('DELETE FROM sessions WHERE id_hash = $1', [sessionIdHash(id)]);
};

export const revokeAllSessions = async (c: Client, userId: string): Promise<number> =>
  (await c.query('DELETE FROM sessions WHERE user_id = $1', [userId])).rowCount ?? 0;

export type TokenState = { kind: 'valid'; userId: string; permissions: string[]; tokenId: string } | { kind: 'invalid' };

export const resolveApiToken = async (c: Client, token: string): Promise<TokenState> => {
  const { rows } = await c.query<{ id: string; user_id: string; permissions: string[] }>(
    `UPDATE api_tokens SET last_used_at = now()
      WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
      RETURNING id, user_id, permissions`,
    [tokenHash(token)],
  );
  const r = rows[0];
  return r ? { kind: 'valid', userId: r.user_id, permissions: r.permissions, tokenId: r.id } : { kind: 'invalid' };
};

export const newApiToken = (): string => `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;

export const revokeOtherSessions = async (c: Client, userId: string, keepId: string | null): Promise<void> => {
  await c.query('DELETE FROM sessions WHERE user_id = $1 AND ($2::bytea IS NULL OR id_hash <> $2)', [userId, keepId ? sessionIdHash(keepId) : null]);
};
