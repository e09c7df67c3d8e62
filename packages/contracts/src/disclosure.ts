/** Contracts of government information disclosure (政务公开): the portal application, fees, the public reply. */
import { Type, type Static } from 'typebox';

const Phone = Type.String({ pattern: '^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$' });

/** 第二十九条: a citizen, legal person or other organisation applies in writing with identity proof and a description of the information. */
export const DisclosureApplicationBody = Type.Object({
  applicant: Type.Object({
    type: Type.Union([Type.Literal('citizen'), Type.Literal('legal_person'), Type.Literal('other_org')]),
    organisationKind: Type.Optional(Type.Union([Type.Literal('commercial'), Type.Literal('research'), Type.Literal('public_interest'), Type.Literal('legal_service'), Type.Literal('other')])),
    name: Type.String({ minLength: 1, maxLength: 64 }),
    /** 公民身份号码, or the organisation's 统一社会信用代码. */
    idNumber: Type.String({ pattern: '^([0-9]{17}[0-9Xx]|[0-9A-HJ-NPQRTUWXY]{18})$' }),
    phone: Phone,
    address: Type.Optional(Type.String({ maxLength: 200 })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 100 })),
  }, { additionalProperties: false }),
  information: Type.String({ minLength: 4, maxLength: 5000 }),
  form: Type.Union([Type.Literal('paper'), Type.Literal('electronic')]),
  delivery: Type.Union([Type.Literal('pickup'), Type.Literal('post'), Type.Literal('email'), Type.Literal('online')]),
  consent: Type.Literal(true),
}, { additionalProperties: false });
export type DisclosureApplicationBody = Static<typeof DisclosureApplicationBody>;

/** 国办函〔2020〕109号: one method per request, the amount computed by the server. */
export const DisclosureFeeQuery = Type.Object({
  method: Type.Union([Type.Literal('count'), Type.Literal('pages')]),
  pages: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
}, { additionalProperties: false });
export type DisclosureFeeQuery = Static<typeof DisclosureFeeQuery>;
export const DisclosureFeeView = Type.Object({
  method: Type.Union([Type.Literal('count'), Type.Literal('pages')]),
  /** The request's place in the applicant's month (count), or its pages. */
  units: Type.Integer(), amount: Type.Number(),
  bands: Type.Array(Type.Object({ from: Type.Integer(), to: Type.Union([Type.Integer(), Type.Null()]), rate: Type.Number(), units: Type.Integer(), amount: Type.Number() })),
});
export type DisclosureFeeView = Static<typeof DisclosureFeeView>;

/** The applicant downloads the reply with the tracking number and query code (in the body, never in a URL). */
export const DisclosureReplyQuery = Type.Object({ no: Type.String({ minLength: 6, maxLength: 32, pattern: '^[0-9A-Z]+$' }), code: Type.String({ pattern: '^[0-9]{6}$' }) }, { additionalProperties: false });
export type DisclosureReplyQuery = Static<typeof DisclosureReplyQuery>;

/** The public site of proactive disclosure (主动公开): published items by category, with search. */
export const PublicItemsQuery = Type.Object({
  township: Type.Optional(Type.String({ maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' })),
  category: Type.Optional(Type.String({ maxLength: 32 })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
}, { additionalProperties: false });
export type PublicItemsQuery = Static<typeof PublicItemsQuery>;
export const PublicItem = Type.Object({
  id: Type.String(), ref: Type.String(), title: Type.String(), category: Type.Union([Type.String(), Type.Null()]),
  /** A major matter's stage: before, during, after. */
  stage: Type.Union([Type.String(), Type.Null()]),
  publishedOn: Type.String(),
  /** Withdrawn items stay listed, without their content, with the public reason. */
  status: Type.Union([Type.Literal('published'), Type.Literal('withdrawn')]),
  content: Type.Union([Type.String(), Type.Null()]),
  withdrawnOn: Type.Union([Type.String(), Type.Null()]), withdrawReason: Type.Union([Type.String(), Type.Null()]),
  /** The files published with the item (those on it when it passed the secrecy review); none once withdrawn. */
  files: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), size: Type.Integer(), contentType: Type.String() })),
});
export type PublicItem = Static<typeof PublicItem>;
export const PublicItemList = Type.Object({
  township: Type.String(), categories: Type.Array(Type.Object({ name: Type.String(), count: Type.Integer() })),
  items: Type.Array(PublicItem), total: Type.Integer(),
});
export type PublicItemList = Static<typeof PublicItemList>;

const Label = Type.Object({ zh: Type.String(), en: Type.String() });
const Day = Type.String({ format: 'date' });
const Note = Type.String({ maxLength: 500 });

