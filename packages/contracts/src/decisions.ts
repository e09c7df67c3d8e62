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
