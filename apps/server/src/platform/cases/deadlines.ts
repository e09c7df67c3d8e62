import { named, type Client } from '../db/pools.ts';
import { addDays, computeDeadline, diffDays, isIsoDate, type Calendar } from '../calendar/index.ts';
import { AppError } from '../errors.ts';
import { clockKindOf, type CaseType, type DeadlineDef } from './definition.ts';
import { checkMinimumPeriods } from './step-dates.ts';

/** A township's own lengths of the clocks it may set (case_clock_lengths), by clock key. */
export type ClockLengths = ReadonlyMap<string, number>;
const lengthOf = (def: DeadlineDef, lengths: ClockLengths | undefined): number => lengths?.get(def.key) ?? def.length;

export type Pause = { from: string; to?: string; label?: string };
export type ExtensionRecord = { length: number; unit: 'wd' | 'cd'; reason: string; approverId: string | null; at: string };

export type DeadlineRow = {
  id: string; case_id: string; key: string; start_date: string; length: number; unit: 'wd' | 'cd';
  pauses: Pause[]; extensions: ExtensionRecord[]; due_date: string; provisional: boolean;
  explanation: string[]; explanation_en: string[]; status: 'running' | 'paused' | 'met' | 'missed' | 'cancelled';
  stopped_on: string | null; on_time: boolean | null;
};

export const deadlineColumns = `id, case_id, key, to_char(start_date, 'YYYY-MM-DD') AS start_date, length, unit, pauses, extensions,
  to_char(due_date, 'YYYY-MM-DD') AS due_date, provisional, explanation, explanation_en, status,
  to_char(stopped_on, 'YYYY-MM-DD') AS stopped_on, on_time`;

/** Due date and its explanation, from the start day, pauses and extensions, on the calendar. */
export const compute = (cal: Calendar, def: Pick<DeadlineDef, 'label' | 'basis'> | null, d: { start_date: string; length: number; unit: 'wd' | 'cd'; pauses: Pause[]; extensions: ExtensionRecord[] }, today: string) => {
  const r = computeDeadline(cal, {
    start: d.start_date, length: d.length, unit: d.unit, today,
    pausedDays: d.pauses.map((p) => ({ from: p.from, ...(p.to ? { to: p.to } : {}), ...(p.label ? { label: p.label } : {}) })),
    extensions: d.extensions.map((e) => ({ length: e.length, unit: e.unit, label: e.reason })),
  });
  const lead = def ? [`${def.label.zh}（依据：${def.basis}）`] : [];
  const leadEn = def ? [`${def.label.en} (basis: ${def.basis})`] : [];
  return { due: r.due, provisional: r.provisional, explanation: [...lead, ...r.explanation], explanationEn: [...leadEn, ...r.explanationEn] };
};

export type ClockState = Omit<DeadlineRow, 'id' | 'case_id'>;
export type StoppedClock = { key: string; onTime: boolean; due: string };

// Clocks start on few distinct days (a register of 10,000 historic cases has a few hundred):
// a starting clock's due date and explanation are computed once per calendar, clock and day.
// The calendar store replaces the calendar object when the calendar changes, and its entries
// go with it.
const started = new WeakMap<Calendar, Map<DeadlineDef, Map<string, ReturnType<typeof compute>>>>();
const computeStart = (cal: Calendar, def: DeadlineDef, day: string, today: string, length: number): ReturnType<typeof compute> => {
  let byDef = started.get(cal);
  if (!byDef) started.set(cal, (byDef = new Map<DeadlineDef, Map<string, ReturnType<typeof compute>>>()));
  let byDay = byDef.get(def);
  if (!byDay) byDef.set(def, (byDay = new Map<string, ReturnType<typeof compute>>()));
  let r = byDay.get(`${day}|${today}|${length}`);
  if (!r) byDay.set(`${day}|${today}|${length}`, (r = compute(cal, def, { start_date: day, length, unit: def.unit, pauses: [], extensions: [] }, today)));
  return r;
};

/**
 * How one event on `day` moves a case's clocks, in memory: it stops the clocks waiting for it
 * (on time or late against their due date; a paused clock is judged on the due date as it
 * stood when paused), closing the case cancels the others (the step they waited for never
 * happened: neither on time nor late), pauses and resumes recompute the due date, and the
 * clocks the event starts begin on its day (a clock starts once). The rules of both a step
 * taken on one case (`clockWrites`, in the database: transition.ts) and the bulk path
 * (bulk-create.ts, a case's whole history before it is written). Returns the on-time record
 * of each clock stopped, as the timeline event carries it.
 */
