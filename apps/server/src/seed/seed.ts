import { randomUUID } from 'node:crypto';
import type { Client } from '../platform/db/pools.ts';
import type { FieldKeys } from '../platform/crypto/sm.ts';
import { blindIndex, sealField } from '../platform/crypto/sm.ts';
import { hashPassword } from '../platform/auth/password.ts';
import { appendAudit } from '../platform/audit/audit.ts';
import {
  builtInRoles, DEMO_PASSWORD, demoAccounts, demoCounty, demoCountyOffices, demoOffices, demoPortalContact, demoTownship, demoVillages, GRIDS_PER_VILLAGE,
} from './demo-town.ts';

/** Inserts or refreshes the built-in roles (their permissions follow the code's catalogue). */
export const seedRoles = async (c: Client): Promise<Map<string, string>> => {
  const ids = new Map<string, string>();
  for (const r of builtInRoles) {
    const { rows } = await c.query<{ id: string }>(
      `INSERT INTO roles (code, name, permissions, built_in) VALUES ($1,$2,$3,true)
       ON CONFLICT (code) DO UPDATE SET built_in = true RETURNING id`, [r.code, r.name, r.permissions]);
    ids.set(r.code, rows[0]?.id ?? '');
  }
  return ids;
};

export const hasAnyOrg = async (c: Client): Promise<boolean> => ((await c.query('SELECT 1 FROM orgs LIMIT 1')).rowCount ?? 0) > 0;

type Org = { id: string; township: string | null };

/** Loads the demo county, township, villages, grids, offices and one account per role. Runs on the owner connection. */
export const seedDemo = async (c: Client, keys: FieldKeys): Promise<void> => {
  const roleIds = await seedRoles(c);
  const orgs = new Map<string, Org>();
  const add = async (code: string, name: string, kind: string, parent: string | null, sort: number): Promise<Org> => {
    const id = randomUUID();
    const parentOrg = parent ? orgs.get(parent) : undefined;
    const township = kind === 'township' ? id : parentOrg?.township ?? null;
    await c.query('INSERT INTO orgs (id, parent_id, kind, name, code, township_id, sort_order) VALUES ($1,$2,$3,$4,$5,$6,$7)',
      [id, parentOrg?.id ?? null, kind, name, code, township, sort]);
    const org = { id, township };
    orgs.set(code, org);
    return org;
  };
  await add(demoCounty.code, demoCounty.name, 'county', null, 0);
  for (const [i, o] of demoCountyOffices.entries()) await add(o.code, o.name, 'office', demoCounty.code, i);
  await add(demoTownship.code, demoTownship.name, 'township', demoCounty.code, 10);
  for (const [i, o] of demoOffices.entries()) await add(o.code, o.name, 'office', demoTownship.code, i);
  const township = orgs.get(demoTownship.code)?.id;
  await c.query('INSERT INTO settings (key, value) VALUES ($1, $2)', [`portal.contact:${township}`, JSON.stringify(demoPortalContact)]);
  for (const [i, v] of demoVillages.entries()) {
    await add(v.code, v.name, 'village', demoTownship.code, 100 + i);
    for (let g = 1; g <= GRIDS_PER_VILLAGE; g++) await add(`${v.code}G${g}`, `${v.name}第${g}网格`, 'grid', v.code, g);
  }
  const password = await hashPassword(DEMO_PASSWORD);
  for (const [i, a] of demoAccounts.entries()) {
    const org = orgs.get(a.org);
    const at = orgs.get(a.grantAt);
    if (!org || !at) throw new Error(`demo account ${a.username}: unknown org`);
    const phone = `1380375${String(1000 + i).padStart(4, '0')}`;
    const { rows } = await c.query<{ id: string }>(
      `INSERT INTO users (org_id, township_id, username, display_name, password_hash, must_change_password, phone_enc, phone_bidx, password_changed_at)
       VALUES ($1,$2,$3,$4,$5,false,$6,$7,now()) RETURNING id`,
      [org.id, org.township, a.username, a.displayName, password, sealField(keys, phone), blindIndex(keys, phone)]);
    await c.query('INSERT INTO user_grants (user_id, role_id, org_id, township_id, scope) VALUES ($1,$2,$3,$4,$5)',
      [rows[0]?.id, roleIds.get(a.role), at.id, at.township, a.scope]);
  }
  await appendAudit(c, { actorId: null, orgId: orgs.get(demoCounty.code)?.id ?? null, townshipId: null, action: 'seed.demo', entity: 'deployment', entityId: null,
    after: { orgs: orgs.size, accounts: demoAccounts.length }, ip: null, requestId: null });
};
