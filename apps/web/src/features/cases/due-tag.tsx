import { Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import type { CaseRow, DueState } from '@fazhi/contracts';
import { useLocale, useT, type Translate } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';

/** Green while there is time, orange when due soon, red when overdue, grey when paused or stopped. */
export const dueColor: Record<DueState, string> = {
  ok: 'success', 'due-soon': 'warning', overdue: 'error', paused: 'default', met: 'success', missed: 'error', cancelled: 'default',
  waiting: 'processing', expired: 'default',
};

const hintKey: Record<DueState, MessageKey> = {
  ok: 'due.hint.ok', 'due-soon': 'due.hint.dueSoon', overdue: 'due.hint.overdue', paused: 'due.hint.paused',
  met: 'due.hint.closed', missed: 'due.hint.closed', cancelled: 'due.hint.closed', waiting: 'due.hint.waiting', expired: 'due.hint.expired',
};

const closedText: Partial<Record<DueState, MessageKey>> = { paused: 'due.paused', met: 'due.met', missed: 'due.missed', cancelled: 'due.cancelled', expired: 'due.expired' };

/** Calendar days from today to the due date (negative once past): what a list row can say without the calendar. */
const daysUntil = (due: string): number => dayjs(due).startOf('day').diff(dayjs().startOf('day'), 'day');

/** A countdown's text: the stopped state's word, today, or n left / n over in the given words. */
const countdown = (t: Translate, state: DueState, left: number | null, leftKey: MessageKey, overKey: MessageKey): string => {
  const closed = closedText[state];
  if (closed || left === null) return t(closed ?? 'due.cancelled');
  if (left === 0) return t('due.today');
  return left > 0 ? t(leftKey, { n: left }) : t(overKey, { n: -left });
};

/** What is left in the clock's own unit: working days for a 'wd' period, days for a 'cd' one. */
export const remainingText = (t: Translate, state: DueState, left: number | null, unit: string): string =>
  unit === 'cd' ? countdown(t, state, left, 'due.daysLeft', 'due.daysOverdue') : countdown(t, state, left, 'due.remaining', 'due.overdueBy');

type RowProps = { due: string | null; state: DueState | null; remaining?: number | null; unit?: string | null };

/**
 * A list row's next deadline as a countdown; the due date and what the colour means on hover.
 * The server counts what is left in the clock's own unit, as the case page shows it; a row
 * without that count falls back to calendar days from the due date.
 */
export const DueTag = ({ due, state, remaining, unit }: RowProps) => {
  const t = useT();
  if (!due || !state) return <span className="fz-muted">{t('due.none')}</span>;
  const text = remaining !== undefined && remaining !== null && (unit === 'wd' || unit === 'cd')
    ? remainingText(t, state, remaining, unit)
    : countdown(t, state, daysUntil(due), 'due.daysLeft', 'due.daysOverdue');
  return (
    <Tooltip title={t(hintKey[state], { date: due })}>
      <Tag color={dueColor[state]} className="fz-due-tag">{text}</Tag>
    </Tooltip>
  );
};

/**
 * The minimum periods still running on a list row (a decision's public comment, the legality
 * review's 7 working days): each with the day it ends and what is left, in the clock's unit.
 * They are no one's duty: the steps they block wait until the day after.
 */
export const WaitingTags = ({ waiting }: { waiting: CaseRow['waiting'] }) => {
  const { t, label } = useLocale();
  if (!waiting || waiting.length === 0) return null;
  return (
    <>
      {waiting.map((w) => (
        <Tooltip key={w.key} title={t('due.waitingHint', { label: label(w.label), date: w.until })}>
          <Tag color="processing" className="fz-due-tag fz-waiting-tag" data-testid={`waiting-${w.key}`}>
            {t('due.waitingUntil', { label: label(w.label), date: w.until.slice(5) })} · {remainingText(t, 'waiting', w.remaining, w.unit)}
          </Tag>
        </Tooltip>
      ))}
    </>
  );
};
