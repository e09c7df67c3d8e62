import type { FazhiModule } from '../../platform/modules.ts';
import { gridEventType } from './grid.workflow.ts';
import { registerGridRoutes } from './grid.routes.ts';
import { gridMetrics } from './grid.metrics.ts';
import { registerOpen311Routes } from './open311.routes.ts';
import { seedGridDemo } from './grid.demo.ts';

/** Grid events (网格事件): the grid worker's reports, the 综治中心's loop, citizens' 随手拍 and Open311. */
export const gridModule: FazhiModule = {
  key: 'grid',
  label: { zh: '网格化服务管理', en: 'Grid governance' },
  caseTypes: [gridEventType],
  routes: [registerGridRoutes, registerOpen311Routes],
  eventLabels: { petition_referral: { zh: '转信访办', en: 'Referred to the petition office' } },
  metrics: gridMetrics(),
  reportParts: [{
    key: 'grid', area: 'disputes', heading: { zh: '深化网格化服务管理，推进基层社会治理', en: 'Grid governance' },
    sentences: ['全镇网格员和群众共上报网格事件{{grid.received}}件，其中矛盾纠纷{{grid.receivedDispute}}件；核查结案{{grid.closed}}件，按期结案率{{grid.closedOnTimeRate}}，网格员就地办结{{grid.selfHandled}}件。'],
    inUse: 'grid.received',
    figureWords: { 'grid.received': ['网格事件'], 'grid.closed': ['核查结案'], 'grid.selfHandled': ['就地办结'] },
  }],
  demo: async (c, platform, today) => { await seedGridDemo(c, platform, today); },
};
