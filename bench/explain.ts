import pg from 'pg';
import type { Client } from '../apps/server/src/platform/db/pools.ts';
import { loadPrincipal } from '../apps/server/src/platform/access/principal.ts';
import { applyScope } from '../apps/server/src/platform/access/scope.ts';
import { listVisibleOrgs } from '../apps/server/src/modules/orgs/orgs.repository.ts';

type Recorded = { text: string; values: unknown[] };

/** A client that runs every query and remembers it: the real code's SQL, not a copy. */
const recording = (c: Client, seen: Recorded[]): Client => new Proxy(c, {
  get(target, key) {
    if (key === 'query') {
      return (text: string, values?: unknown[]) => {
        seen.push({ text, values: values ?? [] });
        return target.query(text, values);
      };
    }
    const v: unknown = Reflect.get(target, key);
    return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
  },
});

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the org tree's SELECT as `username` sees it: the app role,
 * the user's data scope set as the server sets it, the statement listVisibleOrgs sends.
 */
export const explainTree = async (ownerUrl: string, appUrl: string, username: string): Promise<string> => {
  const owner = new pg.Pool({ connectionString: ownerUrl, max: 1 });
  const app = new pg.Pool({ connectionString: appUrl, max: 1 });
  try {
    const o = await owner.connect();
    let principal;
    try {
      const id = (await o.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username])).rows[0]?.id;
      if (!id) throw new Error(`no user ${username}`);
      principal = await loadPrincipal(o, id, 'session');
    } finally {
      o.release();
    }
    if (!principal) throw new Error(`no principal for ${username}`);
    const c = await app.connect();
    try {
      await c.query('BEGIN');
      await applyScope(c, principal);
      const seen: Recorded[] = [];
      await listVisibleOrgs(recording(c, seen));
      const q = seen[0];
      if (!q) throw new Error('listVisibleOrgs sent no query');
      const { rows } = await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${q.text}`, q.values);
      await c.query('ROLLBACK');
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      c.release();
    }
  } finally {
    await Promise.all([owner.end(), app.end()]);
  }
};
