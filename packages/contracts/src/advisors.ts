/** Contracts of the legal advisors (律师顾问团, 一村一法律顾问): the review queue, the villages' advisors, the service log. */
import { Type, type Static, type TSchema } from 'typebox';

const Id = Type.String({ format: 'uuid' });
const IsoDay = Type.String({ format: 'date' });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** What a legal review is about (the case's category). 村规民约 includes a community's 居民公约. */
export const legalReviewKinds = ['合同', '规范性文件', '村规民约', '其他法律文件', '重大事项'] as const;
export type LegalReviewKind = (typeof legalReviewKinds)[number];
/** The conclusions an opinion may give: consent for contracts and major matters, legality for documents and village rules. */
export const reviewConclusionsFor = (kind: string): readonly string[] =>
  kind === '合同' || kind === '重大事项' ? ['同意', '修改后同意', '不同意'] : ['合法', '修改后合法', '不合法'];

/** The kinds of service in the log (服务台账). */
export const advisorServiceKinds = ['法律咨询', '合同审查', '规范性文件审查', '村规民约审查', '参与调解', '法治讲座', '列席会议', '其他'] as const;
export type AdvisorServiceKind = (typeof advisorServiceKinds)[number];

/** The review queue: not yet accepted (for an advisor: routed to him), his own under review, overdue, waiting for the submitter's resolution, all open. */
export const advisorQueueViews = ['unaccepted', 'mine', 'overdue', 'toResolve', 'open'] as const;
export const AdvisorQueueQuery = Type.Object({
  view: Type.Optional(Type.Unsafe<(typeof advisorQueueViews)[number]>(Type.Union(advisorQueueViews.map((v) => Type.Literal(v))))),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
}, { additionalProperties: false });
export type AdvisorQueueQuery = Static<typeof AdvisorQueueQuery>;
export const AdvisorQueueItem = Type.Object({
  id: Type.String(), ref: Type.String(), title: Type.String(), kind: Nullable(Type.String()), orgId: Type.String(), orgName: Type.String(),
  status: Type.String(), statusLabel: Type.Object({ zh: Type.String(), en: Type.String() }),
  receivedOn: Type.String(),
  /** The advisor it is with: the one who accepted or was named, else the org's advisor by appointment (`routed`). */
  advisorId: Nullable(Type.String()), advisorName: Nullable(Type.String()), routed: Type.Boolean(),
  /** The opinion's due day while it runs, and the working days left (negative: overdue). */
  dueOn: Nullable(Type.String()), daysLeft: Nullable(Type.Integer()),
});
export type AdvisorQueueItem = Static<typeof AdvisorQueueItem>;
export const AdvisorQueue = Type.Object({
  items: Type.Array(AdvisorQueueItem), total: Type.Integer(),
  counts: Type.Object({ unaccepted: Type.Integer(), mine: Type.Integer(), overdue: Type.Integer(), toResolve: Type.Integer(), open: Type.Integer() }),
});
export type AdvisorQueue = Static<typeof AdvisorQueue>;

/** An advisor named for a village or the township (一村一法律顾问). */
export const LegalAdvisorView = Type.Object({
  id: Type.String(), orgId: Type.String(), orgName: Type.String(), orgKind: Type.String(),
  userId: Nullable(Type.String()), name: Type.String(), firm: Nullable(Type.String()),
  /** An office landline as it is; a personal mobile masked. */
  phone: Nullable(Type.String()),
  fromOn: Type.String(), untilOn: Nullable(Type.String()), current: Type.Boolean(),
});
export type LegalAdvisorView = Static<typeof LegalAdvisorView>;
export const LegalAdvisorList = Type.Object({
  items: Type.Array(LegalAdvisorView),
  /** The villages under the org, each with its current advisor's name (null: none). */
  villages: Type.Array(Type.Object({ orgId: Type.String(), orgName: Type.String(), advisor: Nullable(Type.String()) })),
  canManage: Type.Boolean(),
});
export type LegalAdvisorList = Static<typeof LegalAdvisorList>;
export const LegalAdvisorQuery = Type.Object({ orgId: Type.Optional(Id) }, { additionalProperties: false });
export type LegalAdvisorQuery = Static<typeof LegalAdvisorQuery>;
const Phone = Type.String({ pattern: '^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$' });
export const LegalAdvisorBody = Type.Object({
  /** The village, or the township for the township's own advisor. */
  orgId: Id,
  /** The advisor's account, when he has one: he then gets the village's review items. */
  userId: Type.Optional(Id),
  name: Type.String({ minLength: 1, maxLength: 32, pattern: '\\S' }),
  firm: Type.Optional(Type.String({ maxLength: 100 })),
  phone: Type.Optional(Phone),
  fromOn: IsoDay,
  untilOn: Type.Optional(IsoDay),
}, { additionalProperties: false });
export type LegalAdvisorBody = Static<typeof LegalAdvisorBody>;
/** Ends an appointment (聘任截止) or corrects its firm and phone. */
export const LegalAdvisorPatch = Type.Object({
  firm: Type.Optional(Type.String({ maxLength: 100 })),
  phone: Type.Optional(Phone),
  untilOn: Type.Optional(Nullable(IsoDay)),
}, { additionalProperties: false });
export type LegalAdvisorPatch = Static<typeof LegalAdvisorPatch>;
/** The people who may give opinions at an org (advisor.review there): for naming an advisor. */
export const AdvisorCandidates = Type.Object({ items: Type.Array(Type.Object({ userId: Type.String(), displayName: Type.String(), orgName: Type.String() })) });
export type AdvisorCandidates = Static<typeof AdvisorCandidates>;

/** One service in the log. */
export const AdvisorServiceView = Type.Object({
  id: Type.String(), servedOn: Type.String(), orgId: Type.String(), orgName: Type.String(), advisorId: Type.String(), advisorName: Type.String(),
  kind: Type.String(), hours: Type.Number(), summary: Type.String(),
  caseId: Nullable(Type.String()), caseRef: Nullable(Type.String()), source: Type.Union([Type.Literal('entry'), Type.Literal('review')]),
});
export type AdvisorServiceView = Static<typeof AdvisorServiceView>;
export const AdvisorServiceQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  orgId: Type.Optional(Id),
  advisorId: Type.Optional(Id),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
}, { additionalProperties: false });
export type AdvisorServiceQuery = Static<typeof AdvisorServiceQuery>;
const Total = Type.Object({ entries: Type.Integer(), hours: Type.Number() });
export const AdvisorServiceList = Type.Object({
  year: Type.Integer(),
  items: Type.Array(AdvisorServiceView), total: Type.Integer(),
  totals: Type.Object({
    ...Total.properties,
    byAdvisor: Type.Array(Type.Object({ advisorId: Type.String(), name: Type.String(), ...Total.properties })),
    byOrg: Type.Array(Type.Object({ orgId: Type.String(), name: Type.String(), ...Total.properties })),
  }),
});
export type AdvisorServiceList = Static<typeof AdvisorServiceList>;
export const AdvisorServiceBody = Type.Object({
  orgId: Id,
  servedOn: IsoDay,
  kind: Type.Unsafe<AdvisorServiceKind>(Type.Union(advisorServiceKinds.map((k) => Type.Literal(k)))),
  /** More than 0, at most 24, one decimal. */
  hours: Type.Number({ minimum: 0.1, maximum: 24 }),
  summary: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }),
  caseId: Type.Optional(Id),
}, { additionalProperties: false });
export type AdvisorServiceBody = Static<typeof AdvisorServiceBody>;
export const AdvisorServiceCreated = Type.Object({ item: AdvisorServiceView });
export type AdvisorServiceCreated = Static<typeof AdvisorServiceCreated>;
