import type { Client } from '../../platform/db/pools.ts';
import { auditor, type Platform } from '../../platform/platform.ts';
import { loadPrincipal, type Principal } from '../../platform/access/principal.ts';
import type { CaseCtx } from '../../platform/cases/context.ts';
import { takeTransition } from '../../platform/cases/transition.ts';
import { createReport } from './annual-report.service.ts';
import { seedReportText } from './seed-report.ts';

/**
 * The demo town's reports: 2024's, generated from the records and taken through review,
 * signature, reporting and publication in early 2025 (on the portal); and 2023's, the town's
 * own report text pasted in as the office would (its figures that match the records become
 * live fields; the checks show what a reviewer would have caught), still being drafted.
 */
export const seedAnnualReportDemo = async (c: Client, platform: Platform): Promise<void> => {
  const township = (await c.query<{ id: string }>("SELECT id FROM orgs WHERE code = 'zhangbaqiao'")).rows[0];
  const users = (await c.query<{ id: string; username: string }>("SELECT id, username FROM users WHERE username IN ('dangzheng', 'dzbzr', 'leader')")).rows;
  const who = async (u: string): Promise<Principal | null> => loadPrincipal(c, users.find((x) => x.username === u)?.id ?? '', 'session');
  const [clerk, head, leader] = [await who('dangzheng'), await who('dzbzr'), await who('leader')];
  if (!township || !clerk || !head || !leader) return;
  let day = '2025-01-06';
  const ctxOf = (p: Principal): CaseCtx => ({
    client: c, principal: p, actor: { principal: p, ip: null, requestId: 'demo' }, audit: auditor(c, { principal: p, ip: null, requestId: 'demo' }),
    engine: { ...platform.cases, today: () => day },
  });
  const id2024 = await createReport(platform, ctxOf(clerk), { year: 2024, townshipId: township.id });
  let version = 1;
  const step = async (p: Principal, transition: string, on: string, fields: Record<string, unknown>) => {
    day = on;
    version = (await takeTransition(ctxOf(p), id2024, { transition, version, fields, on })).version;
  };
  await step(clerk, 'submit_review', '2025-02-10', {});
  await step(head, 'pass_review', '2025-02-13', { opinion: '数据已与业务台账核对，同意呈报。' });
  await step(leader, 'approve', '2025-02-18', { opinion: '同意，按程序报送并公开。' });
  await step(leader, 'report_county', '2025-02-24', { reportedTo: '中共宝丰县委、宝丰县人民政府（抄送县委依法治县办）', documentNo: '张政文〔2025〕9号' });
  await step(leader, 'publish', '2025-03-20', { channel: '张八桥镇人民政府门户网站' });

  day = '2024-01-15';
  await createReport(platform, ctxOf(clerk), { year: 2023, townshipId: township.id, importText: seedReportText() });
};
