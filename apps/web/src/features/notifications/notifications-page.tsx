import { useState } from 'react';
import { App, Badge, Button, Card, Empty, List, Segmented, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { NotificationView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { formatDateTime } from '../../shared/format.ts';
import { LoadError } from '../../shared/load-error.tsx';
import { firstPage, tablePagination, type PageState } from '../../shared/pagination.ts';
import { useRemote } from '../../shared/use-remote.ts';
import { useReportError } from '../../shared/use-report-error.ts';
import { announceNotificationsChanged, fetchNotifications, markAllRead, markRead } from './notifications-api.ts';
import './notifications.css';

type Filter = 'unread' | 'all';

/** 消息通知: my inbox (deadline reminders, escalations), unread first filter, mark read, open the case. */
export const NotificationsPage = () => {
  const t = useT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [filter, setFilter] = useState<Filter>('unread');
  const [paging, setPaging] = useState<PageState>(firstPage);
  const query = { ...paging, unread: filter === 'unread' };
  const [loadedAt, setLoadedAt] = useState<string>(() => new Date().toISOString());
  const list = useRemote(() => {
    setLoadedAt(new Date().toISOString());
    return fetchNotifications(query);
  }, JSON.stringify(query));

  const after = (done: () => void) => {
    announceNotificationsChanged();
    done();
    list.reload();
  };
  const readOne = (n: NotificationView) => markRead(n.id).then(() => after(() => undefined), reportError);
  const { current, pageSize, total, showSizeChanger, pageSizeOptions, showTotal, onChange } = tablePagination(t, paging, list.data?.total, setPaging);

  return (
    <Card
      title={<Space>{t('notifications.title')}{list.data && list.data.unread > 0 && <Tag color="red">{t('notifications.unreadCount', { n: list.data.unread })}</Tag>}</Space>}
      extra={
        <Space wrap>
          <Segmented<Filter>
            value={filter}
            onChange={(v) => {
              setFilter(v);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            options={[{ value: 'unread', label: t('notifications.unreadOnly') }, { value: 'all', label: t('notifications.all') }]}
          />
          <Button
            disabled={!list.data?.unread}
            onClick={() => void markAllRead(loadedAt).then((r) => after(() => void message.success(t('notifications.allReadDone', { n: r.updated }))), reportError)}
          >
            {t('notifications.markAllRead')}
          </Button>
        </Space>
      }
    >
      <LoadError error={list.error} onRetry={list.reload} />
      <List<NotificationView>
        loading={list.loading}
        dataSource={list.data?.items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} /> }}
        pagination={list.data && list.data.total > 0 ? { current, pageSize, total, showSizeChanger, pageSizeOptions, showTotal, onChange, align: 'end' } : false}
        renderItem={(n) => (
          <List.Item
            key={n.id}
            className="fz-inbox__item"
            actions={[
              ...(n.link ? [<Link key="open" to={n.link} onClick={() => { if (!n.readAt) void readOne(n); }}>{t('notifications.openCase')}</Link>] : []),
              ...(!n.readAt ? [<Typography.Link key="read" onClick={() => void readOne(n)}>{t('notifications.markRead')}</Typography.Link>] : []),
            ]}
          >
            <List.Item.Meta
              avatar={<Badge status={n.readAt ? 'default' : 'error'} />}
              title={<span className={n.readAt ? 'fz-inbox__title' : 'fz-inbox__title fz-inbox__title--unread'}>{n.title}</span>}
              description={
                <>
                  <div className="fz-inbox__body">{n.body}</div>
                  <div className="fz-inbox__at">{formatDateTime(n.createdAt)} · {n.readAt ? t('notifications.read') : t('notifications.unread')}</div>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
};
