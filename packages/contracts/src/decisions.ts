/** Contracts of major administrative decisions (重大行政决策): public comment on the portal and the office's answers. */
import { Type, type Static, type TSchema } from 'typebox';

const Phone = Type.String({ pattern: '^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$' });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** How the office took up a comment (第二十九条第二项、第三十二条). */
export const commentAdoptions = ['采纳', '部分采纳', '未采纳', '不属于征求意见范围'] as const;
export const CommentAdoption = Type.Union(commentAdoptions.map((a) => Type.Literal(a)));

export const PublicDecisionsQuery = Type.Object({
  township: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })),
}, { additionalProperties: false });
export type PublicDecisionsQuery = Static<typeof PublicDecisionsQuery>;

/** A decision on the portal: open for comment (with the last day of the period), or published. */
export const PublicDecisionItem = Type.Object({
  id: Type.String(), ref: Type.String(), title: Type.String(), category: Nullable(Type.String()), leadUnit: Nullable(Type.String()),
  status: Type.Union([Type.Literal('commenting'), Type.Literal('published')]),
  /** The last day of the comment period (第十五条: at least 30 days unless explained). */
  commentUntil: Nullable(Type.String()),
  publishedOn: Nullable(Type.String()),
});
export type PublicDecisionItem = Static<typeof PublicDecisionItem>;
export const PublicDecisionList = Type.Object({ township: Type.String(), open: Type.Array(PublicDecisionItem), published: Type.Array(PublicDecisionItem) });
export type PublicDecisionList = Static<typeof PublicDecisionList>;

/** A comment as published with the decision: what was said, the answer and whether it was taken up; never who said it. */
export const PublicDecisionComment = Type.Object({ body: Type.String(), submittedOn: Type.String(), answer: Type.String(), adoption: Type.String() });
export const PublicDecision = Type.Object({
  ...PublicDecisionItem.properties,
  draft: Type.String(), explanation: Type.String(), options: Nullable(Type.String()),
  channels: Nullable(Type.String()),
  /** Why the period is shorter than 30 days, published with the draft (第十五条). */
  shortReason: Nullable(Type.String()),
  /** Published decision: what was decided, its number and how opinions were taken up (第三十二条). */
  decision: Nullable(Type.String()), docNo: Nullable(Type.String()), adoptionNote: Nullable(Type.String()),
  comments: Type.Array(PublicDecisionComment),
});
export type PublicDecision = Static<typeof PublicDecision>;

export const DecisionCommentBody = Type.Object({
  body: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }),
  /** Optional; sealed at rest, masked on screen. */
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '\\S' })),
  phone: Type.Optional(Phone),
}, { additionalProperties: false });
export type DecisionCommentBody = Static<typeof DecisionCommentBody>;
export const DecisionCommentReceipt = Type.Object({ id: Type.String(), commentUntil: Nullable(Type.String()) });
export type DecisionCommentReceipt = Static<typeof DecisionCommentReceipt>;

/** A comment as the office sees it: the commenter's name and phone masked. */
export const DecisionComment = Type.Object({
  id: Type.String(), body: Type.String(), submittedAt: Type.String(),
  name: Nullable(Type.String()), phone: Nullable(Type.String()),
  answer: Nullable(Type.String()), adoption: Nullable(Type.String()), answeredAt: Nullable(Type.String()), answeredBy: Nullable(Type.String()),
});
export type DecisionComment = Static<typeof DecisionComment>;
export const DecisionCommentList = Type.Object({ items: Type.Array(DecisionComment), unanswered: Type.Integer() });
export type DecisionCommentList = Static<typeof DecisionCommentList>;
export const DecisionAnswerBody = Type.Object({
  answer: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }),
  adoption: CommentAdoption,
}, { additionalProperties: false });
export type DecisionAnswerBody = Static<typeof DecisionAnswerBody>;

/** A decision's documents in the official layout: the legality-review opinion, the meeting's minutes, the decision as published. */
export const decisionDocumentKinds = ['legal_opinion', 'minutes', 'decision'] as const;
export type DecisionDocumentKind = (typeof decisionDocumentKinds)[number];

