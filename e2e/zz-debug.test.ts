import { it } from 'vitest';
import { createHarness } from '../apps/server/src/test/harness.ts';
it('debug', async () => {
  const h = await createHarness();
  const a = await h.signIn('sifa');
  for (const u of ['/api/tasks?page=1&pageSize=200', '/api/tasks?page=1&pageSize=1&due=overdue', '/api/tasks?page=1&pageSize=1&due=soon']) {
    const t0 = Date.now(); const r = await a.get(u); console.log(u, r.status, Date.now() - t0, JSON.stringify(r.body).slice(0, 300));
  }
  await h.close();
});
