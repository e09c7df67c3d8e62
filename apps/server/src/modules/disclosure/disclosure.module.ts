import type { FazhiModule } from '../../platform/modules.ts';
import { disclosureCaseType } from './disclosure.workflow.ts';
import { proactiveCaseType } from './proactive.workflow.ts';
import { registerProactiveRoutes } from './proactive.routes.ts';
import { registerDisclosureRoutes } from './disclosure.routes.ts';
import { registerRemedyRoutes } from './disclosure.remedies.ts';
import { registerTransparencyReportRoutes } from './transparency-report.routes.ts';
import { disclosureRegistryMetrics, transparencyRegistryMetrics } from './disclosure.metrics.ts';
import { seedDisclosureDemo } from './disclosure.demo.ts';
import { seedProactiveDemo } from './proactive.demo.ts';

/** Government information disclosure (政务公开): requests for information on the statutory clock, and proactive disclosure. */
export const disclosureModule: FazhiModule = {
  key: 'disclosure',
  label: { zh: '政务公开', en: 'Government transparency' },
  caseTypes: [disclosureCaseType, proactiveCaseType],
  routes: [registerDisclosureRoutes, registerProactiveRoutes, registerRemedyRoutes, registerTransparencyReportRoutes],
  eventLabels: {
    disclosure_remedy: { zh: '登记行政复议或行政诉讼', en: 'Review or lawsuit recorded' },
    disclosure_remedy_result: { zh: '登记复议或诉讼结果', en: 'Review or lawsuit outcome recorded' },
  },
  metrics: [...disclosureRegistryMetrics(), ...transparencyRegistryMetrics()],
  reportParts: [{
    key: 'disclosure', area: 'transparency', heading: { zh: '坚持政务公开，保障群众知情权', en: 'Government transparency' },
    sentences: ['全年新收政府信息公开申请{{disclosure.received}}件，本年办结{{disclosure.concluded}}件，按期答复率{{disclosure.onTimeRate}}。'],
    inUse: 'disclosure.received',
    figureWords: { 'disclosure.received': ['政府信息公开申请', '依申请公开'] },
  }],
  demo: async (c, platform) => { await seedDisclosureDemo(c, platform); await seedProactiveDemo(c, platform); },
};
