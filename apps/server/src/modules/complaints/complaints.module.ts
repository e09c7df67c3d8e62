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
  demo: async (c, platform, today) => { await seedComplaintsDemo(c, platform, today); },
};