/**
 * The bodies that decide a township's major matters: the government's executive and plenary
 * meetings (重大行政决策程序暂行条例 第三十条), the party committee and the joint meeting of party
 * and government for "三重一大" (地方组织法 第六条).
 */
export const decisionBodies = ['镇党委会议', '镇政府常务会议', '党政联席会议', '镇政府全体会议'] as const;
export type DecisionBody = (typeof decisionBodies)[number];
export const DecisionBodySchema = Type.Union([Type.Literal('镇党委会议'), Type.Literal('镇政府常务会议'), Type.Literal('党政联席会议'), Type.Literal('镇政府全体会议')]);
const Day = Type.String({ format: 'date' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });

/**
 * A township's "三重一大"/"四重一大" setting: the categories a decision is registered under, and per
 * deciding body the amount (万元) from which a matter must go to it (大额资金使用 ≥ N 万元).
 */
export const DecisionThreshold = Type.Object({ body: DecisionBodySchema, fromWan: Type.Number({ minimum: 0, maximum: 1000000 }) }, { additionalProperties: false });
export type DecisionThreshold = Static<typeof DecisionThreshold>;
export const DecisionSettings = Type.Object({
  townshipId: Type.String(),
  categories: Type.Array(Type.String()),
  thresholds: Type.Array(DecisionThreshold),
  /** Whether the township set its own (else the built-in categories and no thresholds). */
  own: Type.Boolean(),
});
export type DecisionSettings = Static<typeof DecisionSettings>;
export const DecisionSettingsQuery = Type.Object({ townshipId: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false });
export type DecisionSettingsQuery = Static<typeof DecisionSettingsQuery>;
export const DecisionSettingsBody = Type.Object({
  townshipId: Type.String({ format: 'uuid' }),
  categories: Type.Array(Text(40), { minItems: 1, maxItems: 30 }),
  thresholds: Type.Array(DecisionThreshold, { maxItems: 4 }),
}, { additionalProperties: false });
export type DecisionSettingsBody = Static<typeof DecisionSettingsBody>;

/** The decision catalogue (决策事项目录) of a township for a year (条例 第三条第三款). */
export const catalogueStatuses = ['draft', 'agreed', 'published'] as const;
export const CatalogueItemBody = Type.Object({
  title: Text(200), category: Text(40), leadUnit: Text(100),
  quarter: Type.Integer({ minimum: 1, maximum: 4 }), hearingPlanned: Type.Boolean(), body: DecisionBodySchema,
  /** After publication an item is added only as an amendment: the day and the reason. */
  on: Type.Optional(Day), reason: Type.Optional(Text(1000)),
}, { additionalProperties: false });
export type CatalogueItemBody = Static<typeof CatalogueItemBody>;
export const CatalogueItem = Type.Object({
  id: Type.String(), seq: Type.Integer(), title: Type.String(), category: Type.String(), leadUnit: Type.String(), quarter: Type.Integer(),
  hearingPlanned: Type.Boolean(), body: Type.String(),
  addedOn: Nullable(Type.String()), addedReason: Nullable(Type.String()), withdrawnOn: Nullable(Type.String()), withdrawnReason: Nullable(Type.String()),
  /** The decision started on this item (its start step names it), with its stage. */
  decision: Nullable(Type.Object({ id: Type.String(), ref: Type.String(), status: Type.String(), statusLabel: Type.Object({ zh: Type.String(), en: Type.String() }), decided: Type.Boolean() })),
});
export type CatalogueItem = Static<typeof CatalogueItem>;
export const CatalogueSummary = Type.Object({
  id: Type.String(), townshipId: Type.String(), township: Type.String(), year: Type.Integer(), status: Type.Union([Type.Literal('draft'), Type.Literal('agreed'), Type.Literal('published')]),
  agreedOn: Nullable(Type.String()), agreedMeeting: Nullable(Type.Object({ id: Type.String(), ref: Type.String(), title: Type.String() })),
  publishedOn: Nullable(Type.String()), channels: Nullable(Type.String()),
  items: Type.Integer(), started: Type.Integer(), decided: Type.Integer(),
});
export type CatalogueSummary = Static<typeof CatalogueSummary>;
export const CatalogueView = Type.Object({ ...CatalogueSummary.properties, itemList: Type.Array(CatalogueItem) });
export type CatalogueView = Static<typeof CatalogueView>;
export const CatalogueList = Type.Object({ items: Type.Array(CatalogueSummary) });
export type CatalogueList = Static<typeof CatalogueList>;
export const CatalogueListQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, { additionalProperties: false });
export const CatalogueCreateBody = Type.Object({ townshipId: Type.String({ format: 'uuid' }), year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false });
export type CatalogueCreateBody = Static<typeof CatalogueCreateBody>;
/** The party committee's agreement (第三条第三款): the day, and optionally its meeting record (a 镇党委会议 held). */
export const CatalogueAgreeBody = Type.Object({ on: Day, meetingId: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false });
export type CatalogueAgreeBody = Static<typeof CatalogueAgreeBody>;
export const CataloguePublishBody = Type.Object({ on: Day, channels: Text(500) }, { additionalProperties: false });
export type CataloguePublishBody = Static<typeof CataloguePublishBody>;
export const CatalogueWithdrawBody = Type.Object({ on: Day, reason: Text(1000) }, { additionalProperties: false });
export type CatalogueWithdrawBody = Static<typeof CatalogueWithdrawBody>;

