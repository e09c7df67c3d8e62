/** Contracts of the case engine: the parts every module's case page and lists share. */
import { Type, type Static } from 'typebox';

const Id = Type.String({ format: 'uuid' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const LabelSchema = Type.Object({ zh: Type.String(), en: Type.String() });
/** A day of the real calendar, YYYY-MM-DD (the server's `date` format refuses 2026-02-30). */
const IsoDay = Type.String({ format: 'date' });
const pageProps = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
};

/** `waiting`: a minimum period still running (the steps it blocks must wait); `expired`: a party's window or a minimum period that has run out. */
export const DueState = Type.Union([Type.Literal('ok'), Type.Literal('due-soon'), Type.Literal('overdue'), Type.Literal('paused'), Type.Literal('met'), Type.Literal('missed'), Type.Literal('cancelled'),
  Type.Literal('waiting'), Type.Literal('expired')]);
export type DueState = 'ok' | 'due-soon' | 'overdue' | 'paused' | 'met' | 'missed' | 'cancelled' | 'waiting' | 'expired';
export const ClockKind = Type.Union([Type.Literal('duty'), Type.Literal('party'), Type.Literal('minimum')]);

export const DeadlineView = Type.Object({
  key: Type.String(), label: LabelSchema, startDate: Type.String(), dueDate: Type.String(), length: Type.Integer(), unit: Type.String(),
  /** duty: the office acts by the due date; party: a party's window; minimum: a period that must run out first. */
  kind: ClockKind,
  status: Type.String(), state: DueState, onTime: Type.Union([Type.Boolean(), Type.Null()]), provisional: Type.Boolean(),
  workingDaysLeft: Type.Union([Type.Integer(), Type.Null()]),
  /** Time left in the clock's own unit (working days for 'wd', calendar days for 'cd'); negative once past; null when stopped. */
  remaining: Type.Union([Type.Integer(), Type.Null()]), explanation: Type.Array(Type.String()), explanationEn: Type.Array(Type.String()),
  extensions: Type.Array(Type.Object({ length: Type.Integer(), unit: Type.String(), reason: Type.String(), approverId: Type.Union([Id, Type.Null()]), at: Type.String() })),
  canExtend: Type.Boolean(),
});
export type DeadlineView = Static<typeof DeadlineView>;

export const PartyView = Type.Object({
  id: Id, kind: Type.String(), role: Type.String(), name: Type.String(),
  idNumberMasked: Nullable(Type.String()), phoneMasked: Nullable(Type.String()), addressMasked: Nullable(Type.String()),
  canReveal: Type.Boolean(),
});
export const TimelineEntry = Type.Object({
  id: Type.String(), at: Type.String(), kind: Type.String(), actorName: Nullable(Type.String()),
  transition: Nullable(Type.String()), label: Type.String(), fromStatus: Nullable(Type.String()), toStatus: Nullable(Type.String()),
  public: Type.Boolean(), payload: Type.Unknown(),
});
export type TimelineEntry = Static<typeof TimelineEntry>;
/** A field a step asks for, from the case type's schema: how the page asks for it. */
export const CaseActionField = Type.Object({
  key: Type.String(), label: LabelSchema, required: Type.Boolean(),
  input: Type.Union([Type.Literal('text'), Type.Literal('multiline'), Type.Literal('choice'), Type.Literal('number'), Type.Literal('boolean'), Type.Literal('date')]),
  options: Type.Union([Type.Array(Type.String()), Type.Null()]),
});
export type CaseActionField = Static<typeof CaseActionField>;
export const CaseAction = Type.Object({ key: Type.String(), kind: Type.String(), label: LabelSchema, requires: Type.Array(Type.String()), fields: Type.Optional(Type.Array(CaseActionField)) });
/** A file on a case. The type is what the bytes are (sniffed), not what the uploader said. */
export const AttachmentView = Type.Object({
  id: Id, fileName: Type.String(), size: Type.Integer(), contentType: Type.String(), sm3: Type.String(),
  uploadedBy: Nullable(Type.String()), createdAt: Type.String(), canDelete: Type.Boolean(),
});
export type AttachmentView = Static<typeof AttachmentView>;
/** A one-time link to download an attachment: used once, within a minute, by the user who asked (GET url). */
export const DownloadLink = Type.Object({ url: Type.String(), expiresAt: Type.String({ format: 'date-time' }) });
export type DownloadLink = Static<typeof DownloadLink>;
export const CaseView = Type.Object({
  id: Id, ref: Type.String(), type: Type.String(), typeLabel: LabelSchema, orgId: Id, orgName: Type.String(),
  title: Type.String(), body: Type.String(), category: Nullable(Type.String()), status: Type.String(), statusLabel: LabelSchema,
  statusKind: Type.String(), version: Type.Integer(), receivedOn: Type.String(), createdAt: Type.String(), closedAt: Nullable(Type.String()),
  /** The day the case ended, as its last step is dated (`closedAt` is when that step was entered). */
  endedOn: Nullable(Type.String()),
  source: Type.String(), trackingNo: Nullable(Type.String()),
  /** The module's intake data, as checked against the case type's schema at registration. */
  data: Type.Unknown(),
  /** The engine's record of each step taken, under its transition key, with the fields it carried. */
  stepFields: Type.Record(Type.String(), Type.Unknown()),
  /** What the module keeps on the case itself (e.g. a mediation case's lead committee). */
  facts: Type.Record(Type.String(), Type.Unknown()),
  steps: Type.Array(Type.Object({ key: Type.String(), label: LabelSchema, kind: Type.String(), branch: Type.Optional(Type.Boolean()) })),
  parties: Type.Array(PartyView), assignees: Type.Array(Type.Object({ userId: Id, displayName: Type.String() })),
  deadlines: Type.Array(DeadlineView), timeline: Type.Array(TimelineEntry),
  links: Type.Array(Type.Object({ caseId: Id, ref: Type.String(), title: Type.String(), kind: Type.String() })),
  attachments: Type.Array(AttachmentView),
  actions: Type.Array(CaseAction),
});
export type CaseView = Static<typeof CaseView>;

export const CaseRow = Type.Object({
  id: Id, ref: Type.String(), type: Type.String(), title: Type.String(), status: Type.String(), statusLabel: LabelSchema,
  statusKind: Type.String(), orgId: Id, orgName: Type.String(), category: Nullable(Type.String()), receivedOn: Type.String(), createdAt: Type.String(),
  endedOn: Nullable(Type.String()),
  nextDue: Nullable(Type.String()), dueState: Type.Union([DueState, Type.Null()]),
  /** The next clock's unit and the time left in it, as the case page counts it. */
  nextDueUnit: Nullable(Type.String()), remaining: Type.Union([Type.Integer(), Type.Null()]), assignees: Type.Array(Type.String()),
  /**
   * Minimum periods still running (a decision's public comment, the legality review's 7 working
   * days): not the office's duties, but the day before which the steps they block cannot be taken.
   */
  waiting: Type.Optional(Type.Array(Type.Object({ key: Type.String(), label: LabelSchema, until: Type.String(), unit: Type.String(), remaining: Type.Integer() }))),
  snippet: Type.Optional(Type.Object({ text: Type.String(), marks: Type.Array(Type.Array(Type.Integer())) })),
});
export type CaseRow = Static<typeof CaseRow>;
export const CaseList = Type.Object({
  items: Type.Array(CaseRow),
  total: Type.Integer(),
  /** A search matched more cases than it ranks: the newest 1,000 matches were ranked (add a word or a filter). */
  capped: Type.Optional(Type.Boolean()),
  /** More cases match than were counted: `total` is the cap (a list over several townships counts up to 10,000). */
  totalCapped: Type.Optional(Type.Boolean()),
});
export type CaseList = Static<typeof CaseList>;

export const CaseQuery = Type.Object({
  ...pageProps,
  type: Type.Optional(Type.String({ maxLength: 32 })), status: Type.Optional(Type.String({ maxLength: 32 })),
  /** The type's category (a meeting's kind, a dispute's category). */
  category: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  statusKind: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('terminal')])),
  /** A handler's id, `me`, or `none` (nobody has taken the case on: on the to-do list, the ones the caller may take on). */
  orgId: Type.Optional(Id), assignee: Type.Optional(Type.Union([Id, Type.Literal('me'), Type.Literal('none')])),
  due: Type.Optional(Type.Union([Type.Literal('soon'), Type.Literal('overdue')])),
  from: Type.Optional(IsoDay), to: Type.Optional(IsoDay), q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  /** 已转出: the cases the caller's offices passed on and still read (case_shares), in place of the caller's own. */
  transferred: Type.Optional(Type.Literal('out')),
});
export type CaseQuery = Static<typeof CaseQuery>;

