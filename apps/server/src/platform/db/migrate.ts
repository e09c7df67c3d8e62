import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { sm3 } from '../crypto/sm.ts';
import { repoRoot } from '../../config.ts';

export const migrationsDir = path.join(repoRoot, 'db', 'migrations');

type Migration = { name: string; sql: string; checksum: string };

export const readMigrations = (dir = migrationsDir): Migration[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name), 'utf8');
      return { name, sql, checksum: sm3(sql).toString('hex') };
    });

/**
 * Applies the committed SQL migrations in name order, each in its own transaction, under
 * a session advisory lock so that two servers starting together never race. A migration
 * that was edited after it was applied stops the start: migrations are append-only.
 */
export const migrate = async (ownerUrl: string, log: (m: string) => void = () => undefined, opts: { upTo?: string } = {}): Promise<string[]> => {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock(hashtext('fazhi.migrate'))");
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Map((await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations')).rows.map((r) => [r.name, r.checksum]));
    const all = readMigrations();
    // A restore replays the schema as it was when the backup was made, loads the rows, then
    // applies what came after (platform/backup): `upTo` is the last migration applied.
    const last = opts.upTo === undefined ? all.length - 1 : all.findIndex((m) => m.name === opts.upTo);
    if (last < 0 && opts.upTo !== undefined) throw new Error(`migration ${opts.upTo} is not in this version of Fazhi`);
    for (const m of all.slice(0, last + 1)) {
      const prior = done.get(m.name);
      if (prior !== undefined) {
        if (prior !== m.checksum) throw new Error(`migration ${m.name} was changed after it was applied; add a new migration instead`);
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [m.name, m.checksum]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.name} failed: ${(e as Error).message}`);
      }
      applied.push(m.name);
      log(`applied migration ${m.name}`);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock(hashtext('fazhi.migrate'))").catch(() => undefined);
    await client.end();
  }
  return applied;
};