/** The catalogues a township has published, on the portal. */
export const PublicCatalogueItem = Type.Object({
  seq: Type.Integer(), title: Type.String(), category: Type.String(), leadUnit: Type.String(), quarter: Type.Integer(), hearingPlanned: Type.Boolean(), body: Type.String(),
  addedOn: Nullable(Type.String()), addedReason: Nullable(Type.String()), withdrawnOn: Nullable(Type.String()), withdrawnReason: Nullable(Type.String()),
});
export const PublicCatalogue = Type.Object({ year: Type.Integer(), agreedOn: Type.String(), publishedOn: Type.String(), channels: Nullable(Type.String()), items: Type.Array(PublicCatalogueItem) });
export type PublicCatalogue = Static<typeof PublicCatalogue>;
export const PublicCatalogueList = Type.Object({ township: Type.String(), catalogues: Type.Array(PublicCatalogue) });
export type PublicCatalogueList = Static<typeof PublicCatalogueList>;

/** What links a decision to the catalogue and to the meetings whose agenda lists it. */
export const DecisionLinks = Type.Object({
  catalogueItem: Nullable(Type.Object({ catalogueId: Type.String(), year: Type.Integer(), seq: Type.Integer(), title: Type.String(), withdrawnOn: Nullable(Type.String()) })),
  outsideReason: Nullable(Type.String()),
  meetings: Type.Array(Type.Object({ id: Type.String(), ref: Type.String(), title: Type.String(), kind: Nullable(Type.String()), status: Type.String(), heldOn: Nullable(Type.String()), decidedHere: Type.Boolean() })),
});
export type DecisionLinks = Static<typeof DecisionLinks>;
/** A meeting's agenda: the decisions it lists, each with its stage. */
export const MeetingAgenda = Type.Object({
  items: Type.Array(Type.Object({ id: Type.String(), ref: Type.String(), title: Type.String(), category: Nullable(Type.String()), status: Type.String(),
    statusLabel: Type.Object({ zh: Type.String(), en: Type.String() }), decidedHere: Type.Boolean() })),
});
export type MeetingAgenda = Static<typeof MeetingAgenda>;
/** Held meetings of a deciding body a decision may name at its decide step. */
export const DecidingMeetingList = Type.Object({
  items: Type.Array(Type.Object({ id: Type.String(), ref: Type.String(), title: Type.String(), kind: Type.String(), heldOn: Type.String(), listsDecision: Type.Boolean(),
    membersDue: Type.Integer(), present: Type.Integer(), attendees: Type.String() })),
});
export type DecidingMeetingList = Static<typeof DecidingMeetingList>;
/** The answer to removing an item from a draft catalogue. */
export const CatalogueItemRemoved = Type.Object({ ok: Type.Boolean() });
export type CatalogueItemRemoved = Static<typeof CatalogueItemRemoved>;
