import { useState, type ReactNode } from 'react';
import { Card, Col, List, Row, Segmented, Statistic } from 'antd';
import { BarChartOutlined, ClusterOutlined, FileAddOutlined, ScanOutlined } from '@ant-design/icons';
import type { CaseQuery } from '@fazhi/contracts';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useT } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { LoadError } from '../../shared/load-error.tsx';
import { countText, firstPage, type PageState } from '../../shared/pagination.ts';
import { useRemote } from '../../shared/use-remote.ts';
import { useIsPhone } from '../../shared/use-viewport.ts';
import { useCan } from '../auth/session-context.tsx';
import { caseLink } from '../cases/case-columns.tsx';
import { fetchCases } from './mediation-api.ts';
import { StatusTag } from './case-status-tag.tsx';
import { useTodaySessions } from './use-today-sessions.ts';
import { casePath, WorkbenchCaseList } from './workbench-case-list.tsx';
import './mediation.css';

type View = 'mine' | 'open' | 'overdue' | 'soon';
const views: Record<View, Partial<CaseQuery>> = {
  mine: { assignee: 'me', statusKind: 'open' },
  open: { statusKind: 'open' },
  overdue: { due: 'overdue' },
  soon: { due: 'soon' },
};
const viewLabels: Record<View, MessageKey> = {
  mine: 'mediation.bench.mine', open: 'mediation.bench.allOpen', overdue: 'mediation.bench.overdue', soon: 'mediation.bench.soon',
};

/** Today's sessions shown at a time on the desk. */
const SESSIONS_PER_PAGE = 8;


/** 调解工作台: my open cases, today's sessions, what is overdue or due soon, and the quick actions. */
export const WorkbenchPage = () => {
  const t = useT();
  const can = useCan();
  const phone = useIsPhone();
  const [view, setView] = useState<View>('mine');
  const [paging, setPaging] = useState<PageState>(firstPage);
  const query = { type: 'mediation', ...views[view], page: paging.page, pageSize: paging.pageSize };
  const list = useRemote(() => fetchCases(query), JSON.stringify(query));
  const countOf = (query: Partial<CaseQuery>) => fetchCases({ type: 'mediation', ...query, page: 1, pageSize: 1 }).then((r) => countText(t, r));
  const counts = useRemote(async () => {
    const [mine, overdue, soon] = await Promise.all([countOf(views.mine), countOf(views.overdue), countOf(views.soon)]);
    return { mine, overdue, soon };
  }, 'counts');
  const [sessionPage, setSessionPage] = useState(1);
  const today = useTodaySessions(sessionPage, SESSIONS_PER_PAGE);

  const pick = (next: View) => {
    setView(next);
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const count = (v: Exclude<View, 'open'>, color?: string) => (
    <Card hoverable className={`fz-med-count${view === v ? ' fz-med-count--active' : ''}`} onClick={() => pick(v)}>
      <Statistic title={t(viewLabels[v])} value={counts.data?.[v] ?? '—'} suffix={t('mediation.unit.cases')} styles={{ content: { color } }} loading={counts.loading} />
    </Card>
  );
  const switcher = (
    <Segmented<View> value={view} onChange={pick} block={phone}
      options={(Object.keys(viewLabels) as View[]).map((v) => ({ value: v, label: t(viewLabels[v]) }))} />
  );
  const actions = [
    { to: '/console/mediation/new', icon: <FileAddOutlined />, label: 'mediation.action.register', show: can('mediation.handle') },
    { to: '/console/mediation/screening', icon: <ScanOutlined />, label: 'mediation.action.screening', show: true },
    { to: '/console/mediation/stats', icon: <BarChartOutlined />, label: 'mediation.action.stats', show: true },
    { to: '/console/mediation/committees', icon: <ClusterOutlined />, label: 'mediation.action.committees', show: true },
  ] satisfies { to: string; icon: ReactNode; label: MessageKey; show: boolean }[];

  return (
    <div className="fz-med-page">
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <div className="fz-med-actions">
            {actions.filter((a) => a.show).map((a, i) => (
              <Link key={a.to} to={a.to} className={`fz-med-action${i === 0 ? ' fz-med-action--primary' : ''}`}>
                <span className="fz-med-action__icon">{a.icon}</span>
                <span>{t(a.label)}</span>
              </Link>
            ))}
          </div>
        </Col>
        <Col xs={8}>{count('mine')}</Col>
        <Col xs={8}>{count('overdue', '#cf1322')}</Col>
        <Col xs={8}>{count('soon', '#d46b08')}</Col>
        {/* The list takes the full width up to wide screens, so no column scrolls out of view at 1366 px. */}
        <Col xs={24} xxl={17}>
          <Card title={t('mediation.bench.cases')} className="fz-med-card" extra={!phone && switcher}>
            {phone && <div className="fz-med-switcher">{switcher}</div>}
            <LoadError error={list.error} onRetry={list.reload} />
            <WorkbenchCaseList rows={list.data?.items} total={list.data?.total} totalCapped={list.data?.totalCapped} loading={list.loading} paging={paging} onPage={setPaging} />
          </Card>
        </Col>
        <Col xs={24} xxl={7}>
          <Card title={t('mediation.bench.today', { date: dayjs().format('YYYY-MM-DD') })} className="fz-med-card" data-testid="today-sessions"
            extra={today.data && today.data.total > 0 && t('mediation.bench.sessionCount', { n: today.data.total })}>
            <LoadError error={today.error} onRetry={today.reload} />
            <List
              loading={today.loading}
              dataSource={today.data?.items}
              locale={{ emptyText: t('mediation.bench.noSessions') }}
              pagination={(today.data?.total ?? 0) > SESSIONS_PER_PAGE && {
                current: sessionPage, pageSize: SESSIONS_PER_PAGE, total: today.data?.total, onChange: setSessionPage, size: 'small', align: 'end',
              }}
              renderItem={(s) => (
                <List.Item extra={<Link to={casePath(s.caseId)}>{t('mediation.bench.sessions')}</Link>}>
                  <List.Item.Meta
                    title={`${dayjs(s.heldAt).format('HH:mm')} · ${s.place}`}
                    description={(
                      <>
                        <div><Link to={caseLink(s.caseId)}>{s.caseRef}</Link> {s.caseTitle}</div>
                        <div className="fz-med-muted">{s.orgName} · {t('mediation.bench.sessionPeople', { n: s.participants })} <StatusTag status={s.caseStatus} /></div>
                      </>
                    )}
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
};
