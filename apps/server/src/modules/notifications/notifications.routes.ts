import { Type } from 'typebox';
import { ErrorSchema, NotificationList, NotificationQuery, NotificationView, ReadAllBody, ReadAllResult, UnreadCount } from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { runScoped, type Platform } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { localeOf, type Locale } from '../../platform/http/errors.ts';
import { AppError } from '../../platform/errors.ts';
import { isNotificationKind, renderNotification } from '../../platform/notifications/templates.ts';
import { countUnread, listNotifications, markAllRead, markRead, type NotificationRow } from './notifications.repository.ts';

const tags = ['notifications'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
/** The inbox is personal: any signed-in user, and only their own notices (row-level security). */
const access = { signedIn: true } as const;
/** Every statement in runScoped: the session is checked in the route's own transaction (platform/http/access.ts). */
const config = { access, sessionInTransaction: true } as const;

/** The stored text is Chinese; an English reader gets it rendered again from the parameters. */
const present = (r: NotificationRow, locale: Locale): NotificationView => {
  const text = locale === 'en' && isNotificationKind(r.kind) ? renderNotification(r.kind, r.params, 'en') : { title: r.title, body: r.body };
  return {
    id: r.id, kind: r.kind, ...text, link: r.link, caseId: r.case_id,
    readAt: r.read_at?.toISOString() ?? null, createdAt: r.created_at.toISOString(),
  };
};

export const registerNotificationRoutes = (app: TypedApp, platform: Platform): void => {
  app.get('/api/notifications', {
    config,
    schema: { tags, summary: '我的消息 My notifications (unread=true: only unread)', querystring: NotificationQuery, response: { 200: NotificationList, ...errors } },
  }, async (req) => {
    const r = await runScoped(platform, signedInActor(req), (tx) => listNotifications(tx.client, req.query));
    return { items: r.rows.map((x) => present(x, localeOf(req))), total: r.total, unread: r.unread };
  });

  app.get('/api/notifications/unread-count', {
    config,
    schema: { tags, summary: '未读消息数 Unread count (the bell)', response: { 200: UnreadCount, ...errors } },
  }, async (req) => ({ count: await runScoped(platform, signedInActor(req), (tx) => countUnread(tx.client)) }));

  app.post('/api/notifications/:id/read', {
    config,
    schema: { tags, summary: '标为已读 Mark one read', params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 200: NotificationView, ...errors } },
  }, async (req) => {
    const row = await runScoped(platform, signedInActor(req), (tx) => markRead(tx.client, req.params.id));
    // Another user's notice is as absent as one that never existed.
    if (!row) throw new AppError('NOT_FOUND');
    return present(row, localeOf(req));
  });

  app.post('/api/notifications/read-all', {
    config,
    schema: { tags, summary: '全部标为已读 Mark all read (up to upTo, default now)', body: ReadAllBody, response: { 200: ReadAllResult, ...errors } },
  }, async (req) => {
    const upTo = req.body.upTo ? new Date(req.body.upTo) : null;
    return { updated: await runScoped(platform, signedInActor(req), (tx) => markAllRead(tx.client, upTo)) };
  });
};
