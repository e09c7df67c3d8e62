import { Link } from 'react-router';
import type { MediationCountKey, StatsCase } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { formatDate } from '../../shared/format.ts';
import { RecordsDrawer } from '../../shared/records-drawer.tsx';
import { StatusTag } from './case-status-tag.tsx';
import { fetchStatsCases } from './mediation-api.ts';
import { disputeCategories, labelOf, unclassified } from './mediation-options.ts';
import type { Breakdown } from './stats-charts.tsx';

export type Drill = { metric: MediationCountKey; title: string; filter?: { kind: Breakdown; value: string } };

const matches = (c: StatsCase, filter: Drill['filter']): boolean => {
  if (!filter) return true;
  switch (filter.kind) {
    case 'month': return c.receivedOn.slice(0, 7) === filter.value;
    case 'category': return (c.category ?? unclassified) === filter.value;
    case 'village': return c.village === filter.value;
    case 'committee': return (c.committee ?? unclassified) === filter.value;
  }
};

/**
 * The cases behind a number, from the same definition the number is counted by (GET
 * /api/mediation/stats/cases); a bar of a chart narrows the accepted cases to its month,
 * category or village. The drawer is the one the cockpit opens on any figure (RecordsDrawer),
 * with mediation's columns.
 */
export const StatsCasesDrawer = ({ drill, year, townshipId, onClose }: { drill: Drill | null; year: number; townshipId?: string; onClose: () => void }) => {
  const t = useT();
  return (
    <RecordsDrawer<StatsCase>
      open={drill ? { key: `${year}:${townshipId ?? ''}:${drill.metric}`, load: () => fetchStatsCases(year, drill.metric, townshipId) } : null}
      keep={(c) => matches(c, drill?.filter)}
      title={(n) => t('mediation.stats.drillTitle', { title: drill?.title ?? '', n: n ?? '…' })}
      help={t('mediation.stats.drillHelp', { year })} onClose={onClose}
      columns={[
        { title: t('mediation.col.ref'), dataIndex: 'ref', width: 180, render: (v: string, c) => <Link to={`/console/cases/${c.id}`} className="fz-num">{v}</Link> },
        { title: t('mediation.col.title'), dataIndex: 'title', ellipsis: true },
        { title: t('mediation.col.village'), dataIndex: 'village', width: 110 },
        { title: t('mediation.field.category'), dataIndex: 'category', width: 100, render: (v: string | null) => { const k = labelOf(disputeCategories, v); return k ? t(k) : v ?? '—'; } },
        { title: t('mediation.col.status'), dataIndex: 'status', width: 200, render: (v: string) => <StatusTag status={v} /> },
        { title: t('mediation.col.received'), dataIndex: 'receivedOn', width: 110, render: (v: string) => formatDate(v) },
      ]}
    />
  );
};