export const moveClocks = (
  clocks: Map<string, ClockState>, cal: Calendar, type: CaseType, event: string, day: string, closing: boolean, today: string, lengths?: ClockLengths,
  given?: Readonly<Record<string, unknown>>,
): StoppedClock[] => {
  // A step a running minimum period still bars is refused before any clock moves.
  checkMinimumPeriods(type, clocks.values(), event, day);
  const stopped: StoppedClock[] = [];
  for (const row of clocks.values()) {
    if (row.status !== 'running' && row.status !== 'paused') continue;
    const def = type.deadlines.find((d) => d.key === row.key) ?? null;
    if (def?.stopOn.includes(event)) {
      // A minimum period ends as it should when the step it blocked comes after it (the engine allows no other).
      const within = clockKindOf(def) === 'minimum' || day <= row.due_date;
      // Only an office duty carries an on-time flag: a party's window or a minimum period ending is nobody's lateness.
      Object.assign(row, { status: within ? 'met' : 'missed', stopped_on: day, on_time: clockKindOf(def) === 'duty' ? within : null });
      stopped.push({ key: row.key, onTime: within, due: row.due_date });
      continue;
    }
    if (def?.restartOn?.includes(event) && !closing) {
      // The period runs again from this day, whole (补正: 政府信息公开条例 第三十条).
      const r = computeStart(cal, def, day, today, lengthOf(def, lengths));
      Object.assign(row, { start_date: day, length: lengthOf(def, lengths), pauses: [], extensions: [], status: 'running', due_date: r.due, provisional: r.provisional,
        explanation: [...r.explanation, `${type.transitionByKey.get(event)?.label.zh ?? event}（${day}），期限重新计算`],
        explanation_en: [...r.explanationEn, `${type.transitionByKey.get(event)?.label.en ?? event} (${day}): the period runs again`] });
      continue;
    }
    if (closing) {
      Object.assign(row, { status: 'cancelled', stopped_on: day });
      continue;
    }
    let pauses: Pause[] | null = null;
    if (def?.pauseOn?.includes(event) && row.status === 'running') {
      pauses = [...row.pauses, { from: day, label: type.transitionByKey.get(event)?.label.zh ?? event }];
      row.status = 'paused';
    } else if (def?.resumeOn?.includes(event) && row.status === 'paused') {
      pauses = row.pauses.map((p, i) => (i === row.pauses.length - 1 && !p.to ? { ...p, to: addDays(day, -1) } : p))
        .filter((p) => !p.to || p.to >= p.from);
      row.status = 'running';
    }
    if (pauses) {
      row.pauses = pauses;
      const r = compute(cal, def, row, today);
      Object.assign(row, { due_date: r.due, provisional: r.provisional, explanation: r.explanation, explanation_en: r.explanationEn });
    }
  }
  if (!closing) {
    for (const def of type.deadlines.filter((d) => d.startOn === event && !clocks.has(d.key))) {
      const length = def.dueFrom && given?.[def.dueFrom] !== undefined ? lengthToDue(def.dueFrom, day, given[def.dueFrom]) : lengthOf(def, lengths);
      const r = computeStart(cal, def, day, today, length);
      clocks.set(def.key, { key: def.key, start_date: day, length, unit: def.unit, pauses: [], extensions: [], due_date: r.due, provisional: r.provisional, explanation: r.explanation, explanation_en: r.explanationEn,
        status: 'running', stopped_on: null, on_time: null });
    }
  }
  return stopped;
};

/**
 * A clock whose due date comes with the event that starts it (`DeadlineDef.dueFrom`): its
 * length in calendar days from the start day to the given day, which must be a real day after it.
 */
const lengthToDue = (field: string, start: string, due: unknown): number => {
  if (typeof due !== 'string' || !isIsoDate(due)) throw new AppError('CASE_DUE_DATE_INVALID', { field });
  const days = diffDays(start, due);
  if (days < 1 || days > 3660) throw new AppError('CASE_DUE_DATE_INVALID', { field, start });
  return days;
};

type CaseRef = { id: string; township_id: string; category?: string | null };

/**
 * The township's own lengths of this type's configurable clocks (none set: the declared
 * lengths). A clock set by category takes the length set for the case's category first
 * (only such clocks have lengths by category: setClockLength refuses the others).
 */
export const clockLengths = async (c: Client, townshipId: string, type: CaseType, category: string | null = null): Promise<ClockLengths> => {
  if (!type.deadlines.some((d) => d.configurable)) return new Map();
  const { rows } = await c.query<{ clock_key: string; length: number }>(named(
    `SELECT DISTINCT ON (clock_key) clock_key, length FROM case_clock_lengths
      WHERE township_id = $1 AND case_type = $2 AND (category = '' OR category = $3)
      ORDER BY clock_key, category = ''`, [townshipId, type.code, category ?? '']));
  return new Map(rows.map((r) => [r.clock_key, r.length]));
};

/** A case's running and paused clocks (locked until the transaction ends) and its township's clock lengths, as read for an event. */
export type ClockReads = { rows: DeadlineRow[]; lengths: ReadonlyMap<string, number> };

/**
 * The two statements that read what an event's clocks need (`ClockReads`), to be sent
 * together with others (sendTogether); `got` holds their answers once they are in.
 */
