import { Type, type Static } from 'typebox';

const Id = Type.String({ format: 'uuid' });
const Phone = Type.String({ pattern: '^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$' });

export const CommitteeBody = Type.Object({
  orgId: Id, kind: Type.Union([Type.Literal('township'), Type.Literal('village'), Type.Literal('professional'), Type.Literal('studio')]),
  name: Type.String({ minLength: 2, maxLength: 64 }), specialty: Type.Optional(Type.String({ maxLength: 64 })),
}, { additionalProperties: false });
export const MediatorBody = Type.Object({
  committeeId: Id, name: Type.String({ minLength: 1, maxLength: 32 }), phone: Type.Optional(Phone),
  specialties: Type.Optional(Type.Array(Type.String({ maxLength: 16 }), { maxItems: 16 })), userId: Type.Optional(Id),
  trainings: Type.Optional(Type.Array(Type.Object({ date: Type.String({ format: 'date' }), title: Type.String({ maxLength: 100 }), hours: Type.Number({ minimum: 0, maximum: 200 }) }), { maxItems: 100 })),
}, { additionalProperties: false });
export const MediatorView = Type.Object({
  id: Id, name: Type.String(), phoneMasked: Type.Union([Type.String(), Type.Null()]), specialties: Type.Array(Type.String()),
  trainingHours: Type.Number(), openCases: Type.Integer(), resolvedCases: Type.Integer(), userId: Type.Union([Id, Type.Null()]),
});
export const CommitteeView = Type.Object({
  id: Id, orgId: Id, orgName: Type.String(), kind: Type.String(), name: Type.String(), specialty: Type.Union([Type.String(), Type.Null()]),
  mediators: Type.Array(MediatorView), canManage: Type.Boolean(),
});
export const Suggestion = Type.Object({ mediator: MediatorView, committeeName: Type.String(), score: Type.Number(), reasons: Type.Array(Type.String()) });
export const AssignMediatorsBody = Type.Object({ mediatorIds: Type.Array(Id, { minItems: 1, maxItems: 5 }), leadId: Id }, { additionalProperties: false });

export const SessionBody = Type.Object({
  heldAt: Type.String({ format: 'date-time' }), place: Type.String({ minLength: 1, maxLength: 100 }),
  participants: Type.Array(Type.Object({ name: Type.String({ minLength: 1, maxLength: 32 }), role: Type.String({ maxLength: 32 }) }), { minItems: 1, maxItems: 30 }),
  record: Type.String({ minLength: 1, maxLength: 20000 }),
}, { additionalProperties: false });
export type SessionBody = Static<typeof SessionBody>;
/** A signature captured on a phone or tablet (a PNG data URL), or noted as signed on paper and scanned. */
export const SignatureBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 32 }),
  method: Type.Union([Type.Literal('tablet'), Type.Literal('paper-scan')]),
  image: Type.Optional(Type.String({ maxLength: 300_000, pattern: '^data:image/png;base64,[A-Za-z0-9+/=]+$' })),
  /** The SM3 of the record text the signer saw: refuses a signature on a text that changed meanwhile. */
  textSm3: Type.String({ pattern: '^[0-9a-f]{64}$' }),
}, { additionalProperties: false });
export const SessionView = Type.Object({
  id: Id, heldAt: Type.String(), place: Type.String(), participants: Type.Unknown(), record: Type.String(), recordSm3: Type.String(),
  signatures: Type.Array(Type.Object({ name: Type.String(), method: Type.String(), signedAt: Type.String(), textSm3: Type.String(), valid: Type.Boolean() })),
});

/** The desk's sessions across cases: a day range (Beijing dates, both ends included), paged. */
export const SessionsQuery = Type.Object({
  from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
}, { additionalProperties: false });
export type SessionsQuery = Static<typeof SessionsQuery>;
export const ScheduledSession = Type.Object({
  id: Id, heldAt: Type.String(), place: Type.String(), participants: Type.Integer(), signatures: Type.Integer(),
  caseId: Id, caseRef: Type.String(), caseTitle: Type.String(), caseStatus: Type.String(), orgName: Type.String(),
});
export const ScheduledSessionList = Type.Object({ items: Type.Array(ScheduledSession), total: Type.Integer() });
export type ScheduledSessionList = Static<typeof ScheduledSessionList>;

export const ApplicationBody = Type.Object({
  villageId: Id, category: Type.String({ maxLength: 16 }),
  applicant: Type.Object({ name: Type.String({ minLength: 1, maxLength: 32 }), phone: Phone, idNumber: Type.Optional(Type.String({ pattern: '^[0-9]{17}[0-9Xx]$' })), address: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
  respondent: Type.Object({ name: Type.String({ minLength: 1, maxLength: 32 }), phone: Type.Optional(Phone), address: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
  facts: Type.String({ minLength: 10, maxLength: 5000 }), claims: Type.String({ minLength: 2, maxLength: 2000 }),
  consent: Type.Literal(true),
}, { additionalProperties: false });
export type ApplicationBody = Static<typeof ApplicationBody>;
/** What the applicant is told: the case's tracking number and query code, and where the SMS with them went. */
export const AppliedCaseView = Type.Object({
  id: Id, ref: Type.String(), trackingNo: Type.Union([Type.String(), Type.Null()]), queryCode: Type.Union([Type.String(), Type.Null()]), replayed: Type.Boolean(),
  /** The applicant's phone, masked, when the SMS was queued; null on a replay. */
  smsTo: Type.Union([Type.String(), Type.Null()]),
});
