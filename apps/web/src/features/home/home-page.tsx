import { lazy, Suspense } from 'react';
import { Avatar, Card, Col, Empty, List, Row, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import type { CaseRow, MenuKey, NotificationView } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { menuEntriesFor } from '../../layout/menu-model.tsx';
import { formatUntil } from '../../shared/format.ts';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useMe } from '../auth/session-context.tsx';
import { fetchTasks } from '../cases/cases-api.ts';
import { NothingToDoNotice, useModuleAvailability } from '../cases/module-availability.tsx';
import { fetchNotifications } from '../notifications/notifications-api.ts';
import { CaseLine } from './case-line.tsx';
import './home.css';

/** Entrances for a user with nothing to handle: the screens to look at or to administer. */
const quickText: Partial<Record<MenuKey, MessageKey>> = {
  cases: 'home.quick.cases',
  overdue: 'home.quick.overdue',
  mediation: 'home.quick.mediation',
  mediationScreening: 'home.quick.mediationScreening',
  mediationStats: 'home.quick.mediationStats',
  orgs: 'home.quick.orgs',
  users: 'home.quick.users',
  roles: 'home.quick.roles',
  audit: 'home.quick.audit',
  signins: 'home.quick.signins',
  calendar: 'home.quick.calendar',
};

/**
 * The open cases that await the user, each figure an exact total from the server and each list
 * only the rows shown: the user's own most urgent, and the ones nobody has taken on
 * (`assignee=none`), never a long page counted here.
 */
const loadWork = async () => {
  const [all, mine, unclaimed, overdue, soon] = await Promise.all([
    fetchTasks({ page: 1, pageSize: 1 }),
    fetchTasks({ page: 1, pageSize: 6, assignee: 'me' }),
    fetchTasks({ page: 1, pageSize: 5, assignee: 'none' }),
    fetchTasks({ page: 1, pageSize: 1, due: 'overdue' }),
    fetchTasks({ page: 1, pageSize: 1, due: 'soon' }),
  ]);
  return { total: all.total, mine: mine.items, unclaimed, overdue: overdue.total, soon: soon.total };
};

type Stat = { key: string; label: MessageKey; value: number | undefined; to: string; tone?: 'danger' | 'warning' | 'primary' };

const StatCard = ({ stat, t }: { stat: Stat; t: (k: MessageKey) => string }) => (
  <Link to={stat.to} className={`fz-home-stat${stat.tone ? ` fz-home-stat--${stat.tone}` : ''}`} data-testid={`home-stat-${stat.key}`}>
    <span className="fz-home-stat__label">{t(stat.label)}</span>
    <span className="fz-home-stat__value fz-num">{stat.value ?? '–'}</span>
  </Link>
);

// The cockpit draws charts (ECharts): loaded only for those whose home page it is.
const CockpitView = lazy(() => import('../cockpit/cockpit-view.tsx').then((m) => ({ default: m.CockpitView })));

/**
 * Whose home page is the cockpit (驾驶舱): who may read it and reads some module's records
 * without handling any (a town leader, a county viewer). Staff who handle cases keep the
 * work home page below.
 */
export const cockpitIsHome = (permissions: readonly string[], readsModules: boolean): boolean =>
  permissions.includes('dashboard.read') && readsModules && !permissions.some((p) => p.endsWith('.handle'));

