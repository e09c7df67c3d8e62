/**
 * Contracts of the rule-of-law leadership group's own work (modules/governance): its roster,
 * the implementation plan with its tasks (cases of type `plan_task`) and the budget line.
 */
import { Type, type Static, type TSchema } from 'typebox';

const Id = Type.String({ format: 'uuid' });
const Day = Type.String({ format: 'date' });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
/** Money as an exact decimal string: at most 10 digits before the point and 2 after (元). */
export const MONEY_PATTERN = '^(0|[1-9][0-9]{0,9})(\\.[0-9]{1,2})?$';
/** Checked by the server (GOVERNANCE_AMOUNT_INVALID names the field), so a clerk reads why. */
const Money = Type.String({ maxLength: 32 });
const Phone = Type.String({ pattern: '^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$' });

/** The places in the leadership group (seed 一: 书记任组长，班子成员任副组长，站所、各村为成员). */
export const leadershipPlaces = ['组长', '副组长', '成员', '办公室主任'] as const;
export const LeadershipPlace = Type.Union([Type.Literal('组长'), Type.Literal('副组长'), Type.Literal('成员'), Type.Literal('办公室主任')]);
export type LeadershipPlace = (typeof leadershipPlaces)[number];

/** What a create answers: the new record's id. */
export const GovernanceCreated = Type.Object({ id: Id });
export type GovernanceCreated = Static<typeof GovernanceCreated>;

export const RosterQuery = Type.Object({
  townshipId: Type.Optional(Id),
  /** Who was a member on this day (default today). */
  on: Type.Optional(Day),
  /** Every membership, past ones too. */
  history: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export type RosterQuery = Static<typeof RosterQuery>;

export const LeadershipMember = Type.Object({
  id: Id, place: LeadershipPlace, name: Type.String(), post: Type.String(),
  unitOrgId: Nullable(Id), unitName: Nullable(Type.String()),
  /** A personal phone, masked. */
  phone: Nullable(Type.String()),
  fromOn: Type.String(), untilOn: Nullable(Type.String()),
});
export type LeadershipMember = Static<typeof LeadershipMember>;

export const Roster = Type.Object({
  townshipId: Id,
  name: Type.String(),
  officeOrgId: Nullable(Id), officeName: Nullable(Type.String()),
  on: Type.String(),
  members: Type.Array(LeadershipMember),
  canEdit: Type.Boolean(),
});
export type Roster = Static<typeof Roster>;

export const RosterGroupBody = Type.Object({
  townshipId: Id,
  name: Type.String({ minLength: 2, maxLength: 100, pattern: '\\S' }),
  officeOrgId: Nullable(Id),
}, { additionalProperties: false });
export type RosterGroupBody = Static<typeof RosterGroupBody>;

export const LeadershipMemberBody = Type.Object({
  townshipId: Id,
  place: LeadershipPlace,
  name: Type.String({ minLength: 1, maxLength: 32, pattern: '\\S' }),
  post: Type.String({ minLength: 1, maxLength: 64, pattern: '\\S' }),
  unitOrgId: Type.Optional(Nullable(Id)),
  phone: Type.Optional(Nullable(Phone)),
  fromOn: Day,
  sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 999 })),
}, { additionalProperties: false });
export type LeadershipMemberBody = Static<typeof LeadershipMemberBody>;

export const EndMembershipBody = Type.Object({ untilOn: Day }, { additionalProperties: false });
export type EndMembershipBody = Static<typeof EndMembershipBody>;

export const PlanQuery = Type.Object({ townshipId: Type.Optional(Id), year: Type.Optional(Year) }, { additionalProperties: false });
export type PlanQuery = Static<typeof PlanQuery>;

export const PlanSummary = Type.Object({
  id: Id, year: Type.Integer(), title: Type.String(), docNo: Nullable(Type.String()), adoptedOn: Type.String(),
  meetingCaseId: Nullable(Id), meetingRef: Nullable(Type.String()),
  tasks: Type.Integer(), completed: Type.Integer(), overdue: Type.Integer(), supervisions: Type.Integer(),
});
export type PlanSummary = Static<typeof PlanSummary>;
export const PlanList = Type.Object({ townshipId: Id, items: Type.Array(PlanSummary), canEdit: Type.Boolean() });
export type PlanList = Static<typeof PlanList>;

export const PlanBody = Type.Object({
  townshipId: Id, year: Year,
  title: Type.String({ minLength: 2, maxLength: 200, pattern: '\\S' }),
  docNo: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  adoptedOn: Day,
  meetingCaseId: Type.Optional(Nullable(Id)),
}, { additionalProperties: false });
export type PlanBody = Static<typeof PlanBody>;

/** A task of the plan as the plan page lists it: the case, its owner, its due clock and its supervision notices. */
export const PlanTaskRow = Type.Object({
  id: Id, ref: Type.String(), title: Type.String(), category: Nullable(Type.String()), status: Type.String(), statusLabel: Type.String(),
  ownerOrgName: Type.String(), owner: Type.String(),
  dueOn: Nullable(Type.String()), extended: Type.Boolean(),
  /** Days left (negative: overdue) while the clock runs; null once stopped. */
  daysLeft: Nullable(Type.Integer()),
  completedOn: Nullable(Type.String()), onTime: Nullable(Type.Boolean()),
  supervisions: Type.Integer(), awaitingReply: Type.Boolean(),
});
export type PlanTaskRow = Static<typeof PlanTaskRow>;
export const PlanDetail = Type.Object({ plan: PlanSummary, tasks: Type.Array(PlanTaskRow), canEdit: Type.Boolean() });
export type PlanDetail = Static<typeof PlanDetail>;

export const BudgetQuery = Type.Object({ townshipId: Type.Optional(Id), year: Year }, { additionalProperties: false });
export type BudgetQuery = Static<typeof BudgetQuery>;
export const BudgetItem = Type.Object({
  id: Id, spentOn: Type.String(), amount: Type.String(), purpose: Type.String(), caseId: Nullable(Id), caseRef: Nullable(Type.String()),
});
export type BudgetItem = Static<typeof BudgetItem>;
/** The year's line: amounts as exact decimal strings (元, two places). */
export const Budget = Type.Object({
  townshipId: Id, year: Type.Integer(),
  budgeted: Nullable(Type.String()), note: Nullable(Type.String()), spent: Type.String(), remaining: Nullable(Type.String()),
  items: Type.Array(BudgetItem), canEdit: Type.Boolean(),
});
export type Budget = Static<typeof Budget>;
export const BudgetBody = Type.Object({
  townshipId: Id, year: Year, amount: Money, note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
}, { additionalProperties: false });
export type BudgetBody = Static<typeof BudgetBody>;
export const BudgetItemBody = Type.Object({
  townshipId: Id, spentOn: Day, amount: Money,
  purpose: Type.String({ minLength: 2, maxLength: 200, pattern: '\\S' }),
  caseId: Type.Optional(Nullable(Id)),
}, { additionalProperties: false });
export type BudgetItemBody = Static<typeof BudgetItemBody>;