/** 第五十一条: the applicant's administrative review, lawsuit, or lawsuit after review, about this request. */
export const remedyKinds = ['review', 'lawsuit', 'lawsuit_after_review'] as const;
export const remedyResults = ['upheld', 'corrected', 'other'] as const;
const RemedyKind = Type.Union([Type.Literal('review'), Type.Literal('lawsuit'), Type.Literal('lawsuit_after_review')]);
const RemedyResult = Type.Union([Type.Literal('upheld'), Type.Literal('corrected'), Type.Literal('other')]);
export const DisclosureRemedyBody = Type.Object({
  kind: RemedyKind,
  /** The review organ or the court. */
  authority: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
  filedOn: Day,
  note: Type.Optional(Note),
}, { additionalProperties: false });
export type DisclosureRemedyBody = Static<typeof DisclosureRemedyBody>;
export const DisclosureRemedyResultBody = Type.Object({
  result: RemedyResult,
  decidedOn: Day,
  note: Type.Optional(Note),
}, { additionalProperties: false });
export type DisclosureRemedyResultBody = Static<typeof DisclosureRemedyResultBody>;
export const DisclosureRemedy = Type.Object({
  id: Type.String(), kind: RemedyKind, authority: Type.String(), filedOn: Type.String(),
  result: Type.Union([RemedyResult, Type.Null()]), decidedOn: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]), createdBy: Type.Union([Type.String(), Type.Null()]),
});
export type DisclosureRemedy = Static<typeof DisclosureRemedy>;
export const DisclosureRemedyList = Type.Object({ items: Type.Array(DisclosureRemedy) });
export type DisclosureRemedyList = Static<typeof DisclosureRemedyList>;

/** The yearly disclosure report (第四十九、五十条) for a township and a year. */
export const TransparencyReportQuery = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  /** The township; default: the caller's own. */
  orgId: Type.Optional(Type.String({ format: 'uuid' })),
}, { additionalProperties: false });
export type TransparencyReportQuery = Static<typeof TransparencyReportQuery>;
const Cells = Type.Record(Type.String(), Type.Integer());
/** A figure of the registry behind a number, for the drill-down to its records. */
const Drill = Type.Union([Type.String(), Type.Null()]);
export const TransparencyReportView = Type.Object({
  township: Type.String(), townshipId: Type.String(), year: Type.Integer(),
  /** When the report is due (the county's setting, else 1 月 31 日 as 第四十九条 sets for departments), and where that came from. */
  dueOn: Type.String(), dueSource: Type.Union([Type.Literal('township'), Type.Literal('county'), Type.Literal('default')]),
  proactive: Type.Object({
    rows: Type.Array(Type.Object({ category: Type.String(), published: Type.Integer(), withdrawn: Type.Integer() })),
    published: Type.Integer(), withdrawn: Type.Integer(),
    onTime: Type.Object({ value: Type.Union([Type.Number(), Type.Null()]), numerator: Type.Integer(), denominator: Type.Integer() }),
    metrics: Type.Object({ published: Type.String(), withdrawn: Type.String(), onTime: Type.String() }),
  }),
  columns: Type.Array(Type.Object({ key: Type.String(), label: Label })),
  applications: Type.Array(Type.Object({ label: Type.String(), level: Type.Integer(), drill: Drill, cells: Type.Union([Cells, Type.Null()]) })),
  onTime: Type.Object({ value: Type.Union([Type.Number(), Type.Null()]), numerator: Type.Integer(), denominator: Type.Integer() }),
  extended: Type.Integer(),
  remedies: Type.Array(Type.Object({
    kind: RemedyKind, label: Label,
    cells: Type.Object({ upheld: Type.Integer(), corrected: Type.Integer(), other: Type.Integer(), pending: Type.Integer(), total: Type.Integer() }),
    metrics: Type.Object({ upheld: Type.String(), corrected: Type.String(), other: Type.String(), pending: Type.String(), total: Type.String() }),
  })),
});
export type TransparencyReportView = Static<typeof TransparencyReportView>;
/** The county (or the township) sets the township's due day (月-日 of the year after). */
export const TransparencyDueBody = Type.Object({
  orgId: Type.String({ format: 'uuid' }),
  monthDay: Type.Union([Type.String({ pattern: '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' }), Type.Null()]),
}, { additionalProperties: false });
export type TransparencyDueBody = Static<typeof TransparencyDueBody>;
/** The due day set at an org (月-日), or none. */
export const TransparencyDueView = Type.Object({ monthDay: Type.Union([Type.String(), Type.Null()]) });
export type TransparencyDueView = Static<typeof TransparencyDueView>;