/** 工作台: what needs the user today. Grants live under the account menu (我的账号). */
export const HomePage = () => {
  const { t } = useLocale();
  const me = useMe();
  const modules = useModuleAvailability();
  // Whether the user handles cases: guessed from the session's permissions while the case types
  // load, so the counts are asked for together with them, not one round trip after.
  const works = modules.loading ? me.permissions.some((p) => p.endsWith('.handle')) : modules.handleable.length > 0;
  const work = useRemote(() => (works ? loadWork() : Promise.resolve(null)), `work:${works}`);
  const notices = useRemote(() => fetchNotifications({ page: 1, pageSize: 5, unread: true }), 'home-notices');
  const today = dayjs().format(t('format.longDateWithWeekday'));
  const admin = menuEntriesFor(me.menu).filter((e) => quickText[e.key]
    && (e.key !== 'orgs' || me.permissions.includes('org.manage'))
    && (e.key !== 'cases' || modules.readable.length > 0));
  const w = work.data;

  const stats: Stat[] = [
    { key: 'overdue', label: 'home.stat.overdue', value: w?.overdue, to: '/console/tasks?due=overdue', tone: 'danger' },
    { key: 'soon', label: 'home.stat.soon', value: w?.soon, to: '/console/tasks?due=soon', tone: 'warning' },
    { key: 'unclaimed', label: 'home.stat.unclaimed', value: w?.unclaimed.total, to: '/console/tasks', tone: 'primary' },
    { key: 'tasks', label: 'home.stat.tasks', value: w?.total, to: '/console/tasks' },
  ];
  const unread = notices.data?.unread;

  const noticeCard = (
    <Card title={t('home.notices.title')} extra={<Link to="/console/notifications">{t('home.viewAll')}</Link>} className="fz-home-card">
      {notices.loading ? <Skeleton active paragraph={{ rows: 2 }} /> : (
        <List<NotificationView>
          size="small"
          dataSource={notices.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.notices.empty')} /> }}
          renderItem={(n) => (
            <List.Item className="fz-home-notice">
              <Link to={n.link ?? '/console/notifications'} className="fz-home-case__link">
                <span className="fz-home-case__title">{n.title}</span>
                <span className="fz-home-case__meta">{formatUntil(n.createdAt)}</span>
              </Link>
            </List.Item>
          )}
        />
      )}
    </Card>
  );

  // While the case types load, a reader who handles nothing (a leader, a county viewer) is taken
  // to read some module: the cockpit is asked for at once, not one round trip later.
  if (cockpitIsHome(me.permissions, modules.loading || modules.readable.length > 0)) {
    return <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}><CockpitView /></Suspense>;
  }

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <div className="fz-welcome">
          <Avatar size={40} className="fz-welcome__avatar">{[...me.user.displayName][0] ?? '?'}</Avatar>
          <div className="fz-welcome__text">
            <Typography.Title level={5} style={{ margin: 0 }}>{t('home.welcome', { name: me.user.displayName })}</Typography.Title>
            <Typography.Text type="secondary">{t('home.subtitle', { org: me.user.orgName, date: today })}</Typography.Text>
          </div>
          {unread !== undefined && unread > 0 && (
            <Link to="/console/notifications" className="fz-welcome__unread">{t('home.unread', { n: unread })}</Link>
          )}
          {me.permissions.includes('dashboard.read') && modules.readable.length > 0 && (
            <Link to="/console/cockpit" className={unread ? 'fz-welcome__cockpit' : 'fz-welcome__unread'} data-testid="home-cockpit-link">{t('cockpit.open')}</Link>
          )}
        </div>
      </Col>

      {!modules.loading && !works && (modules.readable.length > 0 || modules.pending.length > 0 || admin.length === 0) && (
        <Col span={24}><NothingToDoNotice t={t} availability={modules} /></Col>
      )}

      {works && (
        <>
          <Col span={24}>
            <div className="fz-home-stats">{stats.map((s) => <StatCard key={s.key} stat={s} t={t} />)}</div>
          </Col>
          <Col xs={24} xl={14}>
            <Card title={t('home.urgent.title')} extra={<Link to="/console/tasks">{t('home.viewAll')}</Link>} className="fz-home-card">
              <LoadError error={work.error} onRetry={work.reload} />
              {work.loading ? <Skeleton active paragraph={{ rows: 4 }} /> : (
                <List<CaseRow>
                  size="small"
                  dataSource={w?.mine}
                  locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.urgent.empty')} /> }}
                  renderItem={(row) => <CaseLine key={row.id} row={row} claim={null} />}
                />
              )}
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card title={t('home.unclaimed.title')} extra={<Link to="/console/tasks">{t('home.viewAll')}</Link>} className="fz-home-card">
              {work.loading ? <Skeleton active paragraph={{ rows: 2 }} /> : (
                <List<CaseRow>
                  size="small"
                  dataSource={w?.unclaimed.items}
                  locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.unclaimed.empty')} /> }}
                  renderItem={(row) => <CaseLine key={row.id} row={row} claim={t('home.unclaimed.tag')} />}
                />
              )}
            </Card>
            <div className="fz-home-gap" />
            {noticeCard}
          </Col>
        </>
      )}

      {!works && (
        <Col xs={24} xl={admin.length ? 14 : 24}>{noticeCard}</Col>
      )}
      {!works && admin.length > 0 && (
        <Col xs={24} xl={10}>
          <Card title={t('home.admin.title')} className="fz-home-card">
            <div className="fz-quick-links">
              {admin.map((entry) => (
                <Link key={entry.key} to={entry.path} className="fz-quick-link">
                  <span className="fz-quick-link__icon">{entry.icon}</span>
                  <span className="fz-quick-link__text">
                    <strong>{t(entry.label)}</strong>
                    <small>{t(quickText[entry.key] ?? entry.label)}</small>
                  </span>
                </Link>
              ))}
            </div>
          </Card>
        </Col>
      )}
    </Row>
  );
};
