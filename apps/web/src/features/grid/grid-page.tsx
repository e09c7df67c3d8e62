import { useState } from 'react';
import { Button, Card, Col, Row, Statistic, Tag, Typography } from 'antd';
import { CameraOutlined, PhoneOutlined } from '@ant-design/icons';
import type { CaseQuery, MyGrids } from '@fazhi/contracts';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { LoadError } from '../../shared/load-error.tsx';
import { countText, firstPage, type PageState } from '../../shared/pagination.ts';
import { useRemote } from '../../shared/use-remote.ts';
import { useCan } from '../auth/session-context.tsx';
import { CaseTable } from '../cases/case-table.tsx';
import { useCaseTypes } from '../cases/cases-api.ts';
import { fetchGridEvents, fetchMyGrids } from './grid-api.ts';
import './grid.css';

type View = 'reported' | 'filed' | 'dispatched' | 'check' | 'soon' | 'overdue' | 'open' | 'all';
const views: Record<View, Omit<CaseQuery, 'type'>> = {
  reported: { status: 'reported' },
  filed: { status: 'filed' },
  dispatched: { status: 'dispatched' },
  check: { status: 'reported_back' },
  soon: { due: 'soon' },
  overdue: { due: 'overdue' },
  open: { statusKind: 'open' },
  all: {},
};
const labels: Record<View, MessageKey> = {
  reported: 'grid.desk.tab.reported', filed: 'grid.desk.tab.filed', dispatched: 'grid.desk.tab.dispatched', check: 'grid.desk.tab.check',
  soon: 'grid.desk.tab.soon', overdue: 'grid.desk.tab.overdue', open: 'grid.desk.tab.open', all: 'grid.desk.tab.all',
};
const colors: Partial<Record<View, string>> = { soon: '#d46b08', overdue: '#cf1322' };
/** A worker's tabs: his events in hand, those due, all of them; the 综治中心 has the whole loop. */
const workerViews: View[] = ['open', 'dispatched', 'overdue', 'all'];
const centerViews: View[] = ['reported', 'filed', 'dispatched', 'check', 'soon', 'overdue'];

/** 我的网格: each grid the worker reports in, its people with their duties, and its events in hand. */
const MyGridCards = ({ grids }: { grids: MyGrids['items'] }) => {
  const t = useT();
  return (
    <Row gutter={[12, 12]}>
      {grids.map((g) => (
        <Col key={g.id} xs={24} md={12} xl={8}>
          <Card size="small" className="fz-grid-mine" title={`${g.villageName} · ${g.name}`} data-testid="grid-mine">
            <div className="fz-grid-mine__stats">
              <Statistic title={t('grid.mine.open')} value={g.open} />
              <Statistic title={t('grid.mine.overdue')} value={g.overdue} styles={{ content: { color: g.overdue > 0 ? '#cf1322' : undefined } }} />
              <Statistic title={t('grid.mine.closed')} value={g.closedThisYear} />
            </div>
            {g.members.map((m) => (
              <div key={m.id} className="fz-grid-member">
                <Tag color={m.role === '网格长' ? 'blue' : 'default'}>{m.role}</Tag>
                <span className="fz-grid-member__name">{m.name}</span>
                {m.phone && <Typography.Text type="secondary"><PhoneOutlined /> {m.phone}</Typography.Text>}
                <div style={{ width: '100%' }}>{m.duties.map((d) => <Tag key={d} bordered={false}>{d}</Tag>)}</div>
              </div>
            ))}
          </Card>
        </Col>
      ))}
    </Row>
  );
};

/**
 * 网格事件: for a grid worker, his grid (people and duties) and his events, with 上报事件 at the
 * top, thumb-sized on a phone; for the 综治中心, the dispatch desk: events to verify and file,
 * to dispatch, being handled, to check, due soon and overdue. Each list is the engine's case
 * list; each row opens the case page, where every step of the loop is taken.
 */
export const GridPage = () => {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const center = can('grid.dispatch');
  const tabs = center ? centerViews : workerViews;
  const [view, setView] = useState<View>(tabs[0] ?? 'open');
  const [paging, setPaging] = useState<PageState>(firstPage);
  const types = useCaseTypes();
  const mine = useRemote(fetchMyGrids, 'grid-mine');
  const query = { ...views[view], page: paging.page, pageSize: paging.pageSize };
  const list = useRemote(() => fetchGridEvents(query), JSON.stringify(query));
  const counts = useRemote(async () => {
    const totals = await Promise.all(tabs.map((k) => fetchGridEvents({ ...views[k], page: 1, pageSize: 1 }).then((r) => countText(t, r))));
    return Object.fromEntries(tabs.map((k, i) => [k, totals[i]])) as Record<View, string | number>;
  }, `grid-counts:${tabs.join(',')}`);
  const pick = (v: View) => { setView(v); setPaging(firstPage); };
  const grids = mine.data?.items ?? [];

  return (
    <div className="fz-grid-page">
      <Card>
        <div className="fz-grid-toolbar">
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>{t(center ? 'grid.desk.title' : 'grid.mine.title')}</Typography.Title>
            <Typography.Text type="secondary">{t(center ? 'grid.desk.subtitle' : 'grid.mine.subtitle')}</Typography.Text>
          </div>
          {can('grid.report') && (
            <Button type="primary" size="large" icon={<CameraOutlined />} onClick={() => void navigate('/console/grid/report')} data-testid="grid-report">{t('grid.report.open')}</Button>
          )}
        </div>
        {!center && grids.length > 0 && <MyGridCards grids={grids} />}
      </Card>
      <Card title={t(center ? 'grid.desk.events' : 'grid.mine.events')}>
        <Row gutter={[12, 12]} className="fz-grid-counts">
          {tabs.map((v) => (
            <Col key={v} xs={12} sm={8} lg={4} flex="1">
              <Card size="small" hoverable className={`fz-grid-count${view === v ? ' fz-grid-count--active' : ''}`} onClick={() => pick(v)} data-testid={`grid-view-${v}`}>
                <Statistic title={t(labels[v])} value={counts.data?.[v] ?? '—'} loading={counts.loading} styles={{ content: { color: colors[v] } }} />
              </Card>
            </Col>
          ))}
        </Row>
        {list.error !== undefined ? <LoadError error={list.error} onRetry={list.reload} /> : (
          <CaseTable data={list.data} loading={list.loading} types={types.data?.items} paging={paging} onPage={setPaging} emptyText={t('grid.desk.empty')} />
        )}
      </Card>
    </div>
  );
};
