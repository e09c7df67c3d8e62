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
  reportParts: [{
    key: 'petitions', area: 'petitions', heading: { zh: '依法规范信访工作，及时回应群众诉求', en: 'Petitions handled by law' },
    sentences: ['全年登记信访事项{{petition.received}}件，依法受理{{petition.accepted}}件，按法定途径分流{{petition.routed}}件，及时受理率{{petition.noticeRate}}，按期办结率{{petition.onTimeRate}}。'],
    inUse: 'petition.received',
    figureWords: { 'petition.received': ['登记信访事项', '受理信访事项', '信访事项'], 'petition.routed': ['分流'] },
  }],
  eventLabels: {
    recusal: { zh: '承办人回避', en: 'Handler recused' },
    supervision: { zh: '领导督办', en: 'Supervision' },
    mediation_referral: { zh: '转人民调解', en: 'Referred to mediation' },
  },
  demo: async (c, platform, today) => { await seedPetitionDemo(c, platform, today); },
};
