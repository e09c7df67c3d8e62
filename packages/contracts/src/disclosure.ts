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
});
export type PublicItem = Static<typeof PublicItem>;
export const PublicItemList = Type.Object({
  township: Type.String(), categories: Type.Array(Type.Object({ name: Type.String(), count: Type.Integer() })),
  items: Type.Array(PublicItem), total: Type.Integer(),
});
export type PublicItemList = Static<typeof PublicItemList>;
