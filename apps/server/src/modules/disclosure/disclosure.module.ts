import type { FazhiModule } from '../../platform/modules.ts';
import { disclosureCaseType } from './disclosure.workflow.ts';
import { registerDisclosureRoutes } from './disclosure.routes.ts';

/** Government information disclosure (政务公开): requests for information on the statutory clock. */
export const disclosureModule: FazhiModule = {
  key: 'disclosure',
  label: { zh: '政务公开', en: 'Government transparency' },
  caseTypes: [disclosureCaseType],
  routes: [registerDisclosureRoutes],
};
