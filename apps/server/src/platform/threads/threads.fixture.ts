/** A thread for threads.test.ts: one scoped transaction, reporting who it ran as and what it saw. */
import type { Principal } from '../access/principal.ts';
import { runScopedOnThread, threadData, threadPort } from './threads.ts';

const input = threadData<{ appUrl: string; principal: Principal }>();
const seen = await runScopedOnThread(input.appUrl, input.principal, async (c) => (await c.query<{ role: string; super: boolean; bypass: boolean; codes: string[] }>(
  `SELECT current_user AS role, r.rolsuper AS super, r.rolbypassrls AS bypass, (SELECT array_agg(code ORDER BY code) FROM orgs) AS codes
     FROM pg_roles r WHERE r.rolname = current_user`)).rows[0]);
threadPort().postMessage(seen);
