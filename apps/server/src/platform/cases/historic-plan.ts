import type { Permission } from '@fazhi/contracts';
import { isIsoDate, type Calendar } from '../calendar/index.ts';
import { AppError } from '../errors.ts';
import type { PartyInput } from './create-case.ts';
import type { CaseType, StateDef } from './definition.ts';
import { moveClocks, type ClockLengths, type ClockState, type StoppedClock } from './deadlines.ts';
import { checkCaseData } from './case-data.ts';
import { requiredFieldsOf } from './definition.ts';
import { checkStepDay, isLateEntry } from './step-dates.ts';

/** One dated step of a case's history: a transition of its type, taken on `on`. */
export type HistoricStep = { transition: string; on: string; fields?: Record<string, unknown>; comment?: string };

/** A case written with its whole history at once (an old register, a ledger brought in). */
export type HistoricCase = {
  orgId: string;
  title: string;
  body?: string;
  category?: string | null;
  /** The day the matter was received: the creation event and the clocks that start on it. */
  receivedOn: string;
  parties?: readonly PartyInput[];
  /** The module's intake data, checked against the type's schema as at registration. */
  data?: Record<string, unknown>;
  /** What the module itself keeps on the case (never from a request), e.g. an import's ledger note. */
  facts?: Record<string, unknown>;
  source?: 'staff' | 'public' | 'grid' | 'transfer' | 'hotline';
  /** From the type's initial state, in order; each must be legal from where the last one left the case. */
  steps: readonly HistoricStep[];
  /** Keep this number of the township's own series for the received year; absent: the next number. */
  seq?: number | null;
  /**
   * Clocks the record cannot date (a register without the closing day): cancelled whatever the
   * steps made of them, neither on time nor late, with `note` added to their explanation.
   */
  uncounted?: { clocks: readonly string[]; note: string };
};

export type TransitionEvent = { transition: string; from: string; to: string; public: boolean; on: string; fields: Record<string, unknown>; comment: string | null; stopped: StoppedClock[]; lateEntry: boolean };

/** What a valid row becomes: its final state, its timeline and its clocks. */
export type HistoricPlan = {
  status: string;
  state: StateDef;
  data: Record<string, unknown>;
  /** The engine's record of the steps taken: each transition's fields under its key. */
  steps: Record<string, unknown>;
  lastStepOn: string;
  /** The day the case ended (the last step's, when it left the open states). */
  endedOn: string | null;
  /** The creation itself was entered late (补录). */
  lateEntry: boolean;
  events: TransitionEvent[];
  clocks: ClockState[];
};

const TITLE_MAX = 200;
const PARTY_KINDS = new Set(['person', 'enterprise']);
const blank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * Checks one row against the case type and plays its history through the type's rules,
 * without touching the database: the path must be legal from the initial state, each
 * transition's permission must reach the org (`mayAt`), its required fields be present, and
 * its day be a real day, not before the previous one and not after today. The clocks move
 * by the rules a step taken applies (`moveClocks`). A failure is the same AppError
 * createCase or takeTransition would have thrown.
 */
export const planHistoricCase = (
  type: CaseType, row: HistoricCase, cal: Calendar, today: string, mayAt: (p: Permission) => boolean, lateEntryDays: number, lengths?: ClockLengths,
): HistoricPlan => {
  if (row.category && type.categories && !type.categories.includes(row.category)) throw new AppError('VALIDATION', { field: 'category' });
  if (row.title.length < 1 || row.title.length > TITLE_MAX) throw new AppError('VALIDATION', { field: 'title' });
  if (!isIsoDate(row.receivedOn)) throw new AppError('VALIDATION', { field: 'receivedOn' });
  checkStepDay(row.receivedOn, null, today, 'receivedOn');
  if ((row.parties ?? []).some((p) => !PARTY_KINDS.has(p.kind) || blank(p.name) || blank(p.role))) throw new AppError('VALIDATION', { field: 'parties' });
  if (row.seq !== undefined && row.seq !== null && !(Number.isInteger(row.seq) && row.seq >= 1)) throw new AppError('VALIDATION', { field: 'seq' });
  let status = type.initial;
  let day = row.receivedOn;
  const data = checkCaseData(type.intake, row.data, 'data');
  const steps: Record<string, unknown> = {};
  const clocks = new Map<string, ClockState>();
  moveClocks(clocks, cal, type, 'created', row.receivedOn, false, today, lengths, data);
  const events: TransitionEvent[] = [];
  for (const step of row.steps) {
    const t = type.transitionByKey.get(step.transition);
    if (!t || !t.from.includes(status)) throw new AppError('CASE_TRANSITION_UNAVAILABLE', { status, transition: step.transition });
    if (!mayAt(t.permission)) throw new AppError('FORBIDDEN');
    const fields = t.fields ? checkCaseData(t.fields, step.fields, 'fields') : (step.fields ?? {});
    const missing = requiredFieldsOf(t).filter((f) => blank(fields[f]));
    if (missing.length > 0) throw new AppError('CASE_FIELDS_REQUIRED', { missing });
    if (!isIsoDate(step.on)) throw new AppError('VALIDATION', { field: 'on', transition: t.key });
    checkStepDay(step.on, day, today, 'on');
    const to = type.states[t.to];
    if (!to) throw new AppError('INTERNAL');
    const stopped = moveClocks(clocks, cal, type, t.key, step.on, to.kind !== 'open', today, lengths, fields);
    events.push({ transition: t.key, from: status, to: t.to, public: t.public ?? false, on: step.on, fields, comment: step.comment ?? null, stopped,
      lateEntry: isLateEntry(step.on, today, lateEntryDays) });
    // As takeTransition: each transition's fields under its key in the engine's record of steps.
    steps[t.key] = fields;
    status = t.to;
    day = step.on;
  }
  for (const key of new Set(row.uncounted?.clocks ?? [])) {
    const clock = clocks.get(key);
    if (clock && row.uncounted) Object.assign(clock, { status: 'cancelled', on_time: null, explanation: [...clock.explanation, row.uncounted.note] });
  }
  const state = type.states[status];
  if (!state) throw new AppError('INTERNAL');
  return { status, state, data, steps, lastStepOn: day, endedOn: state.kind === 'open' ? null : day,
    lateEntry: isLateEntry(row.receivedOn, today, lateEntryDays), events, clocks: [...clocks.values()] };
};
