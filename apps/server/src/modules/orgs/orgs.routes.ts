import { Type } from 'typebox';
import { CreateOrgBody, ErrorSchema, OrgTree, OrgView, UpdateOrgBody } from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { runScoped, type Platform } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { assertCanAt, orgsWithPermission } from '../../platform/access/scope.ts';
import { AppError } from '../../platform/errors.ts';
import { findOrg, listVisibleOrgs, updateOrg } from './orgs.repository.ts';
import { presentOrg } from './orgs.presenter.ts';
import { createOrg } from './use-cases/create-org.ts';

const tags = ['orgs'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const registerOrgRoutes = (app: TypedApp, platform: Platform): void => {
  app.get('/api/orgs/tree', {
    config: { access: { permission: 'org.read' } },
    schema: { tags, summary: '组织机构树 The org tree in the caller\'s scope', response: { 200: OrgTree, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const rows = await listVisibleOrgs(tx.client);
    const manageable = await orgsWithPermission(tx.client, tx.principal, 'org.manage', rows.map((r) => r.id));
    return { items: rows.map((r) => presentOrg(r, manageable.has(r.id))) };
  }));

  app.get('/api/orgs/:id', {
    config: { access: { permission: 'org.read' } },
    schema: { tags, summary: '组织详情 One org', params: IdParams, response: { 200: OrgView, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const row = await findOrg(tx.client, req.params.id);
    if (!row) throw new AppError('NOT_FOUND');
    const manageable = await orgsWithPermission(tx.client, tx.principal, 'org.manage', [row.id]);
    return presentOrg(row, manageable.has(row.id));
  }));

  app.post('/api/orgs', {
    config: { access: { permission: 'org.manage' } },
    schema: { tags, summary: '新建下级组织 Create an org', body: CreateOrgBody, response: { 200: OrgView, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), (tx) => createOrg(tx, req.body)));

  app.patch('/api/orgs/:id', {
    config: { access: { permission: 'org.manage' } },
    schema: { tags, summary: '修改组织 Rename or reorder an org', params: IdParams, body: UpdateOrgBody, response: { 200: OrgView, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const before = await findOrg(tx.client, req.params.id);
    if (!before) throw new AppError('NOT_FOUND');
    await assertCanAt(tx.client, tx.principal, 'org.manage', before.id);
    const after = await updateOrg(tx.client, before.id, req.body);
    if (!after) throw new AppError('NOT_FOUND');
    await tx.audit({ orgId: after.id, townshipId: after.township_id, action: 'org.update', entity: 'org', entityId: after.id, before, after });
    return presentOrg(after, true);
  }));
};
