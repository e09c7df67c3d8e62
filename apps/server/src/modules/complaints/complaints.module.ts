import type { FazhiModule } from '../../platform/modules.ts';
import { complaintCaseType } from './complaints.workflow.ts';
import { registerComplaintRoutes } from './complaints.routes.ts';
import { complaintMetrics } from './complaints.metrics.ts';
import { seedComplaintsDemo } from './complaints.demo.ts';

/** Complaints about the township's own work (投诉件, 12345 work orders): what the module brings to the platform. */
export const complaintsModule: FazhiModule = {
  key: 'complaints',
  label: { zh: '投诉件', en: 'Complaints' },
  caseTypes: [complaintCaseType],
  routes: [registerComplaintRoutes],
  metrics: complaintMetrics(),
  reportParts: [{
    key: 'complaints', area: 'petitions', heading: { zh: '办理群众投诉和12345热线工单', en: 'Complaints and 12345 work orders' },
    sentences: ['受理群众投诉（含12345热线工单）{{complaints.received}}件，已答复{{complaints.replied}}件，按期答复率{{complaints.onTimeRate}}，满意率{{complaints.satisfactionRate}}。'],
    inUse: 'complaints.received',
    figureWords: { 'complaints.received': ['群众投诉', '热线工单'] },
  }],
  demo: async (c, platform, today) => { await seedComplaintsDemo(c, platform, today); },
};
