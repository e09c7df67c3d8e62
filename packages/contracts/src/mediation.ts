/** Contracts of people's mediation (人民调解): committees and mediators, sessions, screening rounds, the year's figures. */
import { Type, type Static } from 'typebox';

const Id = Type.String({ format: 'uuid' });
const Phone = Type.String({ pattern: '^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

/** What a create answers: the new record's id. */
export const CreatedId = Type.Object({ id: Type.String() });
export type CreatedId = Static<typeof CreatedId>;

// ---- committees and mediators ----
export const CommitteeKind = Type.Union([Type.Literal('township'), Type.Literal('village'), Type.Literal('professional'), Type.Literal('studio')]);
export type CommitteeKind = Static<typeof CommitteeKind>;
export const CommitteeBody = Type.Object({
  orgId: Id, kind: CommitteeKind,
  name: Type.String({ minLength: 2, maxLength: 64 }), specialty: Type.Optional(Type.String({ maxLength: 64 })),
}, { additionalProperties: false });
export type CommitteeBody = Static<typeof CommitteeBody>;
export const MediatorBody = Type.Object({
  committeeId: Id, name: Type.String({ minLength: 1, maxLength: 32 }), phone: Type.Optional(Phone),
  specialties: Type.Optional(Type.Array(Type.String({ maxLength: 16 }), { maxItems: 16 })), userId: Type.Optional(Id),
  trainings: Type.Optional(Type.Array(Type.Object({ date: Type.String({ format: 'date' }), title: Type.String({ maxLength: 100 }), hours: Type.Number({ minimum: 0, maximum: 200 }) }), { maxItems: 100 })),
}, { additionalProperties: false });
export type MediatorBody = Static<typeof MediatorBody>;
export const MediatorView = Type.Object({
  id: Id, name: Type.String(), phoneMasked: Nullable(Type.String()), specialties: Type.Array(Type.String()),
  trainingHours: Type.Number(), openCases: Type.Integer(), resolvedCases: Type.Integer(), userId: Type.Union([Id, Type.Null()]),
});
export type MediatorView = Static<typeof MediatorView>;
export const CommitteeView = Type.Object({
  id: Id, orgId: Id, orgName: Type.String(), kind: Type.String(), name: Type.String(), specialty: Nullable(Type.String()),
  mediators: Type.Array(MediatorView), canManage: Type.Boolean(),
});
export type CommitteeView = Static<typeof CommitteeView>;
export const CommitteeList = Type.Object({ items: Type.Array(CommitteeView) });
export type CommitteeList = Static<typeof CommitteeList>;
export const Suggestion = Type.Object({ mediator: MediatorView, committeeName: Type.String(), score: Type.Number(), reasons: Type.Array(Type.String()) });
export type Suggestion = Static<typeof Suggestion>;
export const SuggestionList = Type.Object({ items: Type.Array(Suggestion) });
export type SuggestionList = Static<typeof SuggestionList>;
export const AssignMediatorsBody = Type.Object({ mediatorIds: Type.Array(Id, { minItems: 1, maxItems: 5 }), leadId: Id }, { additionalProperties: false });
export type AssignMediatorsBody = Static<typeof AssignMediatorsBody>;

// ---- sessions and signatures ----
export const Participant = Type.Object({ name: Type.String({ minLength: 1, maxLength: 32 }), role: Type.String({ maxLength: 32 }) });
export type Participant = Static<typeof Participant>;
export const SessionBody = Type.Object({
  heldAt: Type.String({ format: 'date-time' }), place: Type.String({ minLength: 1, maxLength: 100 }),
  participants: Type.Array(Participant, { minItems: 1, maxItems: 30 }),
  record: Type.String({ minLength: 1, maxLength: 20000 }),
  /** A mediation session's record (调解笔录, the default) or an investigation's (调查记录). */
  kind: Type.Optional(Type.Union([Type.Literal('session'), Type.Literal('investigation')])),
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
export type SignatureBody = Static<typeof SignatureBody>;
export const SignatureView = Type.Object({ name: Type.String(), method: Type.String(), signedAt: Type.String(), textSm3: Type.String(), valid: Type.Boolean() });
export type SignatureView = Static<typeof SignatureView>;
/** `participants` is stored as recorded (normally a list of Participant); readers check each entry. */
export const SessionView = Type.Object({
  id: Id, kind: Type.Union([Type.Literal('session'), Type.Literal('investigation')]), heldAt: Type.String(), place: Type.String(), participants: Type.Unknown(), record: Type.String(), recordSm3: Type.String(),
  signatures: Type.Array(SignatureView),
});
export type SessionView = Static<typeof SessionView>;
export const SessionList = Type.Object({ items: Type.Array(SessionView) });
export type SessionList = Static<typeof SessionList>;

/** The desk's sessions across cases: a day range (Beijing dates, both ends included), paged. */
export const SessionsQuery = Type.Object({
  from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
}, { additionalProperties: false });
export type SessionsQuery = Static<typeof SessionsQuery>;
/** One session on the desk's schedule, with its case. */
export const ScheduledSession = Type.Object({
  id: Id, heldAt: Type.String(), place: Type.String(), participants: Type.Integer(), signatures: Type.Integer(),
  caseId: Id, caseRef: Type.String(), caseTitle: Type.String(), caseStatus: Type.String(), orgName: Type.String(),
});
export type ScheduledSession = Static<typeof ScheduledSession>;
export const ScheduledSessionList = Type.Object({ items: Type.Array(ScheduledSession), total: Type.Integer() });
export type ScheduledSessionList = Static<typeof ScheduledSessionList>;

// ---- the online application ----
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
  id: Id, ref: Type.String(), trackingNo: Nullable(Type.String()), queryCode: Nullable(Type.String()), replayed: Type.Boolean(),
  /** The applicant's phone, masked, when the SMS was queued; null on a replay. */
  smsTo: Nullable(Type.String()),
});
export type AppliedCaseView = Static<typeof AppliedCaseView>;

// ---- screening (矛盾纠纷排查) ----
export const ScreeningReturn = Type.Object({ orgId: Id, orgName: Type.String(), status: Type.String(), cases: Type.Integer(), returnedAt: Nullable(Type.String()) });
export type ScreeningReturn = Static<typeof ScreeningReturn>;
export const ScreeningRound = Type.Object({
  id: Id, period: Type.String(), title: Type.String(), dueOn: Type.String(), townshipId: Id, townshipName: Type.String(), returns: Type.Array(ScreeningReturn),
  answered: Type.Integer(), total: Type.Integer(), fullCoverage: Type.Boolean(), found: Type.Integer(),
});
export type ScreeningRound = Static<typeof ScreeningRound>;
export const ScreeningRoundList = Type.Object({ items: Type.Array(ScreeningRound) });
export type ScreeningRoundList = Static<typeof ScreeningRoundList>;
export const ScreeningQuery = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false });
export type ScreeningQuery = Static<typeof ScreeningQuery>;
export const OpenScreeningBody = Type.Object({
  townshipId: Id, period: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' }), dueOn: Type.String({ format: 'date' }),
}, { additionalProperties: false });
export type OpenScreeningBody = Static<typeof OpenScreeningBody>;
/** A village's answer to a round: nothing found (零上报), or the cases found. */
export const ScreeningAnswer = Type.Union([
  Type.Object({ nil: Type.Literal(true), note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
  Type.Object({ nil: Type.Literal(false), caseIds: Type.Array(Id, { minItems: 1, maxItems: 200 }), note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
]);
export type ScreeningAnswer = Static<typeof ScreeningAnswer>;

// ---- the year's figures ----
/** The counts of the year's figures, in the order the statistics page shows them; each drillable to its cases. */
export const mediationCountKeys = ['received', 'resolved', 'guided', 'transferred', 'ongoing', 'performed', 'followedUp', 'confirmed', 'onTime', 'rated', 'praised'] as const;
export type MediationCountKey = (typeof mediationCountKeys)[number];
export const MediationStatsQuery = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  townshipId: Type.Optional(Id),
}, { additionalProperties: false });
export type MediationStatsQuery = Static<typeof MediationStatsQuery>;
const Counts = Type.Record(Type.String(), Type.Integer());
const Rate = Type.Union([Type.Number(), Type.Null()]);
export const MediationStats = Type.Object({
  year: Type.Integer(), received: Type.Integer(), resolved: Type.Integer(), guided: Type.Integer(), transferred: Type.Integer(), ongoing: Type.Integer(),
  performed: Type.Integer(), followedUp: Type.Integer(), confirmed: Type.Integer(), onTime: Type.Integer(), rated: Type.Integer(), praised: Type.Integer(),
  successRate: Rate, performanceRate: Rate, onTimeRate: Rate, praiseRate: Rate, byCategory: Counts, byVillage: Counts, byCommittee: Counts, byMonth: Counts,
  /** Each figure's name, in both languages, by its key. */
  metrics: Type.Record(Type.String(), Type.Object({ zh: Type.String(), en: Type.String() })),
});
export type MediationStats = Static<typeof MediationStats>;
/** The counts alone (a count key that is not a field of the figures fails the type check here). */
export type MediationCounts = Pick<MediationStats, MediationCountKey>;
/** `metric`: any of the module's figures (the counts above and the others it declares). */
export const MediationStatsCasesQuery = Type.Object({ ...MediationStatsQuery.properties, metric: Type.String({ maxLength: 32 }) }, { additionalProperties: false });
export type MediationStatsCasesQuery = Static<typeof MediationStatsCasesQuery>;
export const StatsCase = Type.Object({
  id: Type.String(), ref: Type.String(), title: Type.String(), village: Type.String(), committee: Nullable(Type.String()),
  category: Nullable(Type.String()), status: Type.String(), receivedOn: Type.String(), endedOn: Nullable(Type.String()),
});
export type StatsCase = Static<typeof StatsCase>;
export const StatsCaseList = Type.Object({ items: Type.Array(StatsCase) });
export type StatsCaseList = Static<typeof StatsCaseList>;

/**
 * A party's basic facts beyond what an ID number tells (人民调解法 第二十九条第一项): ethnicity,
 * occupation or employer; sex and birth date for a party without a full ID number.
 */
export const PartyFactsBody = Type.Object({
  sex: Type.Optional(Type.Union([Type.Literal('男'), Type.Literal('女')], { title: '性别' })),
  birthDate: Type.Optional(Type.String({ format: 'date', title: '出生日期' })),
  ethnicity: Type.Optional(Type.String({ minLength: 1, maxLength: 20, pattern: '\\S', title: '民族' })),
  occupation: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', title: '职业或者工作单位' })),
  /** 住所: sealed on the party like every address. */
  address: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', title: '住所' })),
}, { additionalProperties: false });
export type PartyFactsBody = Static<typeof PartyFactsBody>;

/** How a party acknowledged the notice of rights and duties: signed on the screen, on paper, or told orally. */
export const RightsNoticeBody = Type.Object({
  partyId: Type.String({ format: 'uuid' }),
  method: Type.Union([Type.Literal('signed'), Type.Literal('paper'), Type.Literal('oral')]),
  givenOn: Type.String({ format: 'date', title: '告知日期' }),
  signature: Type.Optional(Type.String({ maxLength: 300_000, pattern: '^data:image/png;base64,[A-Za-z0-9+/=]+$' })),
  /** The SM3 of the notice text the party was shown (GET …/rights-notice gives it). */
  textSm3: Type.String({ pattern: '^[0-9a-f]{64}$' }),
}, { additionalProperties: false });
export type RightsNoticeBody = Static<typeof RightsNoticeBody>;

export const RightsNoticeView = Type.Object({
  /** The notice's text and its SM3, what a party signs. */
  text: Type.Array(Type.String()), textSm3: Type.String(),
  parties: Type.Array(Type.Object({
    partyId: Type.String(), name: Type.String(), role: Type.String(),
    acknowledged: Type.Union([Type.Object({ method: Type.String(), givenOn: Type.String() }), Type.Null()]),
    facts: Type.Object({ sex: Type.Union([Type.String(), Type.Null()]), birthDate: Type.Union([Type.String(), Type.Null()]),
      ethnicity: Type.Union([Type.String(), Type.Null()]), occupation: Type.Union([Type.String(), Type.Null()]) }),
    /** What an agreement still needs of this party's basic facts (Chinese field names). */
    missing: Type.Array(Type.String()),
  })),
});
export type RightsNoticeView = Static<typeof RightsNoticeView>;

/** One check of the county's file review (卷宗评查) on one file. */
export const FileCheck = Type.Object({ key: Type.String(), label: Type.String(), ok: Type.Boolean(), points: Type.Integer(), reason: Type.Union([Type.String(), Type.Null()]) });
export const FileReviewItem = Type.Object({
  caseId: Type.String(), ref: Type.String(), title: Type.String(), status: Type.String(), townshipId: Type.String(), townshipName: Type.String(),
  score: Type.Integer(), passed: Type.Boolean(), checks: Type.Array(FileCheck),
});
export const FileReviewQuery = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  orgId: Type.Optional(Type.String({ format: 'uuid' })),
  failedOnly: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export const FileReview = Type.Object({
  year: Type.Integer(), passMark: Type.Integer(),
  /** More files in the year than one review reads (`limit`): each township's files were sampled (抽查), the same ones on every reading. */
  sampled: Type.Boolean(),
  /** The year's files in the org, and the most one review reads. */
  total: Type.Integer(), limit: Type.Integer(),
  /** `total`: the township's files in the year; `files`: those reviewed (all of them unless sampled). */
  townships: Type.Array(Type.Object({ townshipId: Type.String(), name: Type.String(), total: Type.Integer(), files: Type.Integer(), passed: Type.Integer(), averageScore: Type.Number() })),
  items: Type.Array(FileReviewItem),
});
export type FileCheck = Static<typeof FileCheck>;
export type FileReviewItem = Static<typeof FileReviewItem>;
export type FileReviewQuery = Static<typeof FileReviewQuery>;
export type FileReview = Static<typeof FileReview>;
