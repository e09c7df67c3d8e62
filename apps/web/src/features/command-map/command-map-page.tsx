import { useCallback, useMemo, useState } from 'react';
import { Alert, Card, Col, Descriptions, Empty, List, Row, Segmented, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { format as echartsFormat } from 'echarts/core';
import type { AreaFigures, BoundaryFeature, CommandMap } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import type { Translate } from '../../i18n/locale-context.tsx';
import { formatDate } from '../../shared/format.ts';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useIsPhone } from '../../shared/use-viewport.ts';
import { caseLink } from '../cases/case-columns.tsx';
import { fetchBoundaries, fetchCommandMap, fetchOpenEvents } from './command-map-api.ts';
import { MapChartHost, projection, type MapOption } from './map-chart.tsx';
import './command-map.css';

type Level = 'village' | 'grid';
const percent = (r: number | null): string => (r === null ? '—' : `${Math.round(r * 100)}%`);

/** One "zero" as a tag: met (green), missed with the count (red), or unknown (grey). */
const ZeroTag = ({ n, t }: { n: number | null; t: Translate }) => {
  if (n === null) return <Tooltip title={t('commandMap.zeroUnknownHint')}><Tag>{t('commandMap.zeroUnknown')}</Tag></Tooltip>;
  return n === 0 ? <Tag color="success">{t('commandMap.zeroMet')}</Tag> : <Tag color="error">{t('commandMap.zeroMissed', { n })}</Tag>;
};

/** The open events of the chosen village or grid (the engine's case list). */
const OpenEvents = ({ map, orgId }: { map: CommandMap; orgId: string }) => {
  const { t, label } = useLocale();
  const events = useRemote(() => (map.eventsAvailable ? fetchOpenEvents(map.eventType, orgId) : Promise.resolve(null)), `${map.eventType}:${orgId}:${map.eventsAvailable}`);
  if (!map.eventsAvailable) return <Typography.Text type="secondary">{t('commandMap.openEventsUnavailable')}</Typography.Text>;
  return (
    <>
      <LoadError error={events.error} onRetry={events.reload} />
      <List
        size="small"
        loading={events.loading}
        dataSource={events.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('commandMap.openEventsEmpty')} /> }}
        renderItem={(r) => (
          <List.Item key={r.id}>
            <Space direction="vertical" size={0}>
              <Link to={caseLink(r.id)}>{r.title}</Link>
              <Typography.Text type="secondary" className="fz-map-meta">
                {r.ref} · {r.orgName} · {label(r.statusLabel)}{r.nextDue ? ` · ${t('commandMap.due', { date: formatDate(r.nextDue) })}` : ''}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </>
  );
};

/**
 * 综治中心指挥图: the township's villages (or grids) coloured by the share of this year's grid
 * events still open, with due and overdue events and the "三零" of each village; a click lists
 * the area's open events. Drawn from the GeoJSON boundaries kept by the server: no internet.
 */