export const clockReads = (c: Client, type: CaseType, kase: CaseRef): { got: ClockReads; reads: (() => Promise<unknown>)[] } => {
  const got: ClockReads = { rows: [], lengths: new Map() };
  return {
    got,
    reads: [
      async () => { got.rows = (await c.query<DeadlineRow>(named(`SELECT ${deadlineColumns} FROM case_deadlines WHERE case_id = $1 AND status IN ('running','paused') FOR UPDATE`, [kase.id]))).rows; },
      async () => { got.lengths = await clockLengths(c, kase.township_id, type, kase.category ?? null); },
    ],
  };
};

/**
 * What one event does to a case's clocks, given the clocks it has running or paused (`rows`,
 * none for a case just opened) and the township's clock lengths: the clocks it stops and the
 * statements that write the change, to be sent (a new case sends them with its other rows).
 */
export const clockWrites = (
  c: Client, cal: Calendar, type: CaseType, kase: CaseRef, rows: readonly DeadlineRow[], lengths: ReadonlyMap<string, number>,
  event: string, day: string, closing: boolean, today: string, given?: Readonly<Record<string, unknown>>,
): { stopped: StoppedClock[]; writes: (() => Promise<unknown>)[] } => {
  const clocks = new Map<string, ClockState>(rows.map((r) => [r.key, { ...r }]));
  const stopped = moveClocks(clocks, cal, type, event, day, closing, today, lengths, given);
  const writes: (() => Promise<unknown>)[] = [];
  for (const row of rows) {
    const next = clocks.get(row.key);
    if (!next || (next.status === row.status && next.pauses === row.pauses && next.start_date === row.start_date)) continue;
    if (next.status === 'running' || next.status === 'paused') {
      writes.push(() => writeDue(c, row, next));
    } else {
      writes.push(() => c.query(named(`UPDATE case_deadlines SET status = $2, stopped_on = $3, on_time = $4, updated_at = now() WHERE id = $1`, [row.id, next.status, next.stopped_on, next.on_time])));
    }
  }
  for (const next of clocks.values()) {
    if (rows.some((r) => r.key === next.key)) continue;
    // Named: every case opened sends it (planned once per pooled connection).
    writes.push(() => c.query(named(
      `INSERT INTO case_deadlines (case_id, township_id, key, start_date, length, unit, due_date, provisional, explanation, explanation_en, status)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,'running')
       ON CONFLICT (case_id, key, township_id) DO NOTHING`,
      [kase.id, kase.township_id, next.key, next.start_date, next.length, next.unit, next.due_date, next.provisional, JSON.stringify(next.explanation), JSON.stringify(next.explanation_en)])));
  }
  return { stopped, writes };
};

/** A clock's new pauses, extensions, status and due date (with its explanation). */
const writeDue = async (c: Client, row: DeadlineRow, next: ClockState): Promise<void> => {
  await c.query(
    // A due date that moves later earns a new reminder and, if missed again, a new escalation.
    `UPDATE case_deadlines SET pauses = $2, extensions = $3, status = $4, due_date = $5, provisional = $6, explanation = $7, explanation_en = $8,
            start_date = $9, length = $10,
            reminded_at = CASE WHEN $5::date > due_date THEN NULL ELSE reminded_at END,
            escalated_at = CASE WHEN $5::date > due_date THEN NULL ELSE escalated_at END, updated_at = now() WHERE id = $1`,
    [row.id, JSON.stringify(next.pauses), JSON.stringify(next.extensions), next.status, next.due_date, next.provisional, JSON.stringify(next.explanation), JSON.stringify(next.explanation_en),
      next.start_date, next.length]);
};

const save = async (c: Client, cal: Calendar, def: DeadlineDef | null, row: DeadlineRow, patch: { pauses?: Pause[]; extensions?: ExtensionRecord[]; status?: DeadlineRow['status'] }, today: string): Promise<{ due: string; explanation: string[] }> => {
  const next = { ...row, ...patch };
  const r = compute(cal, def, next, today);
  await writeDue(c, row, { ...next, due_date: r.due, provisional: r.provisional, explanation: r.explanation, explanation_en: r.explanationEn });
  return { due: r.due, explanation: r.explanation };
};

export const extendDeadlineRow = save;

/**
 * After an administrator changes the calendar: recompute every open clock whose period
 * spans a changed day. Returns how many due dates moved.
 */
export const recomputeOpenDeadlines = async (
  c: Client, calFor: (townshipId: string) => Promise<Calendar>, typeOf: (caseId: string) => Promise<CaseType | null>, days: string[], today: string,
): Promise<number> => {
  if (days.length === 0) return 0;
  const lo = days.reduce((a, b) => (a < b ? a : b));
  const hi = days.reduce((a, b) => (a > b ? a : b));
  const { rows } = await c.query<DeadlineRow & { township_id: string }>(
    `SELECT ${deadlineColumns}, township_id FROM case_deadlines
      WHERE status IN ('running','paused') AND start_date < $2 AND due_date >= $1`, [lo, hi]);
  let moved = 0;
  for (const row of rows) {
    const type = await typeOf(row.case_id);
    const def = type?.deadlines.find((d) => d.key === row.key) ?? null;
    const r = await save(c, await calFor(row.township_id), def, row, {}, today);
    if (r.due !== row.due_date) moved++;
  }
  return moved;
};
