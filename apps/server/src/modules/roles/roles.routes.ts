import { Type } from 'typebox';
import { ErrorSchema, PermissionList, RoleBody, RoleList, RoleView, isPermission, permissionCatalogue } from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { runScoped, type Platform, type Tx } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors.ts';
import { isUniqueViolation } from '../../platform/db/pools.ts';

const tags = ['roles'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

type RoleRow = { id: string; code: string; name: string; permissions: string[]; built_in: boolean; grant_count: number };

const list = async (tx: Tx, id?: string): Promise<RoleRow[]> =>
  (await tx.client.query<RoleRow>(
    `SELECT r.id, r.code, r.name, r.permissions, r.built_in, (SELECT count(*) FROM user_grants g WHERE g.role_id = r.id) AS grant_count
       FROM roles r ${id ? 'WHERE r.id = $1' : ''} ORDER BY r.built_in DESC, r.code`, id ? [id] : [])).rows;

const present = (r: RoleRow, canManage: boolean): RoleView => ({
  id: r.id, code: r.code, name: r.name, permissions: r.permissions, builtIn: r.built_in, grantCount: Number(r.grant_count),
  actions: canManage ? (r.built_in ? ['update'] : ['update', 'delete']) : [],
});

const checkPermissions = (perms: string[]): void => {
  const unknown = perms.filter((p) => !isPermission(p));
  if (unknown.length > 0) throw new AppError('PERMISSION_UNKNOWN', { unknown });
};

/** Roles are deployment-wide: managing them is a county-level administrator's task. */
const requireDeploymentAdmin = (tx: Tx): void => {
  if (!tx.principal.grants.some((g) => g.scope === 'all' && g.permissions.includes('role.manage'))) throw new AppError('FORBIDDEN');
};

export const registerRoleRoutes = (app: TypedApp, platform: Platform): void => {
  app.get('/api/permissions', {
    config: { access: { signedIn: true } },
    schema: { tags, summary: '权限项目录 The permission catalogue', response: { 200: PermissionList, ...errors } },
  }, async () => ({ items: Object.entries(permissionCatalogue).map(([code, v]) => ({ code, ...v })) }));

  app.get('/api/roles', {
    config: { access: { permission: 'user.read' } },
    schema: { tags, summary: '角色列表 Roles', response: { 200: RoleList, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const canManage = tx.principal.grants.some((g) => g.scope === 'all' && g.permissions.includes('role.manage'));
    return { items: (await list(tx)).map((r) => present(r, canManage)) };
  }));

  app.post('/api/roles', {
    config: { access: { permission: 'role.manage' } },
    schema: { tags, summary: '新建角色 Create a role', body: RoleBody, response: { 200: RoleView, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    requireDeploymentAdmin(tx);
    checkPermissions(req.body.permissions);
    try {
      const { rows } = await tx.client.query<{ id: string }>('INSERT INTO roles (code, name, permissions) VALUES ($1,$2,$3) RETURNING id',
        [req.body.code, req.body.name, [...new Set(req.body.permissions)]]);
      const id = rows[0]?.id ?? '';
      await tx.audit({ orgId: tx.principal.orgId, townshipId: null, action: 'role.create', entity: 'role', entityId: id, after: req.body });
      const [row] = await list(tx, id);
      if (!row) throw new AppError('NOT_FOUND');
      return present(row, true);
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('DUPLICATE', { field: 'code' });
      throw e;
    }
  }));

  app.patch('/api/roles/:id', {
    config: { access: { permission: 'role.manage' } },
    schema: { tags, summary: '修改角色 Update a role', params: IdParams, body: RoleBody, response: { 200: RoleView, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    requireDeploymentAdmin(tx);
    checkPermissions(req.body.permissions);
    const [before] = await list(tx, req.params.id);
    if (!before) throw new AppError('NOT_FOUND');
    if (before.built_in && before.code !== req.body.code) throw new AppError('ROLE_BUILT_IN');
    await tx.client.query('UPDATE roles SET code = $2, name = $3, permissions = $4, updated_at = now() WHERE id = $1',
      [before.id, req.body.code, req.body.name, [...new Set(req.body.permissions)]]);
    await tx.audit({ orgId: tx.principal.orgId, townshipId: null, action: 'role.update', entity: 'role', entityId: before.id, before, after: req.body });
    const [row] = await list(tx, before.id);
    if (!row) throw new AppError('NOT_FOUND');
    return present(row, true);
  }));

  app.delete('/api/roles/:id', {
    config: { access: { permission: 'role.manage' } },
    schema: { tags, summary: '删除角色 Delete an unused role', params: IdParams, response: { 204: Type.Null(), ...errors } },
  }, async (req, reply) => {
    await runScoped(platform, signedInActor(req), async (tx) => {
      requireDeploymentAdmin(tx);
      const [before] = await list(tx, req.params.id);
      if (!before) throw new AppError('NOT_FOUND');
      if (before.built_in) throw new AppError('ROLE_BUILT_IN');
      if (Number(before.grant_count) > 0) throw new AppError('ROLE_IN_USE');
      await tx.client.query('DELETE FROM roles WHERE id = $1', [before.id]);
      await tx.audit({ orgId: tx.principal.orgId, townshipId: null, action: 'role.delete', entity: 'role', entityId: before.id, before });
    });
    return reply.status(204).send(null);
  });
};
