import { Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import type { DueState } from '@fazhi/contracts';
import { useT, type Translate } from '../../i18n/locale-context.tsx';
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

const rowText = (t: Translate, due: string, state: DueState): string => {
  const closed = closedText[state];
  if (closed) return t(closed);
  const n = daysUntil(due);
  if (n === 0) return t('due.today');
  return n > 0 ? t('due.daysLeft', { n }) : t('due.daysOverdue', { n: -n });
};

type RowProps = { due: string | null; state: DueState | null; remaining?: number | null; unit?: string | null };

/** A list row's next deadline as a countdown; the due date and what the colour means on hover. */
export const DueTag = ({ due, state, remaining, unit }: RowProps) => {
  const t = useT();
  if (!due || !state) return <span className="fz-muted">{t('due.none')}</span>;
  // The server counts what is left in the clock's own unit, as the case page shows it.
  if (remaining !== undefined && remaining !== null && (unit === 'wd' || unit === 'cd')) {
    return (
      <Tooltip title={t(hintKey[state], { date: due })}>
        <Tag color={dueColor[state]} className="fz-due-tag">{remainingText(t, state, remaining, unit)}</Tag>
      </Tooltip>
    );
  }
  return (
    <Tooltip title={t(hintKey[state], { date: due })}>
      <Tag color={dueColor[state]} className="fz-due-tag">{rowText(t, due, state)}</Tag>
    </Tooltip>
  );
};

/** What is left in the clock's own unit: working days for a 'wd' period, days for a 'cd' one. */
export const remainingText = (t: Translate, state: DueState, left: number | null, unit: string): string => {
  if (unit !== 'cd') return workingDaysText(t, state, left);
  const closed = closedText[state];
  if (closed || left === null) return t(closed ?? 'due.cancelled');
  if (left === 0) return t('due.today');
  return left > 0 ? t('due.daysLeft', { n: left }) : t('due.daysOverdue', { n: -left });
};

/** The deadline card's countdown, in working days as the server counted them. */
export const workingDaysText = (t: Translate, state: DueState, left: number | null): string => {
  const closed = closedText[state];
  if (closed || left === null) return t(closed ?? 'due.cancelled');
  if (left === 0) return t('due.today');
  return left > 0 ? t('due.remaining', { n: left }) : t('due.overdueBy', { n: -left });
};
