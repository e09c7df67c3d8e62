import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Empty, List, Popover, Spin } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import type { NotificationView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { formatUntil } from '../../shared/format.ts';
import { useReportError } from '../../shared/use-report-error.ts';
import {
  announceNotificationsChanged, fetchNotifications, fetchUnreadCount, markAllRead, markRead, notificationsChanged,
} from './notifications-api.ts';
import './notifications.css';

const pollMs = 60_000;

/** The unread count, polled every minute while the tab is visible and re-read after any change. */
const useUnreadCount = (): [number, () => void] => {
  const [count, setCount] = useState(0);
  const refresh = useCallback(() => {
    if (document.hidden) return;
    fetchUnreadCount().then((r) => setCount(r.count), () => undefined);
  }, []);
  useEffect(() => {
    refresh();
    const timer = window.setInterval(refresh, pollMs);
    window.addEventListener(notificationsChanged, refresh);
    document.addEventListener('visibilitychange', refresh);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(notificationsChanged, refresh);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, [refresh]);
  return [count, refresh];
};

/** The bell in the top bar: unread count, and the latest notices in a dropdown. */
export const NoticeBell = () => {
  const t = useT();
  const navigate = useNavigate();
  const reportError = useReportError();
  const [count] = useUnreadCount();
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<NotificationView[] | null>(null);
  const [loadedAt, setLoadedAt] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (!open) return;
    setItems(null);
    const at = new Date().toISOString();
    fetchNotifications({ page: 1, pageSize: 6 }).then((r) => {
      setItems(r.items);
      setLoadedAt(at);
    }, reportError);
  }, [open, reportError]);

  const openOne = (n: NotificationView) => {
    setOpen(false);
    if (!n.readAt) void markRead(n.id).then(announceNotificationsChanged, () => undefined);
    void navigate(n.link ?? '/console/notifications');
  };

  const content = (
    <div className="fz-bell">
      {items === null ? (
        <div className="fz-bell__loading"><Spin /></div>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <List<NotificationView>
          size="small"
          dataSource={items}
          renderItem={(n) => (
            <List.Item key={n.id} className={n.readAt ? 'fz-bell__item' : 'fz-bell__item fz-bell__item--unread'} onClick={() => openOne(n)}>
              <div className="fz-bell__title">{n.title}</div>
              <div className="fz-bell__body">{n.body}</div>
              <div className="fz-bell__at">{formatUntil(n.createdAt)}</div>
            </List.Item>
          )}
        />
      )}
      <div className="fz-bell__footer">
        <Button
          type="link"
          size="small"
          disabled={count === 0}
          onClick={() => void markAllRead(loadedAt).then(() => {
            announceNotificationsChanged();
            setItems((list) => list?.map((n) => ({ ...n, readAt: n.readAt ?? new Date().toISOString() })) ?? null);
          }, reportError)}
        >
          {t('notifications.markAllRead')}
        </Button>
        <Button type="link" size="small" onClick={() => { setOpen(false); void navigate('/console/notifications'); }}>
          {t('notifications.viewAll')}
        </Button>
      </div>
    </div>
  );

  return (
    <Popover trigger="click" placement="bottomRight" title={t('layout.notices')} content={content} open={open} onOpenChange={setOpen}>
      <Button type="text" aria-label={t('layout.notices')} data-testid="notice-bell" icon={<Badge count={count} size="small" overflowCount={99}><BellOutlined style={{ fontSize: 16 }} /></Badge>} />
    </Popover>
  );
};
