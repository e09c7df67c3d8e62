import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';
import { migrate } from './migrate.ts';

let h: Harness;
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h.close(); });

describe('migrations', () => {
  it('are idempotent and safe when two servers start together', async () => {
    const results = await Promise.all([migrate(h.ownerUrl), migrate(h.ownerUrl), migrate(h.ownerUrl)]);
    expect(results.flat()).toEqual([]);
    const { rows } = await h.db.query('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0]?.n).toBeGreaterThan(0);
  });

  it('created the database with a UTF-8 ctype, which Chinese search needs', async () => {
    const { rows } = await h.db.query('SELECT pg_encoding_to_char(encoding) AS enc, datctype FROM pg_database WHERE datname = current_database()');
    expect(rows[0]).toEqual({ enc: 'UTF8', datctype: 'C.UTF-8' });
    const lower = await h.db.query("SELECT similarity('张八桥镇东营村', '东营村') > 0.1 AS similar");
    expect(lower.rows[0]?.similar).toBe(true);
  });
});
