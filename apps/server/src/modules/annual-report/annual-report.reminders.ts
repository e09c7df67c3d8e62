import type { TaskList } from 'graphile-worker';
import { notifyUsers, caseLink } from '../../platform/notifications/notify.ts';
import { permissionHoldersAt } from '../../platform/notifications/recipients.ts';
import { runSystem, type Platform } from '../../platform/platform.ts';

/**
 * The report's two dates (法治政府建设与责任落实督察工作规定, 2019; LAW.md): reported to the
 * county in the first quarter — by 1 March in provincial practice, `annualReport.reportBy`
 * in settings ("MM-DD") to change it — and published by 1 April. From 14 days before each,
 * once a day, the drafters and the principal leader of a township whose report for last
 * year is not that far along get a notice (one a day at most, however often the job runs).
 */
export const REMIND_DAYS = 14;
const addDays = (iso: string, n: number): string => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export const remindAnnualReports = async (platform: Platform): Promise<number> => runSystem(platform, async (c) => {
  const today = platform.cases.today();
  const year = Number(today.slice(0, 4)) - 1;
  const setting = (await c.query<{ value: unknown }>("SELECT value FROM settings WHERE key = 'annualReport.reportBy'")).rows[0]?.value;
  const reportBy = `${year + 1}-${typeof setting === 'string' && /^\d{2}-\d{2}$/.test(setting) ? setting : '03-01'}`;
  const publishBy = `${year + 1}-04-01`;
  const stages = [
    { due: reportBy, what: { zh: '报送县委、县政府', en: 'reported to the county' }, done: ['reported', 'published'] },
    { due: publishBy, what: { zh: '向社会公开', en: 'published' }, done: ['published'] },
  ].filter((s) => today >= addDays(s.due, -REMIND_DAYS));
  const stage = stages.find((s) => today <= s.due) ?? stages.at(-1);
  if (!stage) return 0;
  const { rows } = await c.query<{ id: string; name: string; case_id: string | null; status: string | null }>(
    `SELECT t.id, t.name, r.case_id, k.status FROM orgs t
       LEFT JOIN annual_reports r ON r.township_id = t.id AND r.year = $1 LEFT JOIN cases k ON k.id = r.case_id
      WHERE t.kind = 'township'
        AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.township_id = t.id AND n.kind = 'report.due' AND n.created_at >= (now() - interval '20 hours'))`, [year]);
  const labels = platform.cases.types.get('annual_report')?.states ?? {};
  let sent = 0;
  for (const t of rows) {
    if (t.status && stage.done.includes(t.status)) continue;
    const users = [...new Set([...(await permissionHoldersAt(c, 'report.draft', t.id)), ...(await permissionHoldersAt(c, 'report.approve', t.id))])];
    sent += await notifyUsers(c, users, {
      kind: 'report.due', townshipId: t.id, caseId: t.case_id, link: t.case_id ? caseLink(t.case_id) : '/console/annual-reports',
      params: { township: t.name, year: String(year), status: t.status ? labels[t.status]?.label ?? t.status : { zh: '尚未起草', en: 'not started' }, due: stage.due, what: stage.what },
    });
  }
  return sent;
});

export const annualReportJobs = (platform: Platform): TaskList => ({
  'annual-report-reminders': async () => {
    const n = await remindAnnualReports(platform);
    if (n > 0) platform.log.info({ notices: n }, 'annual report reminders sent');
  },
});
