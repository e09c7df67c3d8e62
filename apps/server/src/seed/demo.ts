import type { Platform } from '../platform/platform.ts';
import { runSystem } from '../platform/platform.ts';
import { hasAnyOrg, seedDemo, seedRoles } from './seed.ts';

/**
 * Loads the whole demo town into an empty database, in one transaction: orgs, accounts and
 * each module's records (made through the same engine as real work). Returns false when
 * the database already has orgs.
 */
export const loadDemo = (platform: Platform): Promise<boolean> =>
  runSystem(platform, async (c) => {
    await seedRoles(c);
    if (await hasAnyOrg(c)) return false;
    await seedDemo(c, platform.keys.fields);
    for (const m of platform.modules) await m.demo?.(c, platform, platform.cases.today());
    return true;
  });
