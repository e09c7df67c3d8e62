import type { Client } from '../db/pools.ts';
import { addDays, computeDeadline, type Calendar, type IsoDate } from '../calendar/index.ts';
import type { CaseType, DeadlineDef } from './definition.ts';

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
    start: d.start_date as IsoDate, length: d.length, unit: d.unit, today: today as IsoDate,
    pausedDays: d.pauses.map((p) => ({ from: p.from as IsoDate, ...(p.to ? { to: p.to as IsoDate } : {}), ...(p.label ? { label: p.label } : {}) })),
    extensions: d.extensions.map((e) => ({ length: e.length, unit: e.unit, label: e.reason })),
  });
  const lead = def ? [`${def.label.zh}（依据：${def.basis}）`] : [];
  const leadEn = def ? [`${def.label.en} (basis: ${def.basis})`] : [];
  return { due: r.due as string, provisional: r.provisional, explanation: [...lead, ...r.explanation], explanationEn: [...leadEn, ...r.explanationEn] };
};

type CaseRef = { id: string; township_id: string };

/**
 * Moves a case's clocks for one event on `day`: starts the clocks the event starts, stops
 * (recording on time or late) those it stops, pauses and resumes. Closing the case cancels
 * every other clock still running. Returns the on-time record of each clock stopped.
 */
export const applyDeadlineEvent = async (
  c: Client, cal: Calendar, type: CaseType, kase: CaseRef, event: string, day: string, closing: boolean, today: string,
): Promise<{ key: string; onTime: boolean; due: string }[]> => {
  const stopped: { key: string; onTime: boolean; due: string }[] = [];
  const { rows } = await c.query<DeadlineRow>(`SELECT ${deadlineColumns} FROM case_deadlines WHERE case_id = $1 AND status IN ('running','paused') FOR UPDATE`, [kase.id]);
  for (const row of rows) {
    const def = type.deadlines.find((d) => d.key === row.key) ?? null;
    if (def?.stopOn.includes(event)) {
      // A paused clock that stops is judged on the due date as it stood when paused.
      const onTime = day <= row.due_date;
      await c.query(`UPDATE case_deadlines SET status = $2, stopped_on = $3, on_time = $4, updated_at = now() WHERE id = $1`,
        [row.id, onTime ? 'met' : 'missed', day, onTime]);
      stopped.push({ key: row.key, onTime, due: row.due_date });
      continue;
    }
    if (closing) {
      // Closed by an event this clock does not wait for (a refusal, a withdrawal, an optional
      // window nobody used): the step never happened, so it was neither on time nor late.
      await c.query(`UPDATE case_deadlines SET status = 'cancelled', stopped_on = $2, updated_at = now() WHERE id = $1`, [row.id, day]);
      continue;
    }
    if (def?.pauseOn?.includes(event) && row.status === 'running') {
      const pauses = [...row.pauses, { from: day, label: type.transitionByKey.get(event)?.label.zh ?? event }];
      await save(c, cal, def, row, { pauses, status: 'paused' }, today);
    } else if (def?.resumeOn?.includes(event) && row.status === 'paused') {
      // The clock stood still from the pausing day up to the day before it resumes.
      const pauses = row.pauses.map((p, i) => (i === row.pauses.length - 1 && !p.to ? { ...p, to: addDays(day as IsoDate, -1) } : p))
        .filter((p) => !p.to || p.to >= p.from);
      await save(c, cal, def, row, { pauses, status: 'running' }, today);
    }
  }
  if (!closing) {
    for (const def of type.deadlines.filter((d) => d.startOn === event)) {
      const base = { start_date: day, length: def.length, unit: def.unit, pauses: [], extensions: [] };
      const r = compute(cal, def, base, today);
      await c.query(
        `INSERT INTO case_deadlines (case_id, township_id, key, start_date, length, unit, due_date, provisional, explanation, explanation_en, status)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,'running')
         ON CONFLICT (case_id, key) DO NOTHING`,
        [kase.id, kase.township_id, def.key, day, def.length, def.unit, r.due, r.provisional, JSON.stringify(r.explanation), JSON.stringify(r.explanationEn)]);
    }
  }
  return stopped;
};

const save = async (c: Client, cal: Calendar, def: DeadlineDef | null, row: DeadlineRow, patch: { pauses?: Pause[]; extensions?: ExtensionRecord[]; status?: DeadlineRow['status'] }, today: string): Promise<{ due: string; explanation: string[] }> => {
  const next = { ...row, ...patch };
  const r = compute(cal, def, next, today);
  await c.query(
    // A due date that moves later earns a new reminder and, if missed again, a new escalation.
    `UPDATE case_deadlines SET pauses = $2, extensions = $3, status = $4, due_date = $5, provisional = $6, explanation = $7, explanation_en = $8,
            reminded_at = CASE WHEN $5::date > due_date THEN NULL ELSE reminded_at END,
            escalated_at = CASE WHEN $5::date > due_date THEN NULL ELSE escalated_at END, updated_at = now() WHERE id = $1`,
    [row.id, JSON.stringify(next.pauses), JSON.stringify(next.extensions), next.status, r.due, r.provisional, JSON.stringify(r.explanation), JSON.stringify(r.explanationEn)]);
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
