import { Avatar, Card, Col, Empty, Row, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { dataScopeLabels, type GrantView, type MenuKey } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { menuEntriesFor } from '../../layout/menu-model.tsx';
import { useMe } from '../auth/session-context.tsx';
import './home.css';

const quickText: Record<Exclude<MenuKey, 'home'>, MessageKey> = {
  tasks: 'home.quick.tasks',
  cases: 'home.quick.cases',
  overdue: 'home.quick.overdue',
  notifications: 'home.quick.notifications',
  mediation: 'home.quick.mediation',
  mediationCommittees: 'home.quick.mediationCommittees',
  mediationScreening: 'home.quick.mediationScreening',
  mediationStats: 'home.quick.mediationStats',
  calendar: 'home.quick.calendar',
  orgs: 'home.quick.orgs',
  users: 'home.quick.users',
  roles: 'home.quick.roles',
  audit: 'home.quick.audit',
  signins: 'home.quick.signins',
};

/** 工作台: who I am, what I was granted, and the entrances I may use. */
export const HomePage = () => {
  const { t, label } = useLocale();
  const me = useMe();
  const links = menuEntriesFor(me.menu).flatMap((e) => (e.key === 'home' ? [] : [{ ...e, key: e.key }]));
  const today = dayjs().format(t('format.longDateWithWeekday'));

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card className="fz-welcome">
          <div className="fz-welcome__body">
            <Avatar size={56} className="fz-welcome__avatar">{[...me.user.displayName][0] ?? '?'}</Avatar>
            <div>
              <Typography.Title level={4} style={{ margin: 0 }}>
                {t('home.welcome', { name: me.user.displayName })}
              </Typography.Title>
              <Typography.Text type="secondary">
                {t('home.subtitle', { org: me.user.orgName, date: today })}
              </Typography.Text>
            </div>
          </div>
        </Card>
      </Col>
      <Col xs={24} xl={14}>
        <Card title={t('home.grants.title')}>
          <Table<GrantView>
            size="small"
            rowKey={(g) => `${g.roleId}:${g.orgId}`}
            dataSource={me.grants}
            pagination={false}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.grants.empty')} /> }}
            columns={[
              { title: t('home.grants.org'), dataIndex: 'orgName' },
              { title: t('home.grants.role'), dataIndex: 'roleName', render: (v: string) => <Tag color="blue">{v}</Tag> },
              { title: t('home.grants.scope'), dataIndex: 'scope', render: (_, g) => label(dataScopeLabels[g.scope]) },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={t('home.quickLinks')}>
          {links.length ? (
            <div className="fz-quick-links">
              {links.map((entry) => (
                <Link key={entry.key} to={entry.path} className="fz-quick-link">
                  <span className="fz-quick-link__icon">{entry.icon}</span>
                  <span className="fz-quick-link__text">
                    <strong>{t(entry.label)}</strong>
                    <small>{t(quickText[entry.key])}</small>
                  </span>
                </Link>
              ))}
            </div>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noQuickLinks')} />
          )}
        </Card>
      </Col>
    </Row>
  );
};
