import { Card, Col, Row, Typography } from 'antd';
import { useMemo } from 'react';
import type { MediationStats } from '@fazhi/contracts';
import { useT, type Translate } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { EChart, type ChartOption } from './echart.tsx';
import { disputeCategories, labelOf } from './mediation-options.ts';

export type Breakdown = 'month' | 'category' | 'village' | 'committee';
type Props = {
  stats: MediationStats;
  /** Names of the town's offices (司法所…): their cases are the town's own, not a village's. */
  offices: ReadonlySet<string>;
  onPick: (kind: Breakdown, value: string) => void;
};

/** A bar's name in the reader's language: 3月, a category, a village or committee as stored. */
export const breakdownLabel = (t: Translate, kind: Breakdown, value: string): string => {
  if (kind === 'month') return t('mediation.screen.month', { m: Number(value.slice(5, 7)) });
  const k = kind === 'category' ? labelOf(disputeCategories, value) : null;
  return k ? t(k) : value;
};

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
export const StatsCharts = ({ stats, offices, onPick }: Props) => {
  const t = useT();
  const unit = t('mediation.unit.cases');
  const header = (kind: Breakdown) => ({
    text: t(titles[kind]), subtext: t('mediation.stats.unit', { unit }), left: 0, top: 0,
    textStyle: { fontSize: 15, fontWeight: 600 as const }, subtextStyle: { color: '#8c8c8c' },
  });
  const months = useMemo(() => Array.from({ length: 12 }, (_, i) => `${stats.year}-${String(i + 1).padStart(2, '0')}`), [stats.year]);
  const categories = useMemo(() => sorted(stats.byCategory), [stats.byCategory]);
  // Villages first; the town's offices below them, in grey and named as the town's.
  const villages = useMemo(() => {
    const all = sorted(stats.byVillage);
    return [...all.filter(([k]) => offices.has(k)), ...all.filter(([k]) => !offices.has(k))];
  }, [stats.byVillage, offices]);
  const committees = useMemo(() => sorted(stats.byCommittee), [stats.byCommittee]);

  const monthOption: ChartOption = {
    title: header('month'),
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${String(v)} ${unit}` },
    grid: { left: 8, right: 16, top: 64, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months.map((_, i) => t('mediation.screen.month', { m: i + 1 })) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: months.map((m) => stats.byMonth[m] ?? 0), itemStyle: { color: palette }, label: { show: true, position: 'top' }, barMaxWidth: 32 }],
  };
  const shown = (kind: Breakdown, key: string): string =>
    kind === 'village' && offices.has(key) ? t('mediation.stats.townOffice', { name: key }) : breakdownLabel(t, kind, key);
  const horizontal = (kind: Breakdown, rows: [string, number][]): ChartOption => ({
    title: header(kind),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `${String(v)} ${unit}` },
    grid: { left: 8, right: 40, top: 64, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map(([k]) => shown(kind, k)), axisLabel: { width: kind === 'village' ? 200 : kind === 'committee' ? 180 : 120, overflow: 'truncate' } },
    series: [{
      type: 'bar', label: { show: true, position: 'right' }, barMaxWidth: 18,
      data: rows.map(([k, n]) => ({ value: n, itemStyle: { color: kind === 'category' ? '#0f766e' : kind === 'village' && offices.has(k) ? '#8c8c8c' : palette } })),
    }],
  });

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <ChartCard option={monthOption} height={300} labelOf={t(titles.month)} onClick={(i) => onPick('month', months[i] ?? '')} />
      </Col>
      <Col xs={24} xl={12}>
        <ChartCard option={horizontal('category', categories)} height={Math.max(260, categories.length * 26 + 90, committees.length * 26 + 90)} labelOf={t(titles.category)}
          onClick={(i) => onPick('category', categories[i]?.[0] ?? '')} />
      </Col>
      <Col xs={24} xl={12}>
        <ChartCard option={horizontal('committee', committees)} height={Math.max(260, categories.length * 26 + 90, committees.length * 26 + 90)} labelOf={t(titles.committee)}
          onClick={(i) => onPick('committee', committees[i]?.[0] ?? '')} />
      </Col>
      <Col span={24}>
        <ChartCard option={horizontal('village', villages)} height={Math.max(260, villages.length * 24 + 90)} labelOf={t(titles.village)}
          onClick={(i) => onPick('village', villages[i]?.[0] ?? '')} />
      </Col>
    </Row>
  );
};
