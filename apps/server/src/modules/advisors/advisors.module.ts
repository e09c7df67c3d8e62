import type { FazhiModule } from '../../platform/modules.ts';
import { legalReviewCaseType } from './advisors.workflow.ts';
import { registerAdvisorRoutes } from './advisors.routes.ts';
import { registerReviewOpinionRoutes } from './documents/review-opinion.routes.ts';
import { advisorRegistryMetrics } from './advisors.metrics.ts';
import { seedAdvisorsDemo } from './advisors.demo.ts';

/**
 * The legal advisors (律师顾问团, 一村一法律顾问; seed 二(五) "全面构建法律顾问制度体系"): the review
 * of contracts, normative documents, village rules and other matters as cases on the engine, each
 * village's advisor, the service log with hours, and their figures for the annual report.
 */
export const advisorsModule: FazhiModule = {
  key: 'advisors',
  label: { zh: '法律顾问', en: 'Legal advisors' },
  caseTypes: [legalReviewCaseType],
  routes: [registerAdvisorRoutes, registerReviewOpinionRoutes],
  metrics: advisorRegistryMetrics(),
  reportParts: [{
    key: 'advisors', area: 'decisions', heading: { zh: '全面构建法律顾问制度体系', en: 'Legal advisors' },
    sentences: [
      '健全律师顾问团工作机制，所辖{{advisors.villages}}个村（社区）中{{advisors.villagesCovered}}个配备法律顾问，一村一法律顾问覆盖率{{advisors.coverage}}。',
      '法律顾问全年出具法律审查意见{{advisors.reviewed}}件，其中审查合同{{advisors.reviewedContracts}}份、规范性文件{{advisors.reviewedNormative}}件、村规民约{{advisors.reviewedVillageRules}}件，',
      '提出问题和修改建议{{advisors.issuesFound}}条、被采纳{{advisors.issuesAdopted}}条；提供法律咨询、参与调解、法治讲座等服务{{advisors.services}}次。',
    ],
    inUse: 'advisors.services',
    figureWords: { 'advisors.reviewedContracts': ['审查合同'], 'advisors.reviewedVillageRules': ['村规民约'], 'advisors.services': ['法律服务'] },
  }],
  demo: async (c, platform, today) => { await seedAdvisorsDemo(c, platform, today); },
};
