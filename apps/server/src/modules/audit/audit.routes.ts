import { AuditList, AuditQuery, AuditVerifyResult, ErrorSchema, SignInList, SignInQuery } from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { runScoped, runSystem, type Platform } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { verifyAudit } from '../../platform/audit/audit.ts';
import { checkpointDir, verifyCheckpoint } from '../../platform/audit/checkpoint.ts';

const tags = ['audit'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema };

type AuditRow = {
  id: number; at: Date; chain: string; seq: number; actor_id: string | null; actor_name: string | null; org_id: string | null;
  org_name: string | null; action: string; entity: string; entity_id: string | null; before: unknown; after: unknown; ip: string | null; request_id: string | null;
};

export const registerAuditRoutes = (app: TypedApp, platform: Platform): void => {
  app.get('/api/audit', {
    config: { access: { permission: 'audit.read' } },
    schema: { tags, summary: '审计日志 The audit trail in scope', querystring: AuditQuery, response: { 200: AuditList, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const q = req.query;
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown): void => { params.push(v); where.push(sql.replace('?', `$${params.length}`)); };
    if (q.action) add('a.action = ?', q.action);
    if (q.entity) add('a.entity = ?', q.entity);
    if (q.actorId) add('a.actor_id = ?', q.actorId);
    if (q.from) add("a.at >= (?::date::timestamp AT TIME ZONE 'Asia/Shanghai')", q.from);
    if (q.to) add("a.at < ((?::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')", q.to);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = Number((await tx.client.query<{ n: number }>(`SELECT count(*) AS n FROM audit_log a ${w}`, params)).rows[0]?.n ?? 0);
    const pageSize = q.pageSize ?? 20;
    params.push(pageSize, ((q.page ?? 1) - 1) * pageSize);
    const { rows } = await tx.client.query<AuditRow>(
      `SELECT a.id, a.at, a.chain, a.seq, a.actor_id, u.display_name AS actor_name, a.org_id, o.name AS org_name,
              a.action, a.entity, a.entity_id, a.before, a.after, a.ip, a.request_id
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id LEFT JOIN orgs o ON o.id = a.org_id
         ${w} ORDER BY a.at DESC, a.id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
    return {
      total,
      items: rows.map((r) => ({
        id: String(r.id), at: r.at.toISOString(), chain: r.chain, seq: String(r.seq), actorId: r.actor_id, actorName: r.actor_name,
        orgId: r.org_id, orgName: r.org_name, action: r.action, entity: r.entity, entityId: r.entity_id, before: r.before, after: r.after,
        ip: r.ip, requestId: r.request_id,
      })),
    };
  }));

  app.get('/api/audit/verify', {
    config: { access: { permission: 'audit.read' } },
    schema: { tags, summary: '校验审计链及最近的签名检查点 Verify the chains and the latest signed checkpoint', response: { 200: AuditVerifyResult, ...errors } },
  }, async (req) => {
    const actor = signedInActor(req);
    // The chains and the latest signed checkpoint outside the database, as `fazhi audit verify` checks them.
    const result = await runSystem(platform, async (c) => {
      const chains = await verifyAudit(c);
      const checkpoint = await verifyCheckpoint(c, platform.keys.master, checkpointDir(platform.config.dataDir));
      return { checked: chains.checked, broken: [...chains.broken, ...checkpoint.broken] };
    });
    // The verification reads every chain; the caller is told only of rows in their scope.
    const visible = await runScoped(platform, actor, async (tx) =>
      new Set((await tx.client.query<{ id: string }>("SELECT id FROM orgs WHERE kind = 'township' AND fazhi_org_visible(id)")).rows.map((r) => r.id)));
    const all = actor.principal.grants.some((g) => g.scope === 'all');
    const broken = result.broken.filter((b) => all || visible.has(b.chain));
    return { ok: broken.length === 0, checked: result.checked, broken };
  });

  app.get('/api/sign-ins', {
    config: { access: { permission: 'signin_log.read' } },
    schema: { tags, summary: '登录日志 The sign-in log in scope', querystring: SignInQuery, response: { 200: SignInList, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const q = req.query;
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.username) { params.push(q.username); where.push(`username = $${params.length}`); }
    if (q.outcome) { params.push(q.outcome); where.push(`outcome = $${params.length}`); }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = Number((await tx.client.query<{ n: number }>(`SELECT count(*) AS n FROM sign_in_events ${w}`, params)).rows[0]?.n ?? 0);
    const pageSize = q.pageSize ?? 20;
    params.push(pageSize, ((q.page ?? 1) - 1) * pageSize);
    const { rows } = await tx.client.query<{ id: number; at: Date; username: string; user_id: string | null; outcome: string; ip: string | null; user_agent: string | null }>(
      `SELECT id, at, username, user_id, outcome, ip, user_agent FROM sign_in_events ${w} ORDER BY at DESC, id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
    return { total, items: rows.map((r) => ({ id: String(r.id), at: r.at.toISOString(), username: r.username, userId: r.user_id, outcome: r.outcome, ip: r.ip, userAgent: r.user_agent })) };
  }));
};
