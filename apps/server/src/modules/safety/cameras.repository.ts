import type { CameraItem, CameraStatus } from '@fazhi/contracts';
import type { Client } from '../../platform/db/pools.ts';
import { permittedSql, type PermittedOrgs } from './safety-access.ts';

/**
 * The 备案 due date (公共安全视频图像信息系统管理条例 第十四条): within 30 days of the day the
 * system is put into use; a system in use before the regulation took effect (2025-04-01,
 * 第三十四条) within 90 days of that day. The day counted from is not counted (民法典
 * 第二百零一条), so the due day is that day plus 30 (or 90).
 */
export const filingDueSql = (installed: string): string =>
  `(CASE WHEN ${installed} < date '2025-04-01' THEN date '2025-04-01' + 90 ELSE ${installed} + 30 END)`;

export type CameraRow = {
  id: string; device_id: string; parent_device_id: string; name: string; org_id: string; org_name: string; township_id: string;
  lat: number; lng: number; owner_unit: string; installed_on: string; filing_due: string; filed_on: string | null;
  retention_days: number; sign_posted: boolean; sign_posted_on: string | null; total: number;
};

const columns = `c.id, c.device_id, c.parent_device_id, c.name, c.org_id, o.name AS org_name, c.township_id, c.lat, c.lng, c.owner_unit,
  to_char(c.installed_on, 'YYYY-MM-DD') AS installed_on, to_char(${filingDueSql('c.installed_on')}, 'YYYY-MM-DD') AS filing_due,
  to_char(c.filed_on, 'YYYY-MM-DD') AS filed_on, c.retention_days, c.sign_posted, to_char(c.sign_posted_on, 'YYYY-MM-DD') AS sign_posted_on`;

export type CameraFilter = { orgId?: string; filingOverdue?: boolean; today: string; limit: number; offset: number };

export const listCameras = async (c: Client, allowed: PermittedOrgs, f: CameraFilter): Promise<CameraRow[]> => (await c.query<CameraRow>(
  `SELECT ${columns}, count(*) OVER ()::int AS total FROM safety_cameras c JOIN orgs o ON o.id = c.org_id
    WHERE ${permittedSql('c.org_id', allowed, 1, 2)}
      AND ($3::uuid IS NULL OR c.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $3))
      AND (NOT $4 OR (c.filed_on IS NULL AND ${filingDueSql('c.installed_on')} < $5::date))
    ORDER BY o.sort_order, o.name, c.device_id LIMIT $6 OFFSET $7`,
  [allowed.orgs, allowed.roots, f.orgId ?? null, f.filingOverdue ?? false, f.today, f.limit, f.offset])).rows;

export const loadCamera = async (c: Client, id: string, lock = false): Promise<CameraRow | null> =>
  (await c.query<CameraRow>(`SELECT ${columns}, 1 AS total FROM safety_cameras c JOIN orgs o ON o.id = c.org_id WHERE c.id = $1${lock ? ' FOR UPDATE OF c' : ''}`, [id])).rows[0] ?? null;

export const cameraItem = (r: CameraRow, today: string, status: CameraStatus): CameraItem => ({
  id: r.id, deviceId: r.device_id, parentDeviceId: r.parent_device_id, name: r.name, orgId: r.org_id, orgName: r.org_name,
  lat: r.lat, lng: r.lng, ownerUnit: r.owner_unit, installedOn: r.installed_on,
  filingDue: r.filing_due, filedOn: r.filed_on, filingOverdue: r.filed_on === null && r.filing_due < today,
  filedOnTime: r.filed_on === null ? null : r.filed_on <= r.filing_due,
  retentionDays: r.retention_days, signPosted: r.sign_posted, signPostedOn: r.sign_posted_on, status,
});

export type ViewLogRow = { id: string; at: Date; user_name: string; purpose: string; reason: string };
export const listViews = async (c: Client, cameraId: string): Promise<ViewLogRow[]> => (await c.query<ViewLogRow>(
  `SELECT v.id, v.at, u.display_name AS user_name, v.purpose, v.reason FROM safety_camera_views v JOIN users u ON u.id = v.user_id
    WHERE v.camera_id = $1 ORDER BY v.at DESC LIMIT 100`, [cameraId])).rows;
