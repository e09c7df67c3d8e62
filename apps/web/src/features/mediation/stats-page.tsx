import { useMemo } from 'react';
import { Card, Col, Row, Select, Skeleton, Space, Statistic, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import type { MediationCountKey, MediationStats } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useOrgList } from '../orgs/orgs-api.ts';
import { LedgerButtons } from './ledger-buttons.tsx';
import { fetchStats } from './mediation-api.ts';
import { StatsCasesDrawer, type Drill } from './stats-cases-drawer.tsx';
import { breakdownLabel, StatsCharts, type Breakdown } from './stats-charts.tsx';
import './mediation.css';

const headline: { key: MediationCountKey; label: MessageKey; color?: string }[] = [
  { key: 'received', label: 'mediation.kpi.received' },
  { key: 'resolved', label: 'mediation.kpi.resolved', color: '#389e0d' },
  { key: 'guided', label: 'mediation.kpi.guided', color: '#d46b08' },
  { key: 'transferred', label: 'mediation.kpi.transferred', color: '#722ed1' },
  { key: 'ongoing', label: 'mediation.kpi.ongoing', color: '#1a4fa0' },
];
const secondary: { key: MediationCountKey; label: MessageKey }[] = [
  { key: 'performed', label: 'mediation.kpi.performed' },
  { key: 'followedUp', label: 'mediation.kpi.followedUp' },
  { key: 'confirmed', label: 'mediation.kpi.confirmed' },
  { key: 'rated', label: 'mediation.kpi.rated' },
];
type Rate = { key: 'successRate' | 'performanceRate' | 'onTimeRate' | 'praiseRate'; label: MessageKey; help: MessageKey; drill: MediationCountKey | null };
const rates: Rate[] = [
  { key: 'successRate', label: 'mediation.kpi.successRate', help: 'mediation.kpi.successHelp', drill: 'resolved' },
  { key: 'performanceRate', label: 'mediation.kpi.performanceRate', help: 'mediation.kpi.performanceHelp', drill: 'performed' },
  { key: 'onTimeRate', label: 'mediation.kpi.onTimeRate', help: 'mediation.kpi.onTimeHelp', drill: 'onTime' },
  { key: 'praiseRate', label: 'mediation.kpi.praiseRate', help: 'mediation.kpi.praiseHelp', drill: 'praised' },
];
const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** What ?drill= may name: a figure, or a rate (which opens the cases its numerator counts). */
const drillables = new Map<string, { metric: MediationCountKey; label: MessageKey }>([
  ...[...headline, ...secondary].map((x) => [x.key, { metric: x.key, label: x.label }] as const),
  ...rates.flatMap((r) => (r.drill ? [[r.key, { metric: r.drill, label: r.label }] as const] : [])),
]);
const breakdowns: readonly string[] = ['month', 'category', 'village', 'committee'] satisfies Breakdown[];
const isBreakdown = (v: string | null): v is Breakdown => v !== null && breakdowns.includes(v);

/** 统计分析: the year's figures (the seed's 143 / 138 / 5 for 2023), every number drillable to its cases. */
export const StatsPage = () => {
  const { t } = useLocale();
  // Year, township and the open drill-down live in the address, so 返回 and a shared link restore them.
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || dayjs().year();
  const townshipId = params.get('township') ?? undefined;
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) if (v === undefined) next.delete(k); else next.set(k, v);
    setParams(next);
  };
  const setYear = (y: number) => update({ year: String(y) });
  const setTownshipId = (id: string | undefined) => update({ township: id });
  const orgs = useOrgList();
  const townships = useMemo(() => (orgs.data?.items ?? []).filter((o) => o.kind === 'township'), [orgs.data]);
  const offices = useMemo(() => new Set((orgs.data?.items ?? []).filter((o) => o.kind === 'office').map((o) => o.name)), [orgs.data]);
  const stats = useRemote(() => fetchStats(year, townshipId), `${year}:${townshipId ?? ''}`);
  const s: MediationStats | undefined = stats.data;
  const drillKey = params.get('drill');
  const by = params.get('by');
  const value = params.get('value') ?? '';
  const drill: Drill | null = isBreakdown(by)
    ? { metric: 'received', title: t('mediation.stats.drillBy', { label: breakdownLabel(t, by, value) }), filter: { kind: by, value } }
    : (() => {
      const d = drillKey ? drillables.get(drillKey) : undefined;
      return d ? { metric: d.metric, title: t(d.label) } : null;
    })();
  const open = (key: string) => update({ drill: key, by: undefined, value: undefined });
  const closeDrill = () => update({ drill: undefined, by: undefined, value: undefined });
  const years = Array.from({ length: 6 }, (_, i) => dayjs().year() - i);

  const kpi = (key: MediationCountKey, label: MessageKey, color?: string) => (
    <Card hoverable className="fz-med-kpi" onClick={() => open(key)} data-testid={`kpi-${key}`}>
      <Statistic title={t(label)} value={s?.[key] ?? 0} suffix={t('mediation.unit.cases')} styles={{ content: { color } }} />
    </Card>
  );

  return (
    <div className="fz-med-page">
      <Card className="fz-med-card" title={t('menu.mediationStats')}
        extra={(
          <Space wrap>
            <Select value={year} onChange={setYear} style={{ width: 110 }} aria-label={t('mediation.year')}
              options={years.map((y) => ({ value: y, label: t('mediation.yearN', { y }) }))} />
            {townships.length > 1 && (
              <Select value={townshipId} onChange={setTownshipId} allowClear placeholder={t('mediation.stats.allTownships')} style={{ width: 160 }}
                options={townships.map((o) => ({ value: o.id, label: o.name }))} aria-label={t('mediation.stats.township')} />
            )}
            <LedgerButtons year={year} />
          </Space>
        )}>
        <LoadError error={stats.error} onRetry={stats.reload} />
        {!s ? <Skeleton active /> : (
          <>
            <Row gutter={[12, 12]}>
              {headline.map((h) => <Col key={h.key} xs={12} sm={8} xl={4}>{kpi(h.key, h.label, h.color)}</Col>)}
              <Col xs={12} sm={8} xl={4}>
                <Card className="fz-med-kpi fz-med-kpi--group">
                  {secondary.map((x) => (
                    <button key={x.key} type="button" className="fz-med-mini" onClick={() => open(x.key)}>
                      <span>{t(x.label)}</span><strong>{s[x.key]}</strong>
                    </button>
                  ))}
                </Card>
              </Col>
              {rates.map((r) => (
                <Col key={r.key} xs={12} md={6}>
                  <Card hoverable={r.drill !== null} className="fz-med-kpi" onClick={r.drill ? () => open(r.key) : undefined}>
                    <Statistic value={percent(s[r.key])}
                      title={<Space size={4}>{t(r.label)}<Tooltip title={t(r.help)}><QuestionCircleOutlined /></Tooltip></Space>} />
                  </Card>
                </Col>
              ))}
            </Row>
            <Typography.Paragraph type="secondary" className="fz-med-note">{t('mediation.stats.note')}</Typography.Paragraph>
          </>
        )}
      </Card>
      {s && <StatsCharts stats={s} offices={offices} onPick={(kind, v) => update({ drill: undefined, by: kind, value: v })} />}
      <StatsCasesDrawer drill={drill} year={year} townshipId={townshipId} onClose={closeDrill} />
    </div>
  );
};
