import { Type } from 'typebox';
import { CreatedToken, CreateTokenBody, ErrorSchema, TokenList, isPermission, type TokenView } from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { runSystem, type Platform } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors.ts';
import { newApiToken, tokenHash } from '../../platform/auth/sessions.ts';
import { appendAudit } from '../../platform/audit/audit.ts';

const tags = ['tokens'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 422: ErrorSchema };
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

type Row = { id: string; name: string; permissions: string[]; expires_at: Date; last_used_at: Date | null; revoked_at: Date | null; created_at: Date };
const present = (r: Row): TokenView => ({
  id: r.id, name: r.name, permissions: r.permissions, expiresAt: r.expires_at.toISOString(), lastUsedAt: r.last_used_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null, createdAt: r.created_at.toISOString(),
});
const cols = 'id, name, permissions, expires_at, last_used_at, revoked_at, created_at';

/**
 * Scoped API tokens for integrations (12345 hotline, provincial platforms). A token acts as
 * the user who made it, narrowed to the permissions listed on it; only its SM3 hash is kept.
 * Tokens are managed by their owner: the sessions and token tables are platform-internal.
 */
export const registerTokenRoutes = (app: TypedApp, platform: Platform): void => {
  app.get('/api/tokens', {
    config: { access: { permission: 'token.manage' } },
    schema: { tags, summary: '我的接口令牌 My API tokens', response: { 200: TokenList, ...errors } },
  }, async (req) => {
    const { principal } = signedInActor(req);
    const { rows } = await platform.system.query<Row>(`SELECT ${cols} FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC`, [principal.userId]);
    return { items: rows.map(present) };
  });

  app.post('/api/tokens', {
    config: { access: { permission: 'token.manage' } },
    schema: { tags, summary: '新建接口令牌 Create an API token (shown once)', body: CreateTokenBody, response: { 200: CreatedToken, ...errors } },
  }, async (req) => {
    const actor = signedInActor(req);
    const p = actor.principal;
    if (p.via === 'token') throw new AppError('FORBIDDEN');
    const unknown = req.body.permissions.filter((x) => !isPermission(x));
    if (unknown.length > 0) throw new AppError('PERMISSION_UNKNOWN', { unknown });
    if (req.body.permissions.some((x) => isPermission(x) && !p.permissions.has(x))) throw new AppError('SCOPE_EXCEEDS_OWN');
    const token = newApiToken();
    return runSystem(platform, async (c) => {
      const { rows } = await c.query<Row>(
        `INSERT INTO api_tokens (user_id, name, token_hash, permissions, expires_at) VALUES ($1,$2,$3,$4, now() + make_interval(days => $5)) RETURNING ${cols}`,
        [p.userId, req.body.name, tokenHash(token), [...new Set(req.body.permissions)], req.body.expiresInDays]);
      const row = rows[0] as Row;
      await appendAudit(c, { actorId: p.userId, orgId: p.orgId, townshipId: p.townshipId, action: 'token.create', entity: 'api_token', entityId: row.id,
        after: { name: row.name, permissions: row.permissions, expiresAt: row.expires_at }, ip: actor.ip, requestId: actor.requestId });
      return { token, item: present(row) };
    });
  });

  app.delete('/api/tokens/:id', {
    config: { access: { permission: 'token.manage' } },
    schema: { tags, summary: '吊销接口令牌 Revoke an API token', params: IdParams, response: { 204: Type.Null(), ...errors } },
  }, async (req, reply) => {
    const actor = signedInActor(req);
    const p = actor.principal;
    await runSystem(platform, async (c) => {
      const { rowCount } = await c.query('UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL', [req.params.id, p.userId]);
      if (!rowCount) throw new AppError('NOT_FOUND');
      await appendAudit(c, { actorId: p.userId, orgId: p.orgId, townshipId: p.townshipId, action: 'token.revoke', entity: 'api_token', entityId: req.params.id, ip: actor.ip, requestId: actor.requestId });
    });
    return reply.status(204).send(null);
  });
};
