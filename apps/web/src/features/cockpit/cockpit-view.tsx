import { useMemo, useState } from 'react';
import { Card, Col, Empty, List, Row, Select, Skeleton, Table, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import type { Cockpit, CockpitFigure, CaseRow } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { EChart, type ChartOption } from '../mediation/echart.tsx';
import { CaseLine } from '../home/case-line.tsx';
import { fetchCockpit } from './cockpit-api.ts';
import { MetricRecordsDrawer, type MetricDrill } from './metric-records-drawer.tsx';
import './cockpit.css';

const blue = '#1a4fa0';
const percent = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
const shown = (f: { value: number | null }, unit: CockpitFigure['unit']) => (unit === 'rate' ? percent(f.value) : f.value === null ? '—' : f.value.toLocaleString('zh-CN'));

/** This year against last: up, down or level, in the figure's own unit (points for a rate). */
const Delta = ({ f }: { f: CockpitFigure }) => {
  const { t } = useLocale();
  if (f.value === null || f.last.value === null) return <span className="fz-cockpit-delta">{t('cockpit.noLast')}</span>;
  const diff = f.value - f.last.value;
  const text = f.unit === 'rate' ? `${Math.abs(diff * 100).toFixed(1)}%` : Math.abs(diff).toLocaleString('zh-CN');
  if (diff === 0) return <span className="fz-cockpit-delta"><MinusOutlined /> {t('cockpit.same')}</span>;
  return (
    <span className={`fz-cockpit-delta fz-cockpit-delta--${diff > 0 ? 'up' : 'down'}`}>
      {diff > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {t(diff > 0 ? 'cockpit.up' : 'cockpit.down', { diff: text })}
    </span>
  );
};

/** One key figure: its name (with the definition on hover), the number, last year's and the change. Click: its records. */
const Tile = ({ f, onOpen }: { f: CockpitFigure; onOpen: () => void }) => {
  const { t, label } = useLocale();
  return (
    <button type="button" className={`fz-cockpit-tile fz-cockpit-tile--${f.unit}`} onClick={onOpen} data-testid={`cockpit-figure-${f.code}`}>
      <span className="fz-cockpit-tile__label">
        {label(f.label)}
        <Tooltip title={`${t('cockpit.definition')}：${label(f.definition)}`}><QuestionCircleOutlined className="fz-cockpit-tile__help" /></Tooltip>
      </span>
      <span className="fz-cockpit-tile__value fz-num" data-testid={`cockpit-value-${f.code}`}>{shown(f, f.unit)}</span>
      {f.unit === 'rate' && (
        <span className="fz-cockpit-tile__sub fz-num">{f.denominator ? t('cockpit.rateOf', { n: f.numerator ?? 0, d: f.denominator }) : t('cockpit.noRate')}</span>
      )}
      {f.last.value !== null && <span className="fz-cockpit-tile__sub">{t('cockpit.vsLast', { value: shown(f.last, f.unit) })}</span>}
      <Delta f={f} />
    </button>
  );
};

const ChartCard = ({ title, option, height, onClick, testId }: { title: string; option: ChartOption; height: number; onClick?: (i: number) => void; testId?: string }) => {
  const { t } = useLocale();
  return (
    <Card className="fz-cockpit-card" size="small" title={title} data-testid={testId}>
      <EChart option={option} height={height} ariaLabel={title} onClick={onClick ? (c) => onClick(c.dataIndex) : undefined} />
      <div className="fz-cockpit-card__foot">
        <Typography.Text type="secondary">{t('cockpit.unit')} · {t('cockpit.source')}</Typography.Text>
        {onClick && <Typography.Text type="secondary">{t('cockpit.clickHint')}</Typography.Text>}
      </div>
    </Card>
  );
};

const CaseCard = ({ title, list, tone, more }: { title: string; list: Cockpit['overdue']; tone: 'danger' | 'warning'; more?: string }) => {
  const { t } = useLocale();
  return (
    <Card className={`fz-cockpit-card fz-cockpit-cases fz-cockpit-cases--${tone}`} size="small"
      title={<span>{title} <span className="fz-cockpit-cases__total fz-num">{t('cockpit.listTotal', { n: list.total })}</span></span>}
      extra={more ? <Link to={more}>{t('cockpit.viewAll')}</Link> : undefined}>
      <List<CaseRow> size="small" dataSource={list.items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cockpit.listEmpty')} /> }}
        renderItem={(row) => <CaseLine key={row.id} row={row} claim={null} />} />
    </Card>
  );
};

/**
 * 驾驶舱: the key figures of the leader's township or the county, as the modules registered
 * them (this year and last), by month, by village or by township, the open cases overdue or
 * due soon. Every number opens the records it counts.
 */
export const CockpitView = () => {
  const { t, label } = useLocale();
  const [params, setParams] = useSearchParams();
  const thisYear = dayjs().year();
  const year = Number(params.get('year')) || thisYear;
  const setYear = (y: number) => { const next = new URLSearchParams(params); next.set('year', String(y)); setParams(next); };
  const cockpit = useRemote(() => fetchCockpit(year), `cockpit:${year}`);
  const [drill, setDrill] = useState<MetricDrill | null>(null);
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const c = cockpit.data;
  const counts = (c?.figures ?? []).filter((f) => f.unit === 'count');
  const chosen = counts.find((f) => f.code === picked) ?? counts[0];
  const county = c ? c.townships.length > 1 || c.org.kind === 'county' : false;
  // Each module's name as its manifest declares it (sent with its figures).
  const moduleName = (m: string) => { const f = c?.figures.find((x) => x.module === m); return f ? label(f.moduleLabel) : m; };
  const open = (f: CockpitFigure, orgId: string, scope: string, month?: number) =>
    setDrill({ code: f.code, module: f.module, title: label(f.label), orgId, scope, ...(month ? { month } : {}) });

  const modules = useMemo(() => {
    const out = new Map<string, CockpitFigure[]>();
    for (const f of c?.figures ?? []) out.set(f.module, [...(out.get(f.module) ?? []), f]);
    return [...out.entries()];
  }, [c]);

  const years = Array.from({ length: 8 }, (_, i) => thisYear - i);
  const ownName = (name: string) => t(county ? 'cockpit.countyOwn' : 'cockpit.townshipOwn', { name });

  const monthOption = (f: CockpitFigure): ChartOption => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: Array.from({ length: 12 }, (_, i) => t('cockpit.month', { m: i + 1 })) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: label(f.label), data: f.byMonth ?? [], itemStyle: { color: blue }, label: { show: true, position: 'top' }, barMaxWidth: 28 },
      { type: 'line', name: label(f.label), data: f.byMonth ?? [], smooth: true, symbol: 'none', lineStyle: { color: '#f59e0b', width: 2 }, tooltip: { show: false } },
    ],
  });
  const barsOption = (rows: { name: string; value: number }[]): ChartOption => ({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { width: 180, overflow: 'truncate' } },
    series: [{ type: 'bar', data: rows.map((r) => r.value), itemStyle: { color: blue }, label: { show: true, position: 'right' }, barMaxWidth: 16 }],
  });

  // Villages in their order (lowest first, as a horizontal bar chart draws bottom-up); the township's own offices last.
  const villageRows = (chosen?.byVillage ?? []).map((v) => ({ ...v, name: v.orgId ? v.name : ownName(v.name) })).reverse();
  const townshipRows = [...(chosen?.byTownship ?? [])].map((r) => ({ ...r, value: r.value ?? 0, name: r.orgId ? r.name : ownName(r.name) })).sort((a, b) => a.value - b.value);

  type TownshipRow = { key: string; orgId: string | null; name: string; total?: boolean; values: Record<string, { value: number | null; numerator?: number; denominator?: number }> };
  const table: TownshipRow[] = c && county ? [
    ...c.townships.map((tw) => ({ key: tw.id, orgId: tw.id, name: tw.name, values: Object.fromEntries(c.figures.map((f) => [f.code, f.byTownship?.find((r) => r.orgId === tw.id) ?? { value: null }])) })),
    ...(c.figures.some((f) => f.byTownship?.some((r) => r.orgId === null)) ? [{ key: 'own', orgId: null, name: ownName(c.org.name),
      values: Object.fromEntries(c.figures.map((f) => [f.code, f.byTownship?.find((r) => r.orgId === null) ?? { value: 0 }])) }] : []),
  ] : [];

  return (
    <div className="fz-cockpit" data-testid="cockpit">
      <div className="fz-cockpit-band">
        <div>
          <h1 className="fz-cockpit-band__title">{t('cockpit.title', { org: c?.org.name ?? '' })}</h1>
          <div className="fz-cockpit-band__sub">{t('cockpit.subtitle', { year, date: dayjs().format('YYYY-MM-DD') })}</div>
          {c?.asOf && <div className="fz-cockpit-band__sub" data-testid="cockpit-as-of">{t('cockpit.replicaAsOf', { time: dayjs(c.asOf).format('YYYY-MM-DD HH:mm:ss') })}</div>}
        </div>
        <label className="fz-cockpit-band__year">
          <span>{t('cockpit.year')}</span>
          <Select<number> value={year} onChange={setYear} style={{ width: 110 }} data-testid="cockpit-year"
            options={years.map((y) => ({ value: y, label: t('cockpit.yearOption', { year: y }) }))} />
        </label>
      </div>
      <LoadError error={cockpit.error} onRetry={cockpit.reload} />
      {cockpit.loading && !c ? <Skeleton active paragraph={{ rows: 8 }} /> : c && (
        <Row gutter={[16, 16]}>
          {c.figures.length === 0 && <Col span={24}><Empty description={t('cockpit.empty')} /></Col>}
          {modules.map(([m, figures]) => (
            <Col span={24} key={m}>
              <section className="fz-cockpit-module" aria-label={moduleName(m)}>
                <h2 className="fz-cockpit-module__title">{moduleName(m)}</h2>
                <div className="fz-cockpit-tiles">
                  {figures.map((f) => <Tile key={f.code} f={f} onOpen={() => open(f, c.org.id, c.org.name)} />)}
                </div>
              </section>
            </Col>
          ))}

          {county && (
            <Col span={24}>
              <Card className="fz-cockpit-card" size="small" title={t('cockpit.table.title')}>
                <Table<TownshipRow> rowKey="key" size="small" dataSource={table} pagination={false} scroll={{ x: 'max-content' }} data-testid="cockpit-table"
                  columns={[
                    { title: t('cockpit.table.township'), dataIndex: 'name', fixed: 'left', width: 140 },
                    ...c.figures.map((f) => ({
                      key: f.code, align: 'right' as const, width: 120,
                      title: <Tooltip title={label(f.definition)}>{`${moduleName(f.module)} · ${label(f.label)}`}</Tooltip>,
                      sorter: (a: TownshipRow, b: TownshipRow) => (a.values[f.code]?.value ?? -1) - (b.values[f.code]?.value ?? -1),
                      render: (_: unknown, r: TownshipRow) => {
                        const v = r.values[f.code] ?? { value: null };
                        const text = shown(v, f.unit);
                        return r.orgId ? <a className="fz-num" onClick={() => open(f, r.orgId ?? '', r.name)}>{text}</a> : <span className="fz-num">{text}</span>;
                      },
                    })),
                  ]}
                  summary={() => (
                    <Table.Summary fixed>
                      <Table.Summary.Row className="fz-cockpit-total">
                        <Table.Summary.Cell index={0}>{t('cockpit.table.total')}</Table.Summary.Cell>
                        {c.figures.map((f, i) => (
                          <Table.Summary.Cell key={f.code} index={i + 1} align="right">
                            <a className="fz-num" onClick={() => open(f, c.org.id, c.org.name)} data-testid={`cockpit-total-${f.code}`}>{shown(f, f.unit)}</a>
                          </Table.Summary.Cell>
                        ))}
                      </Table.Summary.Row>
                    </Table.Summary>
                  )}
                />
              </Card>
            </Col>
          )}

          {chosen && (
            <Col span={24}>
              <div className="fz-cockpit-pick">
                <span>{t('cockpit.chooseFigure')}</span>
                <Select<string> value={chosen.code} onChange={setPicked} className="fz-cockpit-pick__select" data-testid="cockpit-pick"
                  options={counts.map((f) => ({ value: f.code, label: `${moduleName(f.module)} · ${label(f.label)}` }))} />
              </div>
            </Col>
          )}
          {chosen && (
            <Col xs={24} xl={12}>
              <ChartCard title={`${label(chosen.label)} · ${t('cockpit.trend', { year })}`} option={monthOption(chosen)} height={300} testId="cockpit-trend"
                onClick={(i) => open(chosen, c.org.id, c.org.name, i + 1)} />
            </Col>
          )}
          {chosen && !county && (
            <Col xs={24} xl={12}>
              <ChartCard title={`${label(chosen.label)} · ${t('cockpit.byVillage', { year })}`} option={barsOption(villageRows)} height={Math.max(300, villageRows.length * 22 + 40)}
                testId="cockpit-villages"
                onClick={(i) => { const v = villageRows[i]; if (v?.orgId) open(chosen, v.orgId, v.name); }} />
            </Col>
          )}
          {chosen && county && (
            <Col xs={24} xl={12}>
              <ChartCard title={`${label(chosen.label)} · ${t('cockpit.byTownship', { year })}`} option={barsOption(townshipRows)} height={Math.max(300, townshipRows.length * 26 + 40)}
                testId="cockpit-townships"
                onClick={(i) => { const r = townshipRows[i]; if (r?.orgId) open(chosen, r.orgId, r.name); }} />
            </Col>
          )}
          <Col xs={24} xl={12}>
            <CaseCard title={t('cockpit.overdue')} list={c.overdue} tone="danger" more="/console/overdue" />
          </Col>
          <Col xs={24} xl={12}>
            <CaseCard title={t('cockpit.dueSoon')} list={c.dueSoon} tone="warning" />
          </Col>
        </Row>
      )}
      <MetricRecordsDrawer drill={drill} year={year} onClose={() => setDrill(null)} />
    </div>
  );
};
