import type { FazhiModule } from '../../platform/modules.ts';
import { annualReportCaseType } from './annual-report.workflow.ts';
import { registerAnnualReportRoutes } from './annual-report.routes.ts';
import { annualReportJobs } from './annual-report.reminders.ts';
import { seedAnnualReportDemo } from './annual-report.demo.ts';

/**
 * The annual report on rule-of-law government (法治政府建设情况报告): drafted from every
 * module's figures, reviewed and signed on the case engine, written as an official document,
 * published on the portal. It reads the other modules' `reportParts`; it must come after them
 * in `modules/index.ts` only for its demo, which reads their demo records.
 */
export const annualReportModule: FazhiModule = {
  key: 'annualReport',
  label: { zh: '法治政府建设年度报告', en: 'Annual rule-of-law report' },
  caseTypes: [annualReportCaseType],
  routes: [registerAnnualReportRoutes],
  jobs: annualReportJobs,
  // Every morning at 8 (Beijing; the worker's clock is the server's): the due-date reminders.
  crontab: ['0 8 * * * annual-report-reminders'],
  demo: async (c, platform) => { await seedAnnualReportDemo(c, platform); },
};
