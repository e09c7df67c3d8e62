/** Contracts of complaints about the township's own work (投诉件, 12345 work orders). */
import { Type, type Static } from 'typebox';

const Id = Type.String({ format: 'uuid' });
const IsoDay = Type.String({ format: 'date' });
const Phone = Type.String({ pattern: '^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$' });
const TrackNo = Type.String({ minLength: 6, maxLength: 32, pattern: '^[0-9A-Z]+$' });
const QueryCode = Type.String({ pattern: '^[0-9]{6}$' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

/** What a complaint is about, as the township counts them and sets reply periods by (the case type's categories). */
export const complaintCategories = ['政务服务', '工作作风', '城乡建设', '环境卫生', '农业农村', '社会保障', '交通出行', '市场监管', '其他'] as const;

/** Channels a clerk registers (the portal's complaints come in through the portal only). */
export const ComplaintDeskChannel = Type.Union([Type.Literal('phone'), Type.Literal('hotline'), Type.Literal('visit')]);
export type ComplaintDeskChannel = Static<typeof ComplaintDeskChannel>;
export const WorkOrderNo = Type.String({ minLength: 3, maxLength: 40, pattern: '^[A-Za-z0-9-]+$' });

/** A complaint registered at the desk (POST /api/complaints). */
export const ComplaintIntakeBody = Type.Object({
  /** Where it is registered: the township or one of its offices; default the caller's township. */
  orgId: Type.Optional(Id),
  channel: ComplaintDeskChannel,
  /** Required for a 12345 work order. */
  workOrderNo: Type.Optional(WorkOrderNo),
  workOrderDue: Type.Optional(IsoDay),
  category: Type.String({ minLength: 1, maxLength: 16 }),
  subject: Type.String({ minLength: 1, maxLength: 200 }),
  facts: Type.String({ minLength: 1, maxLength: 5000 }),
  complainant: Type.Object({
    name: Type.String({ minLength: 1, maxLength: 32 }), phone: Type.Optional(Phone), address: Type.Optional(Type.String({ maxLength: 200 })),
  }, { additionalProperties: false }),
  /** The day it was received (default today); clocks count from it. */
  receivedOn: Type.Optional(IsoDay),
}, { additionalProperties: false });
export type ComplaintIntakeBody = Static<typeof ComplaintIntakeBody>;

/** What the desk is told: the case, and for a phone or walk-in complaint the tracking number and query code to pass on. */
export const ComplaintCreated = Type.Object({ id: Id, ref: Type.String(), trackingNo: Nullable(Type.String()), queryCode: Nullable(Type.String()), replayed: Type.Boolean() });
export type ComplaintCreated = Static<typeof ComplaintCreated>;

/** One problem of an import, by row (the sheet's row number) and column. */
export const ComplaintImportProblem = Type.Object({ row: Type.Integer(), column: Nullable(Type.String()), message: Type.String() });
export type ComplaintImportProblem = Static<typeof ComplaintImportProblem>;
/** An import that went through: every row written, or already there from an earlier import. */
export const ComplaintImportResult = Type.Object({
  total: Type.Integer(), created: Type.Integer(),
  /** Rows whose work order the township already has (an earlier import of the same file): nothing new written. */
  existing: Type.Array(Type.Object({ row: Type.Integer(), workOrderNo: Type.String(), ref: Type.String() })),
  createdRefs: Type.Array(Type.String()),
});
export type ComplaintImportResult = Static<typeof ComplaintImportResult>;
export const ComplaintImportQuery = Type.Object({ orgId: Type.Optional(Id) });
export type ComplaintImportQuery = Static<typeof ComplaintImportQuery>;
/** The year's complaints of an org's subtree (default: the caller's township, else org). */
export const ComplaintExportQuery = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }), orgId: Type.Optional(Id) });
export type ComplaintExportQuery = Static<typeof ComplaintExportQuery>;

/** A citizen's complaint on the portal (POST /api/public/complaints). */
export const PublicComplaintBody = Type.Object({
  /** The township's code, as the portal's `?township=`; default the portal's township. */
  township: Type.Optional(Type.String({ maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' })),
  category: Type.String({ minLength: 1, maxLength: 16 }),
  subject: Type.String({ minLength: 2, maxLength: 200 }),
  facts: Type.String({ minLength: 10, maxLength: 5000 }),
  complainant: Type.Object({ name: Type.String({ minLength: 1, maxLength: 32 }), phone: Phone }, { additionalProperties: false }),
  consent: Type.Literal(true),
}, { additionalProperties: false });
export type PublicComplaintBody = Static<typeof PublicComplaintBody>;
export const PublicComplaintCreated = Type.Object({
  ref: Type.String(), trackingNo: Nullable(Type.String()), queryCode: Nullable(Type.String()), replayed: Type.Boolean(), smsTo: Nullable(Type.String()),
});
export type PublicComplaintCreated = Static<typeof PublicComplaintCreated>;

export const SatisfactionGrade = Type.Union([Type.Literal('满意'), Type.Literal('基本满意'), Type.Literal('不满意')]);
export type SatisfactionGrade = Static<typeof SatisfactionGrade>;
/** Whether the tracked complaint awaits the complainant's rating (POST /api/public/complaints/satisfaction/open). */
export const SatisfactionLookup = Type.Object({ no: TrackNo, code: QueryCode }, { additionalProperties: false });
export type SatisfactionLookup = Static<typeof SatisfactionLookup>;
export const SatisfactionOpen = Type.Object({
  /** The tracked case is a complaint: its rating is the satisfaction, not the general 好差评. */
  complaint: Type.Boolean(),
  open: Type.Boolean(),
  /** A first reply's 不满意 reopens the complaint; after a second reply every grade closes it. */
  reopensIfUnsatisfied: Type.Boolean(),
});
export type SatisfactionOpen = Static<typeof SatisfactionOpen>;
export const SatisfactionBody = Type.Object({
  no: TrackNo, code: QueryCode,
  satisfaction: SatisfactionGrade, comment: Type.Optional(Type.String({ maxLength: 1000 })),
}, { additionalProperties: false });
export type SatisfactionBody = Static<typeof SatisfactionBody>;
export const SatisfactionResult = Type.Object({ status: Type.String(), reopened: Type.Boolean() });
export type SatisfactionResult = Static<typeof SatisfactionResult>;
