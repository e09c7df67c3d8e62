import type { FazhiModule } from '../../platform/modules.ts';
import { disclosureCaseType } from './disclosure.workflow.ts';
import { proactiveCaseType } from './proactive.workflow.ts';
import { registerProactiveRoutes } from './proactive.routes.ts';
import { registerDisclosureRoutes } from './disclosure.routes.ts';
import { disclosureRegistryMetrics } from './disclosure.metrics.ts';
import { seedDisclosureDemo } from './disclosure.demo.ts';
import { seedProactiveDemo } from './proactive.demo.ts';

/** Government information disclosure (政务公开): requests for information on the statutory clock, and proactive disclosure. */
export const disclosureModule: FazhiModule = {
  key: 'disclosure',
  label: { zh: '政务公开', en: 'Government transparency' },
  caseTypes: [disclosureCaseType, proactiveCaseType],
  routes: [registerDisclosureRoutes, registerProactiveRoutes],
  metrics: disclosureRegistryMetrics(),
  demo: async (c, platform) => { await seedDisclosureDemo(c, platform); await seedProactiveDemo(c, platform); },
};
