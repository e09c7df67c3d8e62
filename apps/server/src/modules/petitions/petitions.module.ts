import type { FazhiModule } from '../../platform/modules.ts';
import { petitionCaseType } from './petitions.workflow.ts';
import { registerPetitionRoutes } from './petitions.routes.ts';
import { registerPetitionDocumentRoutes } from './documents/petition-documents.routes.ts';
import { petitionRegistryMetrics } from './petitions.metrics.ts';
import { seedPetitionDemo } from './petitions.demo.ts';

/** Petitions (信访, 信访工作条例 2022): what the module brings to the platform. */
export const petitionsModule: FazhiModule = {
  key: 'petitions',
  label: { zh: '信访', en: 'Petitions' },
  caseTypes: [petitionCaseType],
  routes: [registerPetitionRoutes, registerPetitionDocumentRoutes],
  metrics: petitionRegistryMetrics(),
  eventLabels: {
    recusal: { zh: '承办人回避', en: 'Handler recused' },
    supervision: { zh: '领导督办', en: 'Supervision' },
  },
  demo: async (c, platform, today) => { await seedPetitionDemo(c, platform, today); },
};
