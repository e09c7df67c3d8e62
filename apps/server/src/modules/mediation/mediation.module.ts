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
  reportParts: [{
    key: 'mediation', area: 'disputes', heading: { zh: '化解矛盾纠纷，维护社会和谐稳定', en: 'Disputes resolved' },
    sentences: [
      '镇、村两级公共法律服务机构共受理、调解纠纷{{mediation.received}}起，调解成功{{mediation.resolved}}起，引导走法律途径{{mediation.guided}}起。',
      '调解成功率{{mediation.successRate}}，按期调结率{{mediation.onTimeRate}}，回访协议履行率{{mediation.performanceRate}}。',
    ],
    inUse: 'mediation.received',
    figureWords: { 'mediation.received': ['受理、调解纠纷', '受理调解纠纷', '受理纠纷', '调解纠纷'], 'mediation.resolved': ['调解成功'], 'mediation.guided': ['引导走法律途径'] },
  }],
  eventLabels: { session: { zh: '调解笔录', en: 'Mediation session' } },
  demo: async (c, platform, today) => { await seedMediationDemo(c, platform, today); },
};
