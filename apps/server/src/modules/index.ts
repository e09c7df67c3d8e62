import type { FazhiModule } from '../platform/modules.ts';
import { mediationModule } from './mediation/mediation.module.ts';
import { petitionsModule } from './petitions/petitions.module.ts';
import { complaintsModule } from './complaints/complaints.module.ts';
import { disclosureModule } from './disclosure/disclosure.module.ts';
import { decisionsModule } from './decisions/decisions.module.ts';
import { governanceModule } from './governance/governance.module.ts';
import { advisorsModule } from './advisors/advisors.module.ts';
import { annualReportModule } from './annual-report/annual-report.module.ts';
import { geoModule } from './geo/geo.module.ts';
import { safetyModule } from './safety/safety.module.ts';
import { gridModule } from './grid/grid.module.ts';

/**
 * The modules this server runs: the one place that names them. A new module is a folder
 * with its `<m>.module.ts` and one line here.
 */
export const modules: readonly FazhiModule[] = [mediationModule, petitionsModule, complaintsModule, disclosureModule, decisionsModule, governanceModule, advisorsModule, gridModule, geoModule, safetyModule, annualReportModule];
