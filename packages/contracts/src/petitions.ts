/** Contracts of petitions (信访, 信访工作条例 2022): repeats, recusals, supervision, the public submission, figures. */
import { Type, type Static } from 'typebox';

const Id = Type.String({ format: 'uuid' });
const Phone = Type.String({ pattern: '^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$' });
const IdNumber = Type.String({ pattern: '^[0-9]{17}[0-9Xx]$' });
const closed = { additionalProperties: false } as const;

/** An earlier petition the new one may repeat (第十九条, 第三十六条). */
export const PetitionRepeat = Type.Object({
  id: Id, ref: Type.String(), title: Type.String(), status: Type.String(), receivedOn: Type.String(),
  samePerson: Type.Boolean(), similarity: Type.Number(), standing: Type.Union([Type.Literal('in_hand'), Type.Literal('final')]),
});
export type PetitionRepeat = Static<typeof PetitionRepeat>;
export const PetitionRepeatList = Type.Object({ items: Type.Array(PetitionRepeat) });
export type PetitionRepeatList = Static<typeof PetitionRepeatList>;
/** What the intake form asks about before registering: the petitioner's numbers and the matter. */
export const PetitionRepeatQuery = Type.Object({
  orgId: Id, title: Type.String({ maxLength: 200 }), request: Type.Optional(Type.String({ maxLength: 5000 })),
  idNumber: Type.Optional(IdNumber), phone: Type.Optional(Phone),
}, closed);
export type PetitionRepeatQuery = Static<typeof PetitionRepeatQuery>;

/** 回避: a handler who is a party's relative or otherwise conflicted. */
export const RecusalBody = Type.Object({ userId: Id, reason: Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S' }) }, closed);
export type RecusalBody = Static<typeof RecusalBody>;
export const Recusal = Type.Object({ userId: Id, displayName: Type.String(), reason: Type.String(), recordedAt: Type.String() });
export const RecusalList = Type.Object({ items: Type.Array(Recusal) });
export type RecusalList = Static<typeof RecusalList>;

/** 督办: a head's note on a petition due soon or overdue. */
export const SuperviseBody = Type.Object({ note: Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S' }) }, closed);
export type SuperviseBody = Static<typeof SuperviseBody>;

/** 转人民调解 (信访工作条例 第三十三条): where, with whom, in which category, and both parties' consent. */
export const MediationReferralBody = Type.Object({
  orgId: Type.String({ format: 'uuid' }),
  category: Type.String({ minLength: 1, maxLength: 32 }),
  respondent: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
  respondentPhone: Type.Optional(Type.String({ pattern: '^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$' })),
  note: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }),
  consent: Type.Boolean(),
}, closed);
export type MediationReferralBody = Static<typeof MediationReferralBody>;
export const MediationReferralView = Type.Object({ id: Type.String(), ref: Type.String() });
export type MediationReferralView = Static<typeof MediationReferralView>;

/** 我要信访: a citizen's petition from the portal. */
export const PetitionApplicationBody = Type.Object({
  villageId: Id,
  category: Type.String({ maxLength: 16 }),
  petitioner: Type.Object({ name: Type.String({ minLength: 1, maxLength: 32 }), phone: Phone, idNumber: Type.Optional(IdNumber), address: Type.Optional(Type.String({ maxLength: 200 })) }, closed),
  title: Type.String({ minLength: 4, maxLength: 60 }),
  request: Type.String({ minLength: 4, maxLength: 2000 }),
  facts: Type.String({ minLength: 10, maxLength: 5000 }),
  truthful: Type.Literal(true),
}, closed);
export type PetitionApplicationBody = Static<typeof PetitionApplicationBody>;

/** The year's petitions by channel, category, village and legal route. */
export const PetitionBreakdowns = Type.Object({
  year: Type.Integer(),
  byChannel: Type.Record(Type.String(), Type.Integer()), byCategory: Type.Record(Type.String(), Type.Integer()),
  byVillage: Type.Record(Type.String(), Type.Integer()), byRoute: Type.Record(Type.String(), Type.Integer()),
});
export type PetitionBreakdowns = Static<typeof PetitionBreakdowns>;
export const PetitionBreakdownQuery = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }), orgId: Type.Optional(Id) }, closed);
export type PetitionBreakdownQuery = Static<typeof PetitionBreakdownQuery>;

/** Petition documents (GB/T 9704 Word files). */
export const petitionDocumentKinds = ['acceptance_notice', 'routing_notice', 'extension_notice', 'opinion'] as const;
export type PetitionDocumentKind = (typeof petitionDocumentKinds)[number];
