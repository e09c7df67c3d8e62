import type { NotificationList, NotificationQuery, NotificationView, ReadAllBody, ReadAllResult, UnreadCount } from '@fazhi/contracts';
import { api, toQuery } from '../../api/client.ts';

export const fetchNotifications = (q: NotificationQuery) =>
  api.get<NotificationList>(`/notifications${toQuery({ page: q.page, pageSize: q.pageSize, unread: q.unread ? 'true' : undefined })}`);
export const unreadCountPath = '/notifications/unread-count';
export const fetchUnreadCount = () => api.get<UnreadCount>(unreadCountPath);
export const markRead = (id: string) => api.post<NotificationView>(`/notifications/${id}/read`, {});
/** Up to the moment the list was loaded: a notice arriving meanwhile stays unread. */
export const markAllRead = (upTo?: string) => api.post<ReadAllResult>('/notifications/read-all', (upTo ? { upTo } : {}) satisfies ReadAllBody);

/** Fired after a notice is marked read anywhere, so the bell recounts at once. */
export const notificationsChanged = 'fazhi:notifications-changed';
export const announceNotificationsChanged = (): void => {
  window.dispatchEvent(new Event(notificationsChanged));
};
