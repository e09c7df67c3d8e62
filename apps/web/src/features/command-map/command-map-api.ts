import type { BoundaryCollection, CaseList, CommandMap } from '@fazhi/contracts';
import { api, toQuery } from '../../api/client.ts';

/** The township's boundaries the caller may see, as GeoJSON (GET /api/geo/boundaries). */
export const fetchBoundaries = (townshipId?: string) => api.get<BoundaryCollection>(`/geo/boundaries${toQuery({ townshipId })}`);

/** The map's figures per village and grid for a year (GET /api/geo/command-map). */
export const fetchCommandMap = (year: number, townshipId?: string) => api.get<CommandMap>(`/geo/command-map${toQuery({ year, townshipId })}`);

/** The open events of a village or grid: the engine's case list, of the events' type, under that org. */
export const fetchOpenEvents = (type: string, orgId: string) =>
  api.get<CaseList>(`/cases${toQuery({ type, orgId, statusKind: 'open', pageSize: 50 })}`);
