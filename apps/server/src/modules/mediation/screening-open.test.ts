import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';

/**
 * Opening a screening round as the judicial office (scope: the township's subtree), once and
 * again for the same month. Found by the schema fuzz (docs/reliability.md, section 3): the
 * upsert needed UPDATE on screening_rounds, which the request role does not have, and every
 * opening was a 500.
 */
let h: Harness;
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h.close(); });

it('opens a round, and the same month again gives the same round', async () => {
  const sifa = await h.signIn('sifa');
  const townshipId = await h.orgId('zhangbaqiao');
  const first = await sifa.post('/api/mediation/screenings', { townshipId, period: '2030-01', dueOn: '2030-01-25' });
  expect(first.status).toBe(200);
  const again = await sifa.post('/api/mediation/screenings', { townshipId, period: '2030-01', dueOn: '2030-01-28' });
  expect(again.status).toBe(200);
  expect(again.body.id).toBe(first.body.id);
  const villages = await h.db.query("SELECT count(*)::int AS n FROM orgs WHERE township_id = $1 AND kind = 'village'", [townshipId]);
  const returns = await h.db.query('SELECT count(*)::int AS n FROM screening_returns WHERE round_id = $1', [first.body.id]);
  expect(returns.rows[0].n).toBe(villages.rows[0].n);
});
