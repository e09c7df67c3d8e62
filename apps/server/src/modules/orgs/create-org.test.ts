import { afterAll, beforeAll, expect, it } from 'vitest';
import { allPermissions } from '@fazhi/contracts';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';

/**
 * A township's own administrator (scope: the township's subtree) adds villages, offices and
 * grids. Found by the schema fuzz (docs/reliability.md, section 3): the insert's RETURNING was
 * judged by the read policy before the new org was in org_closure, and every such add was a 500.
 */
let h: Harness;
let townAdmin: Agent;
beforeAll(async () => {
  h = await createHarness();
  const admin = await h.signIn('admin');
  const role = await admin.post('/api/roles', { code: 'town_admin', name: '镇管理员', permissions: allPermissions });
  const town = await h.orgId('zhangbaqiao');
  const user = await admin.post('/api/users', { username: 'town_admin', displayName: '镇管理员', orgId: town });
  expect((await admin.put(`/api/users/${user.body.userId}/grants`, { grants: [{ roleId: role.body.id, orgId: town, scope: 'subtree' }] })).status).toBe(200);
  await h.db.query('UPDATE users SET must_change_password = false WHERE id = $1', [user.body.userId]);
  townAdmin = await h.signIn('town_admin', user.body.initialPassword);
});
afterAll(async () => { await h.close(); });

it('adds a village under the township and a grid under it, and sees both', async () => {
  const village = await townAdmin.post('/api/orgs', { parentId: await h.orgId('zhangbaqiao'), kind: 'village', name: '新建村', code: 'S99' });
  expect(village.status).toBe(200);
  expect(village.body).toMatchObject({ kind: 'village', name: '新建村', code: 'S99', townshipId: await h.orgId('zhangbaqiao') });
  const grid = await townAdmin.post('/api/orgs', { parentId: village.body.id, kind: 'grid', name: '新建村第1网格', code: 'S99G1' });
  expect(grid.status).toBe(200);
  expect((await townAdmin.get(`/api/orgs/${grid.body.id}`)).body.parentId).toBe(village.body.id);
  const again = await townAdmin.post('/api/orgs', { parentId: village.body.id, kind: 'grid', name: '重复', code: 'S99G1' });
  expect(again.status).toBe(409);
});
