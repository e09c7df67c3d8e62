import { Card, Col, Row, Typography } from 'antd';
import { useMemo } from 'react';
import { useT } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { EChart, type ChartOption } from './echart.tsx';
import type { MediationStats } from './mediation-api.ts';
import { disputeCategories, labelOf } from './mediation-options.ts';

export type Breakdown = 'month' | 'category' | 'village' | 'committee';
type Props = { stats: MediationStats; onPick: (kind: Breakdown, value: string, label: string) => void };

const palette = '#1a4fa0';
const titles: Record<Breakdown, MessageKey> = {
  month: 'mediation.stats.byMonth', category: 'mediation.stats.byCategory', village: 'mediation.stats.byVillage', committee: 'mediation.stats.byCommittee',
};

const ChartCard = ({ option, height, onClick, labelOf }: {
  option: ChartOption; height: number; onClick: (index: number) => void; labelOf: string;
}) => {
  const t = useT();
  return (
    <Card className="fz-med-card fz-med-chart" size="small">
      <EChart option={option} height={height} ariaLabel={labelOf} onClick={(c) => onClick(c.dataIndex)} />
      <div className="fz-med-chart__foot">
        <Typography.Text type="secondary">{t('mediation.stats.source')}</Typography.Text>
        <Typography.Text type="secondary">{t('mediation.stats.clickHint')}</Typography.Text>
      </div>
    </Card>
  );
};

const sorted = (counts: Record<string, number>) => Object.entries(counts).sort((a, b) => a[1] - b[1]);

/** By month, by category, by village, by committee: titled, with the unit, the source, and every bar clickable. */
export const StatsCharts = ({ stats, onPick }: Props) => {
  const t = useT();
  const unit = t('mediation.unit.cases');
  const header = (kind: Breakdown) => ({
    text: t(titles[kind]), subtext: t('mediation.stats.unit', { unit }), left: 0, top: 0,
    textStyle: { fontSize: 15, fontWeight: 600 as const }, subtextStyle: { color: '#8c8c8c' },
  });
  const months = useMemo(() => Array.from({ length: 12 }, (_, i) => `${stats.year}-${String(i + 1).padStart(2, '0')}`), [stats.year]);
  const categories = useMemo(() => sorted(stats.byCategory), [stats.byCategory]);
  const villages = useMemo(() => sorted(stats.byVillage), [stats.byVillage]);
  const committees = useMemo(() => sorted(stats.byCommittee), [stats.byCommittee]);

  const monthOption: ChartOption = {
    title: header('month'),
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${String(v)} ${unit}` },
    grid: { left: 8, right: 16, top: 64, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months.map((_, i) => t('mediation.screen.month', { m: i + 1 })) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: months.map((m) => stats.byMonth[m] ?? 0), itemStyle: { color: palette }, label: { show: true, position: 'top' }, barMaxWidth: 32 }],
  };
  /** Categories are stored in Chinese; show them in the reader's language. */
  const shown = (kind: Breakdown, key: string): string => {
    const k = kind === 'category' ? labelOf(disputeCategories, key) : null;
    return k ? t(k) : key;
  };
  const horizontal = (kind: Breakdown, rows: [string, number][]): ChartOption => ({
    title: header(kind),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `${String(v)} ${unit}` },
    grid: { left: 8, right: 40, top: 64, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map(([k]) => shown(kind, k)), axisLabel: { width: kind === 'committee' ? 180 : 120, overflow: 'truncate' } },
    series: [{ type: 'bar', data: rows.map(([, n]) => n), itemStyle: { color: kind === 'category' ? '#0f766e' : palette }, label: { show: true, position: 'right' }, barMaxWidth: 18 }],
  });

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <ChartCard option={monthOption} height={300} labelOf={t(titles.month)}
          onClick={(i) => onPick('month', months[i] ?? '', t('mediation.screen.month', { m: i + 1 }))} />
      </Col>
      <Col xs={24} xl={12}>
        <ChartCard option={horizontal('category', categories)} height={Math.max(260, categories.length * 26 + 90)} labelOf={t(titles.category)}
          onClick={(i) => { const k = categories[i]?.[0] ?? ''; onPick('category', k, shown('category', k)); }} />
      </Col>
      <Col xs={24} xl={12}>
        <ChartCard option={horizontal('village', villages)} height={Math.max(260, villages.length * 26 + 90)} labelOf={t(titles.village)}
          onClick={(i) => { const k = villages[i]?.[0] ?? ''; onPick('village', k, k); }} />
      </Col>
      <Col xs={24} xl={12}>
        <ChartCard option={horizontal('committee', committees)} height={Math.max(260, committees.length * 26 + 90)} labelOf={t(titles.committee)}
          onClick={(i) => { const k = committees[i]?.[0] ?? ''; onPick('committee', k, k); }} />
      </Col>
    </Row>
  );
};
