import type { FazhiModule } from '../../platform/modules.ts';
import { disclosureCaseType } from './disclosure.workflow.ts';
import { registerDisclosureRoutes } from './disclosure.routes.ts';
import { disclosureRegistryMetrics } from './disclosure.metrics.ts';
import { seedDisclosureDemo } from './disclosure.demo.ts';

/** Government information disclosure (政务公开): requests for information on the statutory clock. */
export const disclosureModule: FazhiModule = {
  key: 'disclosure',
  label: { zh: '政务公开', en: 'Government transparency' },
  caseTypes: [disclosureCaseType],
  routes: [registerDisclosureRoutes],
  metrics: disclosureRegistryMetrics(),
  demo: async (c, platform) => { await seedDisclosureDemo(c, platform); },
};
