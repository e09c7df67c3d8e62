import type { FazhiModule } from '../../platform/modules.ts';
import { registerRegisterRoutes } from './registers.routes.ts';
import { registerCameraRoutes } from './cameras.routes.ts';
import { safetyMetrics } from './safety.metrics.ts';
import { seedSafetyDemo } from './safety.demo.ts';

/** Public safety (平安建设): the focus-group registers and the camera registry. What the module brings to the platform. */
export const safetyModule: FazhiModule = {
  key: 'safety',
  label: { zh: '平安建设', en: 'Public safety' },
  routes: [registerRegisterRoutes, registerCameraRoutes],
  metrics: safetyMetrics(),
  // 平安建设 in the annual report, with 化解矛盾纠纷 (二: 依法有效化解社会矛盾纠纷).
  reportParts: [{
    key: 'safety', area: 'disputes', heading: { zh: '推进平安建设，加强重点人群服务管理', en: 'Public safety and focus groups' },
    sentences: ['建立重点人群服务管理台账，全年在册{{safety.persons}}人，走访{{safety.visits}}次，按期走访率{{safety.visitOnScheduleRate}}；登记公共安全视频图像采集设备{{safety.cameras}}个。'],
    inUse: 'safety.persons',
    figureWords: { 'safety.persons': ['重点人群在册', '全年在册'] },
  }],
  demo: async (c, platform, today) => { await seedSafetyDemo(c, platform, today); },
};