export const PartyInput = Type.Object({
  kind: Type.Union([Type.Literal('person'), Type.Literal('enterprise')]), role: Type.String({ minLength: 1, maxLength: 32 }),
  name: Type.String({ minLength: 1, maxLength: 64 }),
  idNumber: Type.Optional(Type.String({ pattern: '^([0-9]{17}[0-9Xx]|[0-9A-HJ-NPQRTUWXY]{18})$' })),
  phone: Type.Optional(Type.String({ pattern: '^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$' })),
  address: Type.Optional(Type.String({ maxLength: 200 })),
}, { additionalProperties: false });
export const CreateCaseBody = Type.Object({
  type: Type.String({ maxLength: 32 }), orgId: Id, title: Type.String({ minLength: 1, maxLength: 200 }),
  body: Type.Optional(Type.String({ maxLength: 20000 })), category: Type.Optional(Type.String({ maxLength: 32 })),
  parties: Type.Optional(Type.Array(PartyInput, { maxItems: 50 })), receivedOn: Type.Optional(IsoDay),
  assigneeIds: Type.Optional(Type.Array(Id, { maxItems: 20 })), data: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  /** How the matter reached the office: at the counter, from a grid worker, transferred in, from the 12345 hotline. */
  source: Type.Optional(Type.Union([Type.Literal('staff'), Type.Literal('grid'), Type.Literal('transfer'), Type.Literal('hotline')])),
}, { additionalProperties: false });
export type CreateCaseBody = Static<typeof CreateCaseBody>;
export const CreatedCase = Type.Object({ id: Id, ref: Type.String(), trackingNo: Nullable(Type.String()), queryCode: Nullable(Type.String()), replayed: Type.Boolean() });
export type CreatedCase = Static<typeof CreatedCase>;
export const TransitionBody = Type.Object({
  transition: Type.String({ maxLength: 64 }), version: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  fields: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.Unknown())), comment: Type.Optional(Type.String({ maxLength: 2000 })),
  on: Type.Optional(IsoDay),
}, { additionalProperties: false });
export const CommentBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 2000 }), public: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export const AssigneesBody = Type.Object({ userIds: Type.Array(Id, { maxItems: 20 }) }, { additionalProperties: false });
export const ExtendBody = Type.Object({ length: Type.Integer({ minimum: 1, maximum: 365 }), reason: Type.String({ minLength: 2, maxLength: 500 }) }, { additionalProperties: false });
export const LinkBody = Type.Object({
  otherCaseId: Id, kind: Type.Union([Type.Literal('same_person'), Type.Literal('same_matter'), Type.Literal('transferred_from'), Type.Literal('related')]),
}, { additionalProperties: false });
/** Hands an open case to another office of the township, or, where its type allows, of the county or another township of the county (POST /api/cases/:id/transfer). */
export const TransferBody = Type.Object({
  toOrgId: Id, reason: Type.String({ minLength: 2, maxLength: 500 }),
  /** The sending office keeps read access (default true). */
  keepRead: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export type TransferBody = Static<typeof TransferBody>;
export const TransferResult = Type.Object({ transferred: Type.Boolean(), toOrgId: Type.String() });
export type TransferResult = Static<typeof TransferResult>;
/**
 * An office or village of the case's township it may be passed to, or, where the case type
 * allows it, an office of the county or of another township of the county
 * (GET /api/cases/:id/transfer-targets). `reach`: `township` (the case's own), `county`, `other`.
 */
export const TransferTarget = Type.Object({
  id: Id, parentId: Type.Union([Id, Type.Null()]), kind: Type.String(), name: Type.String(),
  reach: Type.Union([Type.Literal('township'), Type.Literal('county'), Type.Literal('other')]),
  /** The township the office belongs to (null: a county office). */
  townshipName: Type.Union([Type.String(), Type.Null()]),
  /** Someone there may handle the case's type (else the transfer is refused: CASE_TRANSFER_NO_HANDLER). */
  canHandle: Type.Boolean(),
});
export type TransferTarget = Static<typeof TransferTarget>;
export const TransferTargetList = Type.Object({ items: Type.Array(TransferTarget) });
export type TransferTargetList = Static<typeof TransferTargetList>;
/** What a `transfer` timeline entry carries. */
export const TransferPayload = Type.Object({
  fromOrgId: Type.String(), fromOrg: Type.String(), toOrgId: Type.String(), toOrg: Type.String(), reason: Type.String(), keepRead: Type.Boolean(),
  /** Passed beyond the township: the township (or county) the case came from and went to. */
  fromTownship: Type.Optional(Type.String()), toTownship: Type.Optional(Type.String()),
});
export type TransferPayload = Static<typeof TransferPayload>;

/** A clock a township may set within its bounds, with the length in force (GET /api/case-types/:code/clocks). */
export const ClockLengthView = Type.Object({
  caseType: Type.String(), clock: Type.String(), label: LabelSchema, unit: Type.String(), length: Type.Integer(),
  declared: Type.Integer(), min: Type.Integer(), max: Type.Integer(), basis: Type.String(), townshipId: Type.String(),
  /** The category this length is for (a clock set by category); absent: the township's length for every case. */
  category: Type.Optional(Nullable(Type.String())),
});
export type ClockLengthView = Static<typeof ClockLengthView>;
export const ClockLengthList = Type.Object({ items: Type.Array(ClockLengthView) });
export type ClockLengthList = Static<typeof ClockLengthList>;
export const ClockLengthQuery = Type.Object({ townshipId: Id });
export type ClockLengthQuery = Static<typeof ClockLengthQuery>;
export const ClockLengthBody = Type.Object({
  townshipId: Id, length: Type.Integer({ minimum: 1, maximum: 3650 }),
  /** For a clock set by category: the category whose length this is. */
  category: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
}, { additionalProperties: false });
export type ClockLengthBody = Static<typeof ClockLengthBody>;
export const PartyRevealBody = Type.Object({ field: Type.Union([Type.Literal('idNumber'), Type.Literal('phone'), Type.Literal('address')]) }, { additionalProperties: false });

/** A case type as the rules declare it (GET /api/case-types; `fazhi case-types --json` prints the same). */
export const CaseTypeInfo = Type.Object({
  code: Type.String(), refCode: Type.String(), label: LabelSchema, citizenFacing: Type.Boolean(), initial: Type.String(),
  readPermission: Type.String(), handlePermission: Type.String(),
  states: Type.Array(Type.Object({ key: Type.String(), label: LabelSchema, kind: Type.String(), publicLabel: Type.Optional(LabelSchema) })),
  transitions: Type.Array(Type.Object({
    key: Type.String(), label: LabelSchema, from: Type.Array(Type.String()), to: Type.String(), permission: Type.String(), requires: Type.Array(Type.String()),
    /** The step's fields as a JSON schema, or null. */
    fields: Type.Unknown(),
    documents: Type.Array(Type.String()), public: Type.Boolean(),
    /** The citizen tracking the case may take it (a complainant's satisfaction). */
    citizen: Type.Optional(Type.Boolean()),
  })),
  deadlines: Type.Array(Type.Object({
    key: Type.String(), label: LabelSchema, length: Type.Integer(), unit: Type.String(), kind: ClockKind, blocks: Type.Array(Type.String()),
    restartOn: Type.Array(Type.String()), dueFrom: Type.Union([Type.String(), Type.Null()]), onExpiry: Type.Union([Type.Object({ transition: Type.String() }), Type.Null()]),
    configurable: Type.Union([Type.Object({ min: Type.Integer(), max: Type.Integer(), byCategory: Type.Optional(Type.Boolean()) }), Type.Null()]),
    startOn: Type.String(), stopOn: Type.Array(Type.String()), pauseOn: Type.Array(Type.String()), resumeOn: Type.Array(Type.String()),
    extension: Type.Union([Type.Object({ max: Type.Integer(), approver: Type.String(), notifyParty: Type.Boolean() }), Type.Null()]),
    remindBefore: Type.Union([Type.Object({ length: Type.Integer(), unit: Type.String() }), Type.Null()]),
    escalateTo: Nullable(Type.String()), basis: Type.String(),
  })),
  categories: Type.Array(Type.String()),
  /** The module's intake data as a JSON schema, or null. */
  intake: Type.Unknown(),
});
export type CaseTypeInfo = Static<typeof CaseTypeInfo>;
export const CaseTypeList = Type.Object({ items: Type.Array(CaseTypeInfo) });
export type CaseTypeList = Static<typeof CaseTypeList>;

/** A running duty clock past its due date: `deadline` in Chinese, `deadlineLabel` in both languages. */
export const OverdueRow = Type.Object({
  caseId: Type.String(), ref: Type.String(), title: Type.String(), orgName: Type.String(), deadline: Type.String(), deadlineLabel: LabelSchema,
  dueDate: Type.String(), daysOverdue: Type.Integer(), assignees: Type.Array(Type.String()),
});
export type OverdueRow = Static<typeof OverdueRow>;
export const OverdueList = Type.Object({ items: Type.Array(OverdueRow) });
export type OverdueList = Static<typeof OverdueList>;

// ---- calendar ----
export const DueQuery = Type.Object({
  from: IsoDay, days: Type.Integer({ minimum: 1, maximum: 3650 }), unit: Type.Union([Type.Literal('wd'), Type.Literal('cd')]),
  townshipId: Type.Optional(Id),
}, { additionalProperties: false });
export const DueResult = Type.Object({ due: Type.String(), provisional: Type.Boolean(), explanation: Type.Array(Type.String()), explanationEn: Type.Array(Type.String()) });
export const OverrideBody = Type.Object({
  day: IsoDay, kind: Type.Union([Type.Literal('holiday'), Type.Literal('workday')]), name: Type.String({ minLength: 1, maxLength: 32 }),
  note: Type.Optional(Type.String({ maxLength: 200 })), townshipId: Type.Optional(Id),
}, { additionalProperties: false });
export type OverrideBody = Static<typeof OverrideBody>;
export const OverrideView = Type.Object({
  id: Id, day: Type.String(), kind: Type.String(), name: Type.String(), note: Nullable(Type.String()), townshipId: Type.Union([Id, Type.Null()]), createdAt: Type.String(),
});
export const CalendarYear = Type.Object({
  year: Type.Integer(), covered: Type.Boolean(), officialSource: Type.String(), officialYears: Type.Array(Type.Integer()),
  days: Type.Array(Type.Object({ date: Type.String(), working: Type.Boolean(), reason: Type.String(), name: Nullable(Type.String()) })),
  overrides: Type.Array(OverrideView),
});
/** The State Council schedule as holiday-cn publishes it: `{ year, days: [{ name, date, isOffDay }] }`. */
export const ImportScheduleBody = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  days: Type.Array(Type.Object({ name: Type.String({ minLength: 1, maxLength: 32 }), date: IsoDay, isOffDay: Type.Boolean() }), { minItems: 1, maxItems: 120 }),
  replace: Type.Optional(Type.Boolean()),
});
export const ImportResult = Type.Object({ added: Type.Integer(), replaced: Type.Integer(), recomputed: Type.Integer() });
/** An entry saved, and how many open deadlines the server recomputed. */
export const OverrideSaved = Type.Object({ item: OverrideView, recomputed: Type.Integer() });
export type OverrideSaved = Static<typeof OverrideSaved>;
export const OverrideDeleted = Type.Object({ recomputed: Type.Integer() });
export type OverrideDeleted = Static<typeof OverrideDeleted>;

