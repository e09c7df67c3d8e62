import type { NotificationQuery } from '@fazhi/contracts';
import type { Client } from '../../platform/db/pools.ts';
import type { Params } from '../../platform/notifications/templates.ts';

/**
 * The caller's own notices. Every query runs in the caller's scoped transaction, where
 * row-level security limits `notifications` to `user_id = fazhi_user_id()`; the same
 * condition is written out so the plan uses the (user_id, created_at) index.
 */
export type NotificationRow = {
  id: string; kind: string; title: string; body: string; params: Params; link: string | null; case_id: string | null;
  read_at: Date | null; created_at: Date;
};
const cols = 'id, kind, title, body, params, link, case_id, read_at, created_at';

export const listNotifications = async (c: Client, q: NotificationQuery): Promise<{ rows: NotificationRow[]; total: number; unread: number }> => {
  const pageSize = q.pageSize ?? 20;
  const offset = ((q.page ?? 1) - 1) * pageSize;
  const where = `user_id = fazhi_user_id()${q.unread ? ' AND read_at IS NULL' : ''}`;
  const counts = (await c.query<{ total: number; unread: number }>(
    'SELECT count(*) AS total, count(*) FILTER (WHERE read_at IS NULL) AS unread FROM notifications WHERE user_id = fazhi_user_id()')).rows[0];
  const { rows } = await c.query<NotificationRow>(
    `SELECT ${cols} FROM notifications WHERE ${where} ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`, [pageSize, offset]);
  const unread = Number(counts?.unread ?? 0);
  return { rows, total: q.unread ? unread : Number(counts?.total ?? 0), unread };
};

export const countUnread = async (c: Client): Promise<number> =>
  Number((await c.query<{ n: number }>('SELECT count(*) AS n FROM notifications WHERE user_id = fazhi_user_id() AND read_at IS NULL')).rows[0]?.n ?? 0);

/** Marks one notice read (reading it twice keeps the first time); null when it is not the caller's. */
export const markRead = async (c: Client, id: string): Promise<NotificationRow | null> =>
  (await c.query<NotificationRow>(
    `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = fazhi_user_id() RETURNING ${cols}`, [id])).rows[0] ?? null;

/** Marks read what arrived up to `upTo`: a notice that came in after the caller looked stays unread. */
export const markAllRead = async (c: Client, upTo: Date | null): Promise<number> =>
  (await c.query('UPDATE notifications SET read_at = now() WHERE user_id = fazhi_user_id() AND read_at IS NULL AND created_at <= coalesce($1, now())', [upTo])).rowCount ?? 0;
