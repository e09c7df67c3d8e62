import type { Permission } from '@fazhi/contracts';
import { named, type Client } from '../db/pools.ts';
import { permissionHoldersSql } from './recipients.ts';
import { renderNotification, type NotificationKind, type Params } from './templates.ts';

export type Notice = {
  kind: NotificationKind;
  params: Params;
  townshipId: string | null;
  caseId?: string | null;
  link?: string | null;
};

export const caseLink = (caseId: string): string => `/console/cases/${caseId}`;

/**
 * Puts one notice in each user's inbox, inside the caller's transaction (on the owner
 * connection: only the platform writes notices). The stored text is Chinese; the
 * parameters are kept so the inbox can show the notice in English too.
 */
export const notifyUsers = async (c: Client, userIds: readonly string[], n: Notice): Promise<number> => {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return 0;
  const { title, body } = renderNotification(n.kind, n.params, 'zh');
  const { rowCount } = await c.query(
    `INSERT INTO notifications (user_id, township_id, kind, title, body, params, link, case_id)
     SELECT u, $2, $3, $4, $5, $6, $7, $8 FROM unnest($1::uuid[]) AS u`,
    [ids, n.townshipId, n.kind, title, body, JSON.stringify(n.params), n.link ?? null, n.caseId ?? null]);
  return rowCount ?? 0;
};

/**
 * Puts one notice in the inbox of every active holder of `permission` at `orgId`
 * (permissionHoldersAt's rule), found and written in one statement.
 */
export const notifyPermissionHolders = async (c: Client, permission: Permission, orgId: string, n: Notice): Promise<number> => {
  const { title, body } = renderNotification(n.kind, n.params, 'zh');
  const { rowCount } = await c.query(named(
    `INSERT INTO notifications (user_id, township_id, kind, title, body, params, link, case_id)
     SELECT h.id, $3, $4, $5, $6, $7, $8, $9 FROM (${permissionHoldersSql('$1', '$2::uuid')}) h`,
    [permission, orgId, n.townshipId, n.kind, title, body, JSON.stringify(n.params), n.link ?? null, n.caseId ?? null]));
  return rowCount ?? 0;
};
