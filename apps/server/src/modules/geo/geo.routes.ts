import { Type } from 'typebox';
import {
  BoundaryBody, BoundaryCollection, BoundaryQuery, BoundarySaved, CommandMap, CommandMapQuery, ErrorSchema, LocateQuery, LocateResult,
} from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { caseCtxOf, runScoped, type Platform, type Tx } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors.ts';
import { boundariesOfTownship } from './geo.repository.ts';
import { setBoundary } from './use-cases/set-boundary.ts';
import { locatePoint } from './use-cases/locate.ts';
import { commandMapFigures } from './use-cases/command-map.ts';

const tags = ['geo'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 413: ErrorSchema, 422: ErrorSchema };

/**
 * The township a map is of: the one asked for (a township the caller sees, else 404), else the
 * caller's own, else the first the caller sees (a county's user). Null when there is none.
 */
const townshipFor = async (tx: Tx, asked: string | undefined): Promise<{ id: string; name: string } | null> => {
  if (asked) {
    const t = (await tx.client.query<{ id: string; name: string }>("SELECT id, name FROM orgs WHERE id = $1 AND kind = 'township'", [asked])).rows[0];
    if (!t) throw new AppError('NOT_FOUND');
    return t;
  }
  const { rows } = await tx.client.query<{ id: string; name: string }>(
    `SELECT id, name FROM orgs WHERE kind = 'township' ORDER BY (id = $1) DESC, sort_order, code LIMIT 1`, [tx.principal.townshipId]);
  return rows[0] ?? null;
};

/**
 * Boundaries and the command map (docs/map.md). Reads and writes run in the caller's scope:
 * row-level security on geo_boundaries, orgs and cases decides what exists for the caller.
 */
export const registerGeoRoutes = (app: TypedApp, platform: Platform): void => {
  app.get('/api/geo/boundaries', {
    config: { access: { permission: 'org.read' } },
    schema: { tags, summary: '乡镇、村、网格边界（GeoJSON） A township\'s boundaries the caller may see, as a FeatureCollection', querystring: BoundaryQuery,
      response: { 200: BoundaryCollection, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const township = await townshipFor(tx, req.query.townshipId);
    const rows = township ? await boundariesOfTownship(tx.client, township.id) : [];
    return {
      type: 'FeatureCollection' as const, townshipId: township?.id ?? null,
      features: rows.map((r) => ({
        type: 'Feature' as const, id: r.org_id,
        properties: { orgId: r.org_id, parentId: r.parent_id, name: r.name, code: r.code, kind: r.kind },
        geometry: r.geometry,
      })),
    };
  }));

  app.put('/api/geo/boundaries/:orgId', {
    config: { access: { permission: 'org.manage' } },
    schema: { tags, summary: '设置边界（GeoJSON Polygon/MultiPolygon，WGS-84） Set an org\'s boundary', params: Type.Object({ orgId: Type.String({ format: 'uuid' }) }),
      body: BoundaryBody, response: { 200: BoundarySaved, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), (tx) => setBoundary(tx, req.params.orgId, req.body.geometry)));

  app.get('/api/geo/locate', {
    config: { access: { signedIn: true } },
    schema: { tags, summary: '位置所在的网格和村（WGS-84） The grid and village a position is in', querystring: LocateQuery, response: { 200: LocateResult, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), (tx) => locatePoint(tx.client, req.query.lat, req.query.lng)));

  app.get('/api/geo/command-map', {
    config: { access: { permission: 'grid.read' } },
    schema: { tags, summary: '综治中心指挥图：各村（网格）未办结率、临期超期、“三零”情况 The command map\'s figures per village and grid', querystring: CommandMapQuery,
      response: { 200: CommandMap, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const ctx = caseCtxOf(platform, tx);
    const year = req.query.year ?? Number(ctx.engine.today().slice(0, 4));
    const township = await townshipFor(tx, req.query.townshipId);
    const tiles = platform.config.mapTiles.url ? { url: platform.config.mapTiles.url, attribution: platform.config.mapTiles.attribution, maxZoom: platform.config.mapTiles.maxZoom } : null;
    if (!township) {
      return { townshipId: null, townshipName: null, year, today: ctx.engine.today(), eventType: 'grid_event', eventsAvailable: false, petitionsAvailable: false,
        accidentCategories: [], crimeCategories: [], tiles, villages: [], grids: [] };
    }
    return commandMapFigures(ctx, { townshipId: township.id, townshipName: township.name, year, tiles });
  }));
};
