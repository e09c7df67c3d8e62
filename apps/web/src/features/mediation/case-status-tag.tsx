import { Tag, Tooltip } from 'antd';
import type { CaseRow } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { formatDate } from '../../shared/format.ts';
import { statusColors, statusLabels } from './mediation-options.ts';

/** A mediation status as a coloured tag, from the key alone (statistics lists carry no label). */
export const StatusTag = ({ status }: { status: string }) => {
  const { t } = useLocale();
  const key = statusLabels[status];
  return <Tag color={statusColors[status] ?? 'default'}>{key ? t(key) : status}</Tag>;
};

/** The next deadline: orange when due soon, red when overdue (STYLE.md, Screens). */
export const DueTag = ({ row }: { row: Pick<CaseRow, 'nextDue' | 'dueState'> }) => {
  const { t } = useLocale();
  if (!row.nextDue) return <span className="fz-med-muted">—</span>;
  const color = row.dueState === 'overdue' ? 'red' : row.dueState === 'due-soon' ? 'orange' : 'default';
  const hint = row.dueState === 'overdue' ? t('mediation.due.overdue') : row.dueState === 'due-soon' ? t('mediation.due.soon') : t('mediation.due.ok');
  return (
    <Tooltip title={hint}>
      <Tag color={color}>{formatDate(row.nextDue)}</Tag>
    </Tooltip>
  );
};
