import type { FazhiModule } from '../../platform/modules.ts';
import { decisionCaseType } from './decisions.workflow.ts';
import { registerDecisionRoutes } from './decisions.routes.ts';
import { registerDecisionDocumentRoutes } from './documents/decision-documents.routes.ts';
import { registerCatalogueRoutes } from './catalogue.routes.ts';
import { decisionRegistryMetrics } from './decisions.metrics.ts';
import { seedDecisionsDemo } from './decisions.demo.ts';

/**
 * Major administrative decisions (重大行政决策): each decision a case on the engine through the
 * steps of 重大行政决策程序暂行条例, its public comment on the portal, its figures for the annual
 * report's 二(五) (collective-discussion rate, legality-review coverage).
 */
export const decisionsModule: FazhiModule = {
  key: 'decisions',
  label: { zh: '重大行政决策', en: 'Major administrative decisions' },
  caseTypes: [decisionCaseType],
  routes: [registerDecisionRoutes, registerDecisionDocumentRoutes, registerCatalogueRoutes],
  metrics: decisionRegistryMetrics(),
  reportParts: [{
    key: 'decisions', area: 'decisions', heading: { zh: '坚持完善行政决策机制，着力推进科学民主决策', en: 'Decisions made by law' },
    sentences: [
      '全年作出重大行政决策{{decisions.taken}}项，其中集体讨论决定{{decisions.collective}}项，重大行政决策集体讨论率{{decisions.collectiveRate}}。',
      '经法律顾问合法性审查{{decisions.reviewed}}项，合法性审查率{{decisions.reviewRate}}；向社会公开征求意见{{decisions.publicComment}}项。',
    ],
    inUse: 'decisions.taken',
    figureWords: { 'decisions.taken': ['作出重大行政决策'], 'decisions.reviewed': ['合法性审查'], 'decisions.publicComment': ['公开征求意见'] },
  }],
  eventLabels: { public_comment: { zh: '收到公众意见', en: 'Public comment received' } },
  demo: async (c, platform, today) => { await seedDecisionsDemo(c, platform, today); },
};
