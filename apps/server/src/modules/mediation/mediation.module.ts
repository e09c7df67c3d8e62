import type { FazhiModule } from '../../platform/modules.ts';
import { mediationCaseType } from './mediation.workflow.ts';
import { registerMediationRoutes } from './mediation.routes.ts';
import { registerMediationRegistryRoutes } from './mediation-work.routes.ts';
import { registerScreeningRoutes } from './mediation-screening.routes.ts';
import { registerMediationDocumentRoutes } from './documents/mediation-documents.routes.ts';
import { registerLedgerRoutes } from './ledger/ledger.routes.ts';
import { registerDossierRoutes } from './dossier/dossier.routes.ts';
import { ledgerJobTasks } from './ledger/ledger.jobs.ts';
import { seedMediationDemo } from './mediation.demo.ts';
import { mediationRegistryMetrics } from './mediation.metrics.ts';

/** People's mediation (人民调解): what the module brings to the platform. */
export const mediationModule: FazhiModule = {
  key: 'mediation',
  label: { zh: '人民调解', en: "People's mediation" },
  caseTypes: [mediationCaseType],
  routes: [registerMediationRoutes, registerMediationRegistryRoutes, registerScreeningRoutes, registerMediationDocumentRoutes, registerLedgerRoutes, registerDossierRoutes],
  jobs: ledgerJobTasks,
  metrics: mediationRegistryMetrics(),
  eventLabels: { session: { zh: '调解笔录', en: 'Mediation session' } },
  demo: async (c, platform, today) => { await seedMediationDemo(c, platform, today); },
};
