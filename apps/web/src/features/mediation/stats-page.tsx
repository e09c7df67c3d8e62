import { useMemo, useState } from 'react';
import { Card, Col, Row, Select, Skeleton, Space, Statistic, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useLocale } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useOrgList } from '../orgs/orgs-api.ts';
import { LedgerButtons } from './ledger-buttons.tsx';
import { fetchStats, type MediationStats, type MetricKey } from './mediation-api.ts';
import { StatsCasesDrawer, type Drill } from './stats-cases-drawer.tsx';
import { StatsCharts } from './stats-charts.tsx';
import './mediation.css';

const headline: { key: MetricKey; label: MessageKey; color?: string }[] = [
  { key: 'received', label: 'mediation.kpi.received' },
  { key: 'resolved', label: 'mediation.kpi.resolved', color: '#389e0d' },
  { key: 'guided', label: 'mediation.kpi.guided', color: '#d46b08' },
  { key: 'transferred', label: 'mediation.kpi.transferred', color: '#722ed1' },
  { key: 'ongoing', label: 'mediation.kpi.ongoing', color: '#1a4fa0' },
];
const secondary: { key: MetricKey; label: MessageKey }[] = [
  { key: 'performed', label: 'mediation.kpi.performed' },
  { key: 'followedUp', label: 'mediation.kpi.followedUp' },
  { key: 'confirmed', label: 'mediation.kpi.confirmed' },
  { key: 'rated', label: 'mediation.kpi.rated' },
];
type Rate = { key: 'successRate' | 'performanceRate' | 'onTimeRate' | 'praiseRate'; label: MessageKey; help: MessageKey; drill: MetricKey | null };
const rates: Rate[] = [
  { key: 'successRate', label: 'mediation.kpi.successRate', help: 'mediation.kpi.successHelp', drill: 'resolved' },
  { key: 'performanceRate', label: 'mediation.kpi.performanceRate', help: 'mediation.kpi.performanceHelp', drill: 'performed' },
  { key: 'onTimeRate', label: 'mediation.kpi.onTimeRate', help: 'mediation.kpi.onTimeHelp', drill: 'onTime' },
  { key: 'praiseRate', label: 'mediation.kpi.praiseRate', help: 'mediation.kpi.praiseHelp', drill: 'praised' },
];
const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** 统计分析: the year's figures (the seed's 143 / 138 / 5 for 2023), every number drillable to its cases. */
export const StatsPage = () => {
  const { t } = useLocale();
  const [year, setYear] = useState(dayjs().year());
  const [townshipId, setTownshipId] = useState<string | undefined>(undefined);
  const [drill, setDrill] = useState<Drill | null>(null);
  const orgs = useOrgList();
  const townships = useMemo(() => (orgs.data?.items ?? []).filter((o) => o.kind === 'township'), [orgs.data]);
  const stats = useRemote(() => fetchStats(year, townshipId), `${year}:${townshipId ?? ''}`);
  const s: MediationStats | undefined = stats.data;
  const open = (metric: MetricKey, title: string) => setDrill({ metric, title });
  const years = Array.from({ length: 6 }, (_, i) => dayjs().year() - i);

  const kpi = (key: MetricKey, label: MessageKey, color?: string) => (
    <Card hoverable className="fz-med-kpi" onClick={() => open(key, t(label))} data-testid={`kpi-${key}`}>
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
                    <button key={x.key} type="button" className="fz-med-mini" onClick={() => open(x.key, t(x.label))}>
                      <span>{t(x.label)}</span><strong>{s[x.key]}</strong>
                    </button>
                  ))}
                </Card>
              </Col>
              {rates.map((r) => (
                <Col key={r.key} xs={12} md={6}>
                  <Card hoverable={r.drill !== null} className="fz-med-kpi" onClick={r.drill ? () => open(r.drill ?? 'received', t(r.label)) : undefined}>
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
      {s && <StatsCharts stats={s} onPick={(kind, value, label) => setDrill({ metric: 'received', title: t('mediation.stats.drillBy', { label }), filter: { kind, value } })} />}
      <StatsCasesDrawer drill={drill} year={year} townshipId={townshipId} onClose={() => setDrill(null)} />
    </div>
  );
};
