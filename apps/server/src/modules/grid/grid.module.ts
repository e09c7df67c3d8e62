import type { FazhiModule } from '../../platform/modules.ts';
import { gridEventType } from './grid.workflow.ts';
import { registerGridRoutes } from './grid.routes.ts';

/** Grid events (网格事件): the grid worker's reports, the 综治中心's loop, citizens' 随手拍 and Open311. */
export const gridModule: FazhiModule = {
  key: 'grid',
  label: { zh: '网格化服务管理', en: 'Grid governance' },
  caseTypes: [gridEventType],
  routes: [registerGridRoutes],
};
