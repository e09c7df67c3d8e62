import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';
import { inTransaction, named, queryOnGenericPlan, sendTogether } from './pools.ts';

/**
 * The request pool's transactions (pipelined: BEGIN and the scope leave with the first
 * statement, in one write) and the list's generic plans (docs/performance.md).
 */
let h: Harness;
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h.close(); });

const SCOPE = "SELECT set_config('fazhi.user_id', 'u-test', true)";

describe('a request transaction on the pipelined pool', () => {
  it('has its scope when the first statement comes after other awaited work', async () => {
    const seen = await inTransaction(h.platform.app, SCOPE, async (c) => {
      await sleep(5);
      await Promise.resolve();
      return (await c.query<{ v: string }>("SELECT current_setting('fazhi.user_id') AS v")).rows[0]?.v;
    });
    expect(seen).toBe('u-test');
  });

  it('sends statements together in order, and a failed one fails the transaction', async () => {
    const order: number[] = [];
    const rows = await inTransaction(h.platform.app, SCOPE, async (c) => {
      await c.query('CREATE TEMP TABLE t_order (n int) ON COMMIT DROP');
      await sendTogether(c, [1, 2, 3].map((n) => async () => { await c.query('INSERT INTO t_order VALUES ($1)', [n]); order.push(n); }));
      return (await c.query<{ n: number }>('SELECT n FROM t_order ORDER BY ctid')).rows.map((r) => r.n);
    });
    expect(rows).toEqual([1, 2, 3]);
    expect(order).toEqual([1, 2, 3]);
    await expect(inTransaction(h.platform.app, SCOPE, (c) => sendTogether(c, [() => c.query('SELECT 1'), () => c.query('SELECT 1/0')])))
      .rejects.toMatchObject({ code: '22012' });
  });
});

describe('a statement on its generic plan', () => {
  it('is planned once, generically, and leaves the transaction on PostgreSQL\'s own choice (the database setting)', async () => {
    const statement = named('SELECT $1::text || \'-\' || $2::int AS x FROM generate_series(1, 3) g WHERE g > $2::int', ['a', 1]);
    const result = await inTransaction(h.platform.app, SCOPE, async (c) => {
      const first = await queryOnGenericPlan<{ x: string }>(c, statement);
      const second = await queryOnGenericPlan<{ x: string }>(c, { ...statement, values: ['b', 2] });
      const plans = (await c.query<{ generic_plans: string; custom_plans: string }>(
        'SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = $1', [statement.name])).rows[0];
      const mode = (await c.query<{ plan_cache_mode: string }>('SHOW plan_cache_mode')).rows[0]?.plan_cache_mode;
      return { first: first.rows.map((r) => r.x), second: second.rows.map((r) => r.x), plans, mode };
    });
    expect(result.first).toEqual(['a-1', 'a-1']);
    expect(result.second).toEqual(['b-2']);
    expect(result.plans).toEqual({ generic_plans: 2, custom_plans: 0 });
    expect(result.mode).toBe('auto');
  });

  it('fails with the statement\'s own error, and the transaction with it', async () => {
    await expect(inTransaction(h.platform.app, SCOPE, (c) => queryOnGenericPlan(c, named('SELECT 1 / $1::int AS x', [0]))))
      .rejects.toMatchObject({ code: '22012' });
    // The connection went back to the pool clean: the next transaction on it works.
    expect(await inTransaction(h.platform.app, SCOPE, async (c) => (await c.query<{ x: number }>('SELECT 1 AS x')).rows[0]?.x)).toBe(1);
  });
});
