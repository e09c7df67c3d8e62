import type { FazhiModule } from '../../platform/modules.ts';
import { registerGeoRoutes } from './geo.routes.ts';
import { seedGeoDemo } from './geo.demo.ts';

export { locatePoint } from './use-cases/locate.ts';
export { containsPoint, checkGeometry } from './geometry.ts';
export { commandMapFigures, ACCIDENT_CATEGORIES, CRIME_CATEGORIES } from './use-cases/command-map.ts';

/**
 * Boundaries (GeoJSON) of the township, villages and grids, "which grid is this position in",
 * and the 综治中心's command map (docs/map.md).
 */
export const geoModule: FazhiModule = {
  key: 'geo',
  label: { zh: '网格地图', en: 'Grid map' },
  routes: [registerGeoRoutes],
  demo: async (c) => { await seedGeoDemo(c); },
};
