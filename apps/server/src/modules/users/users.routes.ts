import { Type } from 'typebox';
import { CreateUserBody, ErrorSchema, InitialPassword, RevealBody, RevealResult, SetGrantsBody, UpdateUserBody, UserList, UserQuery, UserView } from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { runScoped, type Platform, type Tx } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { orgsWithPermission } from '../../platform/access/scope.ts';
import { AppError } from '../../platform/errors.ts';
import { findUser, listUsers, type UserRow } from './users.repository.ts';
import { presentUser } from './users.presenter.ts';
import { createUser } from './use-cases/create-user.ts';
import { endSessionsOf, resetPassword, updateUser } from './use-cases/update-user.ts';
import { revealPhone } from './use-cases/reveal-phone.ts';
import { setGrants } from './use-cases/set-grants.ts';

const tags = ['users'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

const present = async (platform: Platform, tx: Tx, rows: UserRow[]) => {
  const orgIds = [...new Set(rows.map((r) => r.org_id))];
  const [manage, unmask] = await Promise.all([
    orgsWithPermission(tx.client, tx.principal, 'user.manage', orgIds),
    orgsWithPermission(tx.client, tx.principal, 'pii.unmask', orgIds),
  ]);
  return rows.map((r) => presentUser(r, platform.keys.fields, { manage: manage.has(r.org_id), unmask: unmask.has(r.org_id) }));
};

export const registerUserRoutes = (app: TypedApp, platform: Platform): void => {
  app.get('/api/users', {
    config: { access: { permission: 'user.read' } },
    schema: { tags, summary: '用户列表 Users in scope', querystring: UserQuery, response: { 200: UserList, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const pageSize = req.query.pageSize ?? 20;
    const { rows, total } = await listUsers(tx.client, { orgId: req.query.orgId, q: req.query.q, limit: pageSize, offset: ((req.query.page ?? 1) - 1) * pageSize });
    return { items: await present(platform, tx, rows), total };
  }));

  app.get('/api/users/:id', {
    config: { access: { permission: 'user.read' } },
    schema: { tags, summary: '用户详情 One user', params: IdParams, response: { 200: UserView, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const row = await findUser(tx.client, req.params.id);
    if (!row) throw new AppError('NOT_FOUND');
    return (await present(platform, tx, [row]))[0];
  }));

  app.post('/api/users', {
    config: { access: { permission: 'user.manage' } },
    schema: { tags, summary: '新建用户 Create a user', body: CreateUserBody, response: { 200: InitialPassword, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), (tx) => createUser(platform, tx, req.body)));

  app.patch('/api/users/:id', {
    config: { access: { permission: 'user.manage' } },
    schema: { tags, summary: '修改用户 Update a user', params: IdParams, body: UpdateUserBody, response: { 200: UserView, ...errors } },
  }, async (req) => {
    const view = await runScoped(platform, signedInActor(req), async (tx) => {
      await updateUser(platform, tx, req.params.id, req.body);
      const row = await findUser(tx.client, req.params.id);
      if (!row) throw new AppError('NOT_FOUND');
      return (await present(platform, tx, [row]))[0];
    });
    if (req.body.status === 'disabled') await endSessionsOf(platform, req.params.id);
    return view;
  });

  app.post('/api/users/:id/reset-password', {
    config: { access: { permission: 'user.manage' } },
    schema: { tags, summary: '重置密码 Reset a password', params: IdParams, response: { 200: InitialPassword, ...errors } },
  }, async (req) => {
    const reset = await runScoped(platform, signedInActor(req), (tx) => resetPassword(platform, tx, req.params.id));
    await endSessionsOf(platform, reset.userId);
    return reset;
  });

  app.post('/api/users/:id/reveal', {
    config: { access: { permission: 'pii.unmask' } },
    schema: { tags, summary: '查看完整个人信息（留痕） Reveal a masked field, audited', params: IdParams, body: RevealBody, response: { 200: RevealResult, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), (tx) => revealPhone(platform, tx, req.params.id)));

  app.put('/api/users/:id/grants', {
    config: { access: { permission: 'user.manage' } },
    schema: { tags, summary: '设置授权 Replace a user\'s grants', params: IdParams, body: SetGrantsBody, response: { 200: UserView, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    await setGrants(tx, req.params.id, req.body);
    const row = await findUser(tx.client, req.params.id);
    if (!row) throw new AppError('NOT_FOUND');
    return (await present(platform, tx, [row]))[0];
  }));
};