// ---- public tracking ----
export const TrackQuery = Type.Object({ no: Type.String({ minLength: 6, maxLength: 32, pattern: '^[0-9A-Z]+$' }), code: Type.String({ pattern: '^[0-9]{6}$' }) }, { additionalProperties: false });
export const TrackView = Type.Object({
  trackingNo: Type.String(), typeLabel: LabelSchema, title: Type.String(), statusLabel: LabelSchema, closed: Type.Boolean(),
  /** The case type's code: the page offers what that type gives its applicant (a disclosure reply to download). */
  type: Type.String(),
  receivedOn: Type.String(), dueDate: Nullable(Type.String()),
  timeline: Type.Array(Type.Object({ at: Type.String(), label: LabelSchema })),
  canRate: Type.Boolean(), rated: Type.Boolean(),
});
export const RatingBody = Type.Object({
  no: Type.String({ minLength: 6, maxLength: 32, pattern: '^[0-9A-Z]+$' }), code: Type.String({ pattern: '^[0-9]{6}$' }),
  score: Type.Integer({ minimum: 1, maximum: 5 }), officeScore: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
  comment: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });

// ---- static types for clients (the web app takes its types from here) ----
export type PartyView = Static<typeof PartyView>;
export type CaseAction = Static<typeof CaseAction>;
export type TransitionBody = Static<typeof TransitionBody>;
export type CommentBody = Static<typeof CommentBody>;
export type ExtendBody = Static<typeof ExtendBody>;
export type PartyRevealBody = Static<typeof PartyRevealBody>;
export type DueQuery = Static<typeof DueQuery>;
export type DueResult = Static<typeof DueResult>;
export type OverrideView = Static<typeof OverrideView>;
export type CalendarYear = Static<typeof CalendarYear>;
export type ImportScheduleBody = Static<typeof ImportScheduleBody>;
export type ImportResult = Static<typeof ImportResult>;
/**
 * The answer to a lookup: a wrong number or code is an ordinary answer of the search (200), so
 * the citizen's browser does not report it as a failed request; 429 still means too many tries.
 */
export const TrackLookup = Type.Union([
  Type.Object({ found: Type.Literal(true), view: TrackView }),
  Type.Object({ found: Type.Literal(false), code: Type.Literal('TRACK_NOT_FOUND'), message: Type.String() }),
]);
export type TrackLookup = Static<typeof TrackLookup>;
export type TrackQuery = Static<typeof TrackQuery>;
export type TrackView = Static<typeof TrackView>;
export type RatingBody = Static<typeof RatingBody>;
