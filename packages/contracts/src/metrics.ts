/** Contracts of the metrics registry over HTTP and of the leaders' cockpit (驾驶舱) built on it. */
import { Type, type Static } from 'typebox';
import { CaseList } from './cases.ts';

const Id = Type.String({ format: 'uuid' });
const Label = Type.Object({ zh: Type.String(), en: Type.String() });

/** A figure (or the cockpit) for an org's subtree and a year; default: the caller's widest org. */
export const MetricQuery = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  /** The org whose subtree is counted; default: the caller's own org. */
  orgId: Type.Optional(Id),
}, { additionalProperties: false });
export type MetricQuery = Static<typeof MetricQuery>;

/** One record behind a figure, as the drill-down lists it. */
export const MetricRecord = Type.Object({
  id: Type.String(), ref: Type.String(), title: Type.String(), status: Type.String(), receivedOn: Type.String(),
  endedOn: Type.Union([Type.String(), Type.Null()]), orgName: Type.String(),
});
export type MetricRecord = Static<typeof MetricRecord>;
export const MetricRecordList = Type.Object({ items: Type.Array(MetricRecord) });
export type MetricRecordList = Static<typeof MetricRecordList>;

/** A figure's value: a count, or a rate with the two counts it divides (null: nothing to divide). */
const Part = {
  value: Type.Union([Type.Number(), Type.Null()]),
  numerator: Type.Optional(Type.Integer()),
  denominator: Type.Optional(Type.Integer()),
};
export const CockpitValue = Type.Object(Part);
export type CockpitValue = Static<typeof CockpitValue>;

/** One key figure: this year, last year, and its splits (each a sum of the same records). */
export const CockpitFigure = Type.Object({
  code: Type.String(), module: Type.String(), unit: Type.Union([Type.Literal('count'), Type.Literal('rate')]), label: Label, definition: Label,
  /** The name of the module that declares the figure (its manifest's label). */
  moduleLabel: Label,
  ...Part,
  /** The same figure for the year before. */
  last: CockpitValue,
  /** A count's records by the month received, January to December (12 values). */
  byMonth: Type.Optional(Type.Array(Type.Integer())),
  /** For a township: each village's part (orgId null: the township's own offices). */
  byVillage: Type.Optional(Type.Array(Type.Object({ orgId: Type.Union([Id, Type.Null()]), name: Type.String(), value: Type.Integer() }))),
  /** For a county: each township's figure (orgId null: records at the county's own offices). */
  byTownship: Type.Optional(Type.Array(Type.Object({ orgId: Type.Union([Id, Type.Null()]), name: Type.String(), ...Part }))),
});
export type CockpitFigure = Static<typeof CockpitFigure>;

export const Cockpit = Type.Object({
  year: Type.Integer(),
  org: Type.Object({ id: Id, name: Type.String(), kind: Type.String() }),
  /** Whether the figures were served from the precomputed per-township figures or counted now. */
  source: Type.Union([Type.Literal('cache'), Type.Literal('live')]),
  /**
   * Read on a streaming replica (DATABASE_READ_URL): the time of the last transaction it had
   * replayed, which the figures are as of (a replica lags the primary); null when read on the primary.
   */
  asOf: Type.Union([Type.String(), Type.Null()]),
  /** The townships counted (a county's, side by side). */
  townships: Type.Array(Type.Object({ id: Id, name: Type.String() })),
  figures: Type.Array(CockpitFigure),
  /** Open cases in the org's subtree past an office clock's due date / due within the next working days: the first rows and the total. */
  overdue: CaseList,
  dueSoon: CaseList,
});
export type Cockpit = Static<typeof Cockpit>;
