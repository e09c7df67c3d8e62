import type { CaseCtx } from '../../platform/cases/context.ts';
import { addWorkingDays } from '../../platform/calendar/index.ts';
import { AppError } from '../../platform/errors.ts';

/** The working days a body has to object to a matter transferred or assigned to it that is not its own (信访工作条例 第二十三条第三款). */
export const OBJECTION_WORKING_DAYS = 5;

/**
 * 信访工作条例 第二十三条第三款: a matter the county's petition office (or a body above)
 * transferred or assigned (转送、交办) that is not within this body's powers is objected to
 * within 5 working days of its receipt, with the reasons in detail; the materials go back
 * once the sender has checked and agreed. Only such a matter may be objected to, and only
 * within those days (the step's own day, on the township's working-day calendar).
 */
export const objectionPrecondition = async (ctx: CaseCtx, caseId: string, _fields: Readonly<Record<string, unknown>>, on: string): Promise<void> => {
  const row = (await ctx.client.query<{ channel: string | null; received_on: string; township_id: string }>(
    "SELECT data ->> 'channel' AS channel, to_char(received_on, 'YYYY-MM-DD') AS received_on, township_id FROM cases WHERE id = $1", [caseId])).rows[0];
  if (!row) throw new AppError('NOT_FOUND');
  if (row.channel !== '转送交办') throw new AppError('PETITION_OBJECTION_NOT_TRANSFERRED');
  const cal = await ctx.engine.calendars.forTownship(row.township_id);
  const last = addWorkingDays(cal, row.received_on, OBJECTION_WORKING_DAYS);
  if (on > last) throw new AppError('PETITION_OBJECTION_LATE', { receivedOn: row.received_on, lastDay: last });
};

/** The objection is offered only on a matter transferred or assigned from above. */
export const objectionOffered = async (ctx: CaseCtx, caseId: string): Promise<boolean> =>
  (await ctx.client.query<{ channel: string | null }>("SELECT data ->> 'channel' AS channel FROM cases WHERE id = $1", [caseId])).rows[0]?.channel === '转送交办';
