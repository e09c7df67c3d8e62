import { Calendar, Tooltip } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useT } from '../../i18n/locale-context.tsx';
import { useIsPhone } from '../../shared/use-viewport.ts';
import type { CalendarDayRow } from './calendar-rows.ts';

type Props = { rows: readonly CalendarDayRow[]; month: Dayjs; onMonth: (month: Dayjs) => void };

/** A month of the chosen year, rest days marked 休 (red) and make-up workdays 班 (blue). */
export const YearCalendar = ({ rows, month, onMonth }: Props) => {
  const t = useT();
  const phone = useIsPhone();
  const byDate = new Map(rows.map((r) => [r.date, r]));
  const today = dayjs().format('YYYY-MM-DD');

  return (
    <Calendar
      className="fz-cal"
      fullscreen={!phone}
      value={month}
      onPanelChange={(d) => onMonth(d)}
      onSelect={(d, info) => {
        if (info.source !== 'date') onMonth(d);
      }}
      fullCellRender={(d, info) => {
        if (info.type !== 'date') return info.originNode;
        const key = d.format('YYYY-MM-DD');
        const row = byDate.get(key);
        const kind = row ? (row.working ? 'work' : 'off') : '';
        const inMonth = d.month() === month.month();
        const cls = ['fz-cal-cell', kind && `fz-cal-cell--${kind}`, !inMonth && 'fz-cal-cell--other', key === today && 'fz-cal-cell--today']
          .filter(Boolean).join(' ');
        const cell = (
          <div className={cls}>
            <div className="fz-cal-cell__top">
              <span className="fz-cal-cell__num">{d.date()}</span>
              {row && <span className="fz-cal-cell__mark">{t(row.working ? 'calendar.kind.workday' : 'calendar.kind.holiday')}</span>}
            </div>
            {row?.name && !phone && <div className="fz-cal-cell__name">{row.name}</div>}
          </div>
        );
        return row?.name ? <Tooltip title={row.name}>{cell}</Tooltip> : cell;
      }}
    />
  );
};
