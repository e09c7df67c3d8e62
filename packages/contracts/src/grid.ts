/** Contracts of grid events (网格事件): the grid worker's report, the published duty list, citizens' 随手拍. */
import { Type, type Static } from 'typebox';

const Id = Type.String({ format: 'uuid' });
const IsoDay = Type.String({ format: 'date' });
const Phone = Type.String({ pattern: '^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

/**
 * What a grid event is about: the township counts them and sets its limits by these. After
 * GB/T 31000-2015's basic data of social governance (9 classes and local ones, "9+X"), as a
 * township's 综治中心 sorts what grid workers report.
 */
export const gridCategories = ['矛盾纠纷', '治安隐患', '安全生产', '消防隐患', '环境卫生', '市政设施', '道路交通', '食品药品', '民生服务', '特殊人群', '其他'] as const;
export type GridCategory = (typeof gridCategories)[number];
/** The ASCII code of each category: an Open311 `service_code` and the metric codes' names. */
export const gridCategoryCodes: Record<GridCategory, string> = {
  矛盾纠纷: 'dispute', 治安隐患: 'security', 安全生产: 'work_safety', 消防隐患: 'fire', 环境卫生: 'sanitation', 市政设施: 'facilities',
  道路交通: 'traffic', 食品药品: 'food_drug', 民生服务: 'livelihood', 特殊人群: 'special_groups', 其他: 'other',
};

/** A position as WGS-84 degrees (what GPS and the browser's geolocation give). */
export const GridPosition = Type.Object({
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  lng: Type.Number({ minimum: -180, maximum: 180 }),
}, { additionalProperties: false });
export type GridPosition = Static<typeof GridPosition>;

/** A grid worker's (or the 综治中心's) report of an event (POST /api/grid/events). */
export const GridEventBody = Type.Object({
  /** The grid it happened in: default the reporter's own grid. */
  gridId: Type.Optional(Id),
  category: Type.String({ minLength: 1, maxLength: 16 }),
  description: Type.String({ minLength: 2, maxLength: 2000 }),
  position: Type.Optional(GridPosition),
  address: Type.Optional(Type.String({ maxLength: 200 })),
  /** 就地办结: the worker settled it on the spot; what was done. */
  solvedOnSpot: Type.Optional(Type.String({ minLength: 2, maxLength: 2000 })),
  /** The day it was found (default today). */
  receivedOn: Type.Optional(IsoDay),
}, { additionalProperties: false });
export type GridEventBody = Static<typeof GridEventBody>;
export const GridEventCreated = Type.Object({ id: Id, ref: Type.String(), status: Type.String(), replayed: Type.Boolean() });
export type GridEventCreated = Static<typeof GridEventCreated>;

/** An event that turns into a people's mediation case (POST /api/grid/events/:id/mediation). */
export const GridMediationBody = Type.Object({
  /** The village (its committee) or the township the mediation is registered at. */
  orgId: Id,
  category: Type.String({ minLength: 1, maxLength: 16 }),
  applicant: Type.Object({ name: Type.String({ minLength: 1, maxLength: 32 }), phone: Type.Optional(Phone) }, { additionalProperties: false }),
  respondent: Type.Object({ name: Type.String({ minLength: 1, maxLength: 32 }), phone: Type.Optional(Phone) }, { additionalProperties: false }),
  note: Type.String({ minLength: 2, maxLength: 2000 }),
  /** Both parties agreed to mediation (人民调解法 第十七条). */
  consent: Type.Boolean(),
}, { additionalProperties: false });
export type GridMediationBody = Static<typeof GridMediationBody>;
/** 转信访: a citizen's demand the event carries that belongs to the petition office (信访工作条例 第二十一条 registered there). */
export const GridPetitionBody = Type.Object({
  category: Type.String({ minLength: 1, maxLength: 16 }),
  petitioner: Type.Object({ name: Type.String({ minLength: 1, maxLength: 32 }), phone: Type.Optional(Phone) }, { additionalProperties: false }),
  request: Type.String({ minLength: 2, maxLength: 5000 }),
  note: Type.String({ minLength: 2, maxLength: 2000 }),
}, { additionalProperties: false });
export type GridPetitionBody = Static<typeof GridPetitionBody>;
export const GridLinkedCase = Type.Object({ id: Id, ref: Type.String() });
export type GridLinkedCase = Static<typeof GridLinkedCase>;

/** One person of a grid's published list: 网格长 or 网格员, the duties carried (一员多能). */
export const GridMemberView = Type.Object({
  id: Id, gridId: Id, gridName: Type.String(), villageName: Type.String(),
  role: Type.Union([Type.Literal('网格长'), Type.Literal('专职网格员'), Type.Literal('兼职网格员')]),
  name: Type.String(),
  /** The published phone: the official line as it is, a personal mobile masked. */
  phone: Nullable(Type.String()),
  duties: Type.Array(Type.String()),
});
export type GridMemberView = Static<typeof GridMemberView>;
export const GridMemberList = Type.Object({ items: Type.Array(GridMemberView) });
export type GridMemberList = Static<typeof GridMemberList>;
export const GridMemberQuery = Type.Object({ orgId: Type.Optional(Id) });
export type GridMemberQuery = Static<typeof GridMemberQuery>;
export const PublicGridMemberQuery = Type.Object({ township: Type.Optional(Type.String({ maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' })) });
export type PublicGridMemberQuery = Static<typeof PublicGridMemberQuery>;

/** The grid worker's own grids, with their people and this year's counts (GET /api/grid/mine). */
export const MyGrid = Type.Object({
  id: Id, name: Type.String(), villageName: Type.String(),
  members: Type.Array(GridMemberView),
  open: Type.Integer(), overdue: Type.Integer(), closedThisYear: Type.Integer(),
});
export const MyGrids = Type.Object({ items: Type.Array(MyGrid) });
export type MyGrids = Static<typeof MyGrids>;

/** A citizen's 随手拍 on the portal (POST /api/public/grid/reports). */
export const PublicGridReportBody = Type.Object({
  township: Type.Optional(Type.String({ maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' })),
  /** The village picked on the page, when the browser gives no position. */
  villageId: Type.Optional(Id),
  position: Type.Optional(GridPosition),
  category: Type.String({ minLength: 1, maxLength: 16 }),
  description: Type.String({ minLength: 5, maxLength: 2000 }),
  address: Type.Optional(Type.String({ maxLength: 200 })),
  /** A photo as a data URL (image/jpeg or image/png), at most about 600 KB: the page shrinks it first. */
  photo: Type.Optional(Type.String({ maxLength: 820_000, pattern: '^data:image/(jpeg|png);base64,[A-Za-z0-9+/=]+$' })),
  reporter: Type.Optional(Type.Object({ name: Type.String({ minLength: 1, maxLength: 32 }), phone: Phone }, { additionalProperties: false })),
  consent: Type.Literal(true),
}, { additionalProperties: false });
export type PublicGridReportBody = Static<typeof PublicGridReportBody>;
export const PublicGridReportCreated = Type.Object({
  ref: Type.String(), trackingNo: Nullable(Type.String()), queryCode: Nullable(Type.String()), replayed: Type.Boolean(),
});
export type PublicGridReportCreated = Static<typeof PublicGridReportCreated>;
