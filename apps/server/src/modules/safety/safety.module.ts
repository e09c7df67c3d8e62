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
  demo: async (c, platform, today) => { await seedSafetyDemo(c, platform, today); },
};
