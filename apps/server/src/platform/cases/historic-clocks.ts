import { addDays, type Calendar, type IsoDate } from '../calendar/index.ts';
import type { CaseType, DeadlineDef } from './definition.ts';
import { compute, type DeadlineRow, type Pause } from './deadlines.ts';

export type ClockState = Omit<DeadlineRow, 'id' | 'case_id'>;
export type StoppedClock = { key: string; onTime: boolean; due: string };

// A register's cases mostly start their clocks on a few hundred distinct days: the due date
// and its explanation are computed once per calendar, clock and day (the calendar object is
// replaced when it changes, so its entries go with it).
const started = new WeakMap<Calendar, Map<DeadlineDef, Map<string, ReturnType<typeof compute>>>>();
const computeStart = (cal: Calendar, def: DeadlineDef, day: string, today: string): ReturnType<typeof compute> => {
  let byDef = started.get(cal);
  if (!byDef) started.set(cal, (byDef = new Map()));
  let byDay = byDef.get(def);
  if (!byDay) byDef.set(def, (byDay = new Map()));
  let r = byDay.get(`${day}|${today}`);
  if (!r) byDay.set(`${day}|${today}`, (r = compute(cal, def, { start_date: day, length: def.length, unit: def.unit, pauses: [], extensions: [] }, today)));
  return r;
};

/**
 * The rules of `applyDeadlineEvent` (deadlines.ts), applied in memory to the clocks of a case
 * that is being written in one go with its whole dated history (bulk-create.ts): the event
 * stops the clocks waiting for it (on time or late against their due date), closing the case
 * cancels the others, pauses and resumes recompute the due date, and the clocks the event
 * starts begin on its day (a clock starts once). Returns the on-time record of each clock
 * stopped, as the timeline event carries it.
 */
export const replayClockEvent = (
  clocks: Map<string, ClockState>, cal: Calendar, type: CaseType, event: string, day: string, closing: boolean, today: string,
): StoppedClock[] => {
  const stopped: StoppedClock[] = [];
  for (const row of clocks.values()) {
    if (row.status !== 'running' && row.status !== 'paused') continue;
    const def = type.deadlines.find((d) => d.key === row.key) ?? null;
    if (def?.stopOn.includes(event)) {
      const onTime = day <= row.due_date;
      Object.assign(row, { status: onTime ? 'met' : 'missed', stopped_on: day, on_time: onTime });
      stopped.push({ key: row.key, onTime, due: row.due_date });
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
      pauses = row.pauses.map((p, i) => (i === row.pauses.length - 1 && !p.to ? { ...p, to: addDays(day as IsoDate, -1) } : p))
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
      const r = computeStart(cal, def, day, today);
      clocks.set(def.key, { key: def.key, start_date: day, length: def.length, unit: def.unit, pauses: [], extensions: [], due_date: r.due, provisional: r.provisional, explanation: r.explanation, explanation_en: r.explanationEn,
        status: 'running', stopped_on: null, on_time: null });
    }
  }
  return stopped;
};
