import type { FazhiModule } from '../../platform/modules.ts';
import { meetingCaseType } from './meetings.workflow.ts';
import { governanceRegistryMetrics } from './governance.metrics.ts';
import { seedGovernanceDemo } from './governance.demo.ts';
import { planTaskCaseType } from './plan-task.workflow.ts';
import { leadershipRegistryMetrics } from './leadership.metrics.ts';
import { registerLeadershipRoutes } from './leadership.routes.ts';
import { seedLeadershipDemo } from './leadership.demo.ts';

/**
 * The leaders' own rule-of-law work (PRODUCT.md "governance"; seed 一): the leadership group's
 * meetings and the work reports they hear, the collective bodies' meetings, the leaders' law
 * study and 述法, each a record on the case engine; their counts for section 一 of the annual report.
 */
export const governanceModule: FazhiModule = {
  key: 'governance',
  label: { zh: '法治建设', en: 'Rule-of-law governance' },
  caseTypes: [meetingCaseType, planTaskCaseType],
  routes: [registerLeadershipRoutes],
  metrics: [...governanceRegistryMetrics(), ...leadershipRegistryMetrics()],
  reportParts: [{
    key: 'governance', area: 'duties', heading: { zh: '党政主要负责人履行推进法治建设第一责任人职责', en: "The principal leaders' duties" },
    sentences: [
      '全年召开法治建设工作领导小组会议{{governance.leadershipMeetings}}次，听取法治建设工作汇报{{governance.ruleOfLawReports}}次；',
      '组织党委理论学习中心组学法和干部集体学法{{governance.studySessions}}次，开展领导干部述法{{governance.shufa}}次。',
      '制定法治建设实施方案，分解任务{{governance.planTasks}}项，已完成{{governance.planTasksCompleted}}项，其中按期完成{{governance.planTasksOnTime}}项，督办{{governance.supervisedTasks}}项；法治建设经费列入年度财政预算，全年支出{{governance.budgetItems}}笔。',
    ],
    inUse: 'governance.meetingsHeld',
    figureWords: { 'governance.ruleOfLawReports': ['法治建设工作汇报'], 'governance.studySessions': ['学法'], 'governance.planTasks': ['分解任务'], 'governance.supervisedTasks': ['督办'] },
  }],
  demo: async (c, platform) => {
    await seedGovernanceDemo(c, platform);
    await seedLeadershipDemo(c, platform);
  },
};