export const CommandMapPage = () => {
  const { t } = useLocale();
  const phone = useIsPhone();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [level, setLevel] = useState<Level>('village');
  const [selected, setSelected] = useState<string | null>(null);
  const boundaries = useRemote(() => fetchBoundaries(), 'boundaries');
  const figures = useRemote(() => fetchCommandMap(year), `command-map:${year}`);
  const map = figures.data;

  const areas: AreaFigures[] = useMemo(() => (map ? (level === 'village' ? map.villages : map.grids) : []), [map, level]);
  const byId = useMemo(() => new Map([...(map?.villages ?? []), ...(map?.grids ?? [])].map((a) => [a.orgId, a])), [map]);
  const features: BoundaryFeature[] = useMemo(() => (boundaries.data?.features ?? []).filter((f) => f.properties.kind === level), [boundaries.data, level]);
  const chosen = selected ? byId.get(selected) : undefined;
  const onSelect = useCallback((orgId: string) => setSelected(orgId), []);
  const township = map?.townshipName ?? '';

  const option: MapOption = useMemo(() => {
    const names = new Map(areas.map((a) => [a.orgId, a.name]));
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const a = byId.get(String((p as { name?: string }).name));
          if (!a) return '';
          return t('commandMap.tooltip', {
            name: echartsFormat.encodeHTML(a.name), events: a.events, open: a.open, rate: percent(a.unresolvedRate), overdue: a.overdue, dueSoon: a.dueSoon,
          });
        },
      },
      visualMap: {
        type: 'continuous', min: 0, max: 1, left: 8, bottom: 8, calculable: false, itemHeight: 90,
        text: [t('commandMap.legendHigh'), t('commandMap.legendLow')],
        inRange: { color: ['#73d13d', '#ffd666', '#ff4d4f'] },
        outOfRange: { color: ['#e8ecf1'] },
      },
      series: [{
        type: 'map', map: `fazhi-${level}`, projection, roam: true, selectedMode: false, aspectScale: 1,
        layoutCenter: ['50%', '50%'], layoutSize: '95%',
        // The chosen area keeps its colour (the scale's) and gets a heavy border and its name.
        data: areas.map((a) => ({
          name: a.orgId, value: a.unresolvedRate ?? '-',
          ...(a.orgId === selected ? { itemStyle: { borderWidth: 3, borderColor: '#1d39c4' }, label: { show: true, fontWeight: 'bold' } } : {}),
        })) as never,
        label: { show: level === 'village', formatter: (p: { name: string }) => names.get(p.name) ?? '', fontSize: 11, color: '#1f1f1f' },
        itemStyle: { areaColor: '#e8ecf1', borderColor: '#3c4a5c', borderWidth: level === 'village' ? 1.2 : 0.6, opacity: map?.tiles ? 0.65 : 1 },
        // Hovering changes no colour (the colour is the figure): the tooltip names the area.
        emphasis: { disabled: true },
      }],
    };
  }, [areas, byId, level, map?.tiles, selected, t]);

  const zeroColumns: TableColumnsType<AreaFigures> = [
    { title: t('commandMap.zeroPetitions'), dataIndex: 'petitions', width: 90, render: (n: number | null) => <ZeroTag n={n} t={t} /> },
    { title: t('commandMap.zeroAccidents'), dataIndex: 'accidents', width: 90, render: (n: number | null) => <ZeroTag n={n} t={t} /> },
    { title: t('commandMap.zeroCrimes'), dataIndex: 'crimes', width: 90, render: (n: number | null) => <ZeroTag n={n} t={t} /> },
  ];
  const columns: TableColumnsType<AreaFigures> = [
    { title: t('commandMap.col.area'), dataIndex: 'name', width: 110, render: (name: string, a) => <a onClick={() => setSelected(a.orgId)}>{name}</a> },
    { title: t('commandMap.events'), dataIndex: 'events', width: 90, align: 'right', sorter: (a, b) => a.events - b.events },
    { title: t('commandMap.open'), dataIndex: 'open', width: 80, align: 'right', sorter: (a, b) => a.open - b.open },
    { title: t('commandMap.rate'), dataIndex: 'unresolvedRate', width: 90, align: 'right', render: percent, sorter: (a, b) => (a.unresolvedRate ?? -1) - (b.unresolvedRate ?? -1) },
    { title: t('commandMap.dueSoon'), dataIndex: 'dueSoon', width: 90, align: 'right', render: (n: number) => (n > 0 ? <Tag color="warning">{n}</Tag> : n) },
    { title: t('commandMap.overdue'), dataIndex: 'overdue', width: 80, align: 'right', render: (n: number) => (n > 0 ? <Tag color="error">{n}</Tag> : n), sorter: (a, b) => a.overdue - b.overdue },
    ...zeroColumns,
  ];

  const years = [thisYear, thisYear - 1, thisYear - 2, thisYear - 3];
  const noBoundaries = boundaries.data !== undefined && features.length === 0;
  return (
    <Card
      title={township ? t('commandMap.title', { township }) : t('commandMap.titleNone')}
      extra={(
        <Space wrap>
          <Segmented<Level>
            value={level}
            onChange={(v) => { setLevel(v); setSelected(null); }}
            options={[{ value: 'village', label: t('commandMap.level.village') }, { value: 'grid', label: t('commandMap.level.grid') }]}
          />
          <Select
            aria-label={t('commandMap.year')}
            value={year}
            onChange={setYear}
            style={{ width: 110 }}
            options={years.map((y) => ({ value: y, label: t('commandMap.yearOption', { year: y }) }))}
          />
        </Space>
      )}
    >
      <Typography.Paragraph type="secondary" className="fz-page-hint">{t('commandMap.hint')}</Typography.Paragraph>
      <LoadError error={figures.error ?? boundaries.error} onRetry={() => { figures.reload(); boundaries.reload(); }} />
      {map && !map.eventsAvailable && <Alert type="info" showIcon className="fz-map-alert" title={t('commandMap.noEvents')} />}
      {noBoundaries && <Alert type="warning" showIcon className="fz-map-alert" title={t('commandMap.noBoundaries')} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <div className="fz-map-frame">
            {map && features.length > 0 && (
              <MapChartHost
                mapName={`fazhi-${level}`}
                features={features}
                option={option}
                tiles={map.tiles}
                height={phone ? 360 : 560}
                ariaLabel={t('commandMap.mapLabel', { township })}
                onSelect={onSelect}
              />
            )}
            {map?.tiles?.attribution && <div className="fz-map-attribution">{t('commandMap.tiles', { attribution: map.tiles.attribution })}</div>}
          </div>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" className="fz-map-panel" title={chosen?.name ?? t('commandMap.openEvents')} data-testid="command-map-panel">
            {!chosen || !map ? (
              <Typography.Text type="secondary">{t('commandMap.pickArea')}</Typography.Text>
            ) : (
              <>
                <Descriptions size="small" column={2} className="fz-map-figures">
                  <Descriptions.Item label={t('commandMap.events')}>{chosen.events}</Descriptions.Item>
                  <Descriptions.Item label={t('commandMap.open')}>{chosen.open}</Descriptions.Item>
                  <Descriptions.Item label={t('commandMap.rate')}>{percent(chosen.unresolvedRate)}</Descriptions.Item>
                  <Descriptions.Item label={t('commandMap.overdue')}>{chosen.overdue}</Descriptions.Item>
                  <Descriptions.Item label={t('commandMap.dueSoon')}>{chosen.dueSoon}</Descriptions.Item>
                </Descriptions>
                {chosen.kind === 'village' && (
                  <Space wrap className="fz-map-zeros">
                    <span>{t('commandMap.zeroPetitions')} <ZeroTag n={chosen.petitions} t={t} /></span>
                    <span>{t('commandMap.zeroAccidents')} <ZeroTag n={chosen.accidents} t={t} /></span>
                    <span>{t('commandMap.zeroCrimes')} <ZeroTag n={chosen.crimes} t={t} /></span>
                  </Space>
                )}
                <Typography.Title level={5}>{t('commandMap.openEvents')}</Typography.Title>
                <OpenEvents map={map} orgId={chosen.orgId} />
              </>
            )}
          </Card>
        </Col>
      </Row>
      <Typography.Title level={5} className="fz-map-table-title">{t('commandMap.table', { year })}</Typography.Title>
      {map && (
        <Typography.Paragraph type="secondary" className="fz-page-hint">
          {t('commandMap.zeroRule', { accidents: map.accidentCategories.join('、'), crimes: map.crimeCategories.join('、') })}
        </Typography.Paragraph>
      )}
      <Table<AreaFigures>
        rowKey="orgId"
        size="small"
        columns={columns}
        dataSource={map?.villages ?? []}
        loading={figures.loading}
        pagination={false}
        scroll={{ x: 900 }}
        rowClassName={(a) => (a.orgId === selected ? 'fz-map-row-selected' : '')}
        data-testid="command-map-table"
      />
    </Card>
  );
};
