/** Contracts of boundaries (GeoJSON) and the 综治中心's command map (modules/geo, docs/map.md). */
import { Type, type Static } from 'typebox';

const Id = Type.String({ format: 'uuid' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** A position as GeoJSON writes it: [longitude, latitude] in WGS-84 (an altitude, if sent, is dropped). */
const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });
const Ring = Type.Array(Position, { minItems: 4, maxItems: 20000 });
/** A boundary: a GeoJSON Polygon or MultiPolygon (RFC 7946). Closed rings and ranges are checked by the server. */
export const BoundaryGeometry = Type.Union([
  Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Ring, { minItems: 1, maxItems: 50 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Array(Ring, { minItems: 1, maxItems: 50 }), { minItems: 1, maxItems: 100 }) }, { additionalProperties: false }),
]);
export type BoundaryGeometry = Static<typeof BoundaryGeometry>;

export const BoundaryKind = Type.Union([Type.Literal('township'), Type.Literal('village'), Type.Literal('grid')]);
export type BoundaryKind = Static<typeof BoundaryKind>;

/** PUT /api/geo/boundaries/:orgId: the org's boundary, replacing the one it had. */
export const BoundaryBody = Type.Object({ geometry: BoundaryGeometry }, { additionalProperties: false });
export type BoundaryBody = Static<typeof BoundaryBody>;

export const BoundaryFeature = Type.Object({
  type: Type.Literal('Feature'),
  id: Id,
  properties: Type.Object({ orgId: Id, parentId: Nullable(Id), name: Type.String(), code: Type.String(), kind: BoundaryKind }),
  geometry: BoundaryGeometry,
});
export type BoundaryFeature = Static<typeof BoundaryFeature>;

/** GET /api/geo/boundaries: a township's boundaries the caller may see, as a GeoJSON FeatureCollection. */
export const BoundaryCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  /** The township the collection is of (null when the caller sees none). */
  townshipId: Nullable(Id),
  features: Type.Array(BoundaryFeature),
});
export type BoundaryCollection = Static<typeof BoundaryCollection>;
export const BoundaryQuery = Type.Object({ townshipId: Type.Optional(Id) }, { additionalProperties: false });
export type BoundaryQuery = Static<typeof BoundaryQuery>;

export const BoundarySaved = Type.Object({ orgId: Id, kind: BoundaryKind, positions: Type.Integer(), bbox: Type.Array(Type.Number()) });
export type BoundarySaved = Static<typeof BoundarySaved>;

/** GET /api/geo/locate?lat=&lng=: the grid and village (WGS-84) a position is in, of those the caller may see. */
export const LocateQuery = Type.Object({
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  lng: Type.Number({ minimum: -180, maximum: 180 }),
}, { additionalProperties: false });
export type LocateQuery = Static<typeof LocateQuery>;
const Place = Type.Object({ id: Id, name: Type.String() });
export const LocateResult = Type.Object({ found: Type.Boolean(), township: Nullable(Place), village: Nullable(Place), grid: Nullable(Place) });
export type LocateResult = Static<typeof LocateResult>;

/** GET /api/geo/command-map: the figures the command map colours and lists, per village and per grid. */
export const CommandMapQuery = Type.Object({
  townshipId: Type.Optional(Id),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
}, { additionalProperties: false });
export type CommandMapQuery = Static<typeof CommandMapQuery>;

export const AreaFigures = Type.Object({
  orgId: Id,
  parentId: Nullable(Id),
  name: Type.String(),
  kind: Type.Union([Type.Literal('village'), Type.Literal('grid')]),
  /** Events received this year, and of them those still open. */
  events: Type.Integer(),
  open: Type.Integer(),
  /** open / events (null when there were none). */
  unresolvedRate: Nullable(Type.Number()),
  /** Open events whose running duty clock is past its due date, or due within the due-soon window. */
  overdue: Type.Integer(),
  dueSoon: Type.Integer(),
  /** "三零": counts this year behind each "zero" (null: not known here, see docs/map.md). */
  petitions: Nullable(Type.Integer()),
  accidents: Nullable(Type.Integer()),
  crimes: Nullable(Type.Integer()),
});
export type AreaFigures = Static<typeof AreaFigures>;

export const CommandMap = Type.Object({
  townshipId: Nullable(Id),
  townshipName: Nullable(Type.String()),
  year: Type.Integer(),
  today: Type.String(),
  /** The case type counted as events, and whether this server runs it and the caller may read it. */
  eventType: Type.String(),
  eventsAvailable: Type.Boolean(),
  /** Whether petitions are counted (the caller reads petitions); else 零上访 is unknown. */
  petitionsAvailable: Type.Boolean(),
  /** Grid-event categories counted as 事故 and as 案件 for 零事故 and 零案件. */
  accidentCategories: Type.Array(Type.String()),
  crimeCategories: Type.Array(Type.String()),
  /** The tile layer drawn beneath the boundaries, if the deployment configured one (FAZHI_MAP_TILE_URL). */
  tiles: Nullable(Type.Object({ url: Type.String(), attribution: Type.String(), maxZoom: Type.Integer() })),
  villages: Type.Array(AreaFigures),
  grids: Type.Array(AreaFigures),
});
export type CommandMap = Static<typeof CommandMap>;
