import { Link } from 'react-router';
import type { CaseTypeInfo, MetricRecord } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { formatDate } from '../../shared/format.ts';
import { RecordsDrawer } from '../../shared/records-drawer.tsx';
import { useCaseTypes } from '../cases/cases-api.ts';
import { fetchMetricRecords } from './cockpit-api.ts';

/**
 * What a clicked number opens: a registered figure at an org (its subtree) for a year, and
 * for a month's bar, that month's records of it.
 */
export type MetricDrill = { code: string; module: string; title: string; orgId: string; scope: string; month?: number };

/** A record's status in words: the state label of the module's case type (complaints → complaint). */
const statusLabel = (types: readonly CaseTypeInfo[], module: string, status: string) => {
  const own = types.filter((t) => module.startsWith(t.code) || t.code.startsWith(module));
  return [...own, ...types].flatMap((t) => t.states).find((s) => s.key === status)?.label ?? null;
};

/**
 * The records behind any figure of the metrics registry (GET /api/metrics/:code/records), from
 * the same definition the figure is counted by: their number is the figure.
 */
export const MetricRecordsDrawer = ({ drill, year, onClose }: { drill: MetricDrill | null; year: number; onClose: () => void }) => {
  const { t, label } = useLocale();
  const types = useCaseTypes();
  const month = drill?.month;
  const scope = drill ? (month === undefined ? drill.scope : t('cockpit.drill.month', { scope: drill.scope, m: month })) : '';
  return (
    <RecordsDrawer<MetricRecord>
      open={drill ? { key: `${drill.code}:${year}:${drill.orgId}`, load: () => fetchMetricRecords(drill.code, year, drill.orgId) } : null}
      keep={month === undefined ? undefined : (r) => r.receivedOn.slice(0, 4) === String(year) && Number(r.receivedOn.slice(5, 7)) === month}
      title={(n) => <span data-testid="metric-drawer-title">{t('cockpit.drill.title', { title: drill?.title ?? '', n: n ?? '…' })}</span>}
      help={t('cockpit.drill.help', { scope, year })} onClose={onClose} testId="metric-drawer-table"
      columns={[
        { title: t('cockpit.col.ref'), dataIndex: 'ref', width: 190, render: (v: string, r) => <Link to={`/console/cases/${r.id}`} className="fz-num">{v}</Link> },
        { title: t('cockpit.col.title'), dataIndex: 'title', ellipsis: true },
        { title: t('cockpit.col.org'), dataIndex: 'orgName', width: 150, ellipsis: true },
        { title: t('cockpit.col.status'), dataIndex: 'status', width: 130, render: (v: string) => { const l = statusLabel(types.data?.items ?? [], drill?.module ?? '', v); return l ? label(l) : v; } },
        { title: t('cockpit.col.received'), dataIndex: 'receivedOn', width: 110, render: (v: string) => formatDate(v) },
        { title: t('cockpit.col.ended'), dataIndex: 'endedOn', width: 110, render: (v: string | null) => (v ? formatDate(v) : '—') },
      ]}
    />
  );
};
