import type { CameraBody, CameraCreated, CameraUpdateBody } from '@fazhi/contracts';
import type { Tx } from '../../../platform/platform.ts';
import { assertCanAt } from '../../../platform/access/scope.ts';
import { AppError } from '../../../platform/errors.ts';
import { isCameraDeviceId, isDeviceId } from '../identity.ts';
import { loadCamera } from '../cameras.repository.ts';
import { assertReadable } from '../safety-access.ts';

type Dates = { installedOn: string; filedOn?: string | null; retentionDays: number; signPostedOn?: string | null };

/** The rules a camera's record keeps, whether new or changed. */
const check = (d: Dates, today: string): void => {
  // 条例 第十七条: images are kept no less than 30 days.
  if (d.retentionDays < 30) throw new AppError('SAFETY_RETENTION_TOO_SHORT', { field: 'retentionDays' });
  if (d.installedOn > today) throw new AppError('SAFETY_DATE_IN_FUTURE', { field: 'installedOn' });
  if (d.filedOn && d.filedOn > today) throw new AppError('SAFETY_DATE_IN_FUTURE', { field: 'filedOn' });
  if (d.signPostedOn && d.signPostedOn > today) throw new AppError('SAFETY_DATE_IN_FUTURE', { field: 'signPostedOn' });
  if (d.filedOn && d.filedOn < d.installedOn) throw new AppError('SAFETY_FILING_BEFORE_INSTALL', { field: 'filedOn' });
};

/** Registers a camera of a village (or grid, or the township itself) with its GB/T 28181 code. */
export const registerCamera = async (tx: Tx, today: string, b: CameraBody): Promise<CameraCreated> => {
  const org = (await tx.client.query<{ kind: string; township_id: string | null }>('SELECT kind, township_id FROM orgs WHERE id = $1', [b.orgId])).rows[0];
  if (!org) throw new AppError('NOT_FOUND');
  await assertCanAt(tx.client, tx.principal, 'safety.camera.handle', b.orgId);
  if (!org.township_id || org.kind === 'county') throw new AppError('SAFETY_ORG_NOT_VILLAGE');
  if (!isCameraDeviceId(b.deviceId)) throw new AppError('SAFETY_DEVICE_ID_INVALID', { field: 'deviceId' });
  if (b.parentDeviceId !== undefined && !isDeviceId(b.parentDeviceId)) throw new AppError('SAFETY_DEVICE_ID_INVALID', { field: 'parentDeviceId' });
  if (b.name.trim() === '' || b.ownerUnit.trim() === '') throw new AppError('VALIDATION', { field: b.name.trim() === '' ? 'name' : 'ownerUnit' });
  check(b, today);
  const taken = await tx.client.query('SELECT 1 FROM safety_cameras WHERE device_id = $1', [b.deviceId]);
  if ((taken.rowCount ?? 0) > 0) throw new AppError('SAFETY_DEVICE_ID_TAKEN');
  const { rows } = await tx.client.query<{ id: string }>(
    `INSERT INTO safety_cameras (township_id, org_id, device_id, parent_device_id, name, lat, lng, owner_unit, installed_on, filed_on, retention_days, sign_posted, sign_posted_on, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [org.township_id, b.orgId, b.deviceId, b.parentDeviceId ?? b.deviceId, b.name.trim(), b.lat, b.lng, b.ownerUnit.trim(), b.installedOn,
      b.filedOn ?? null, b.retentionDays, b.signPosted, b.signPosted ? (b.signPostedOn ?? null) : null, tx.principal.userId]);
  const id = rows[0]?.id ?? '';
  await tx.audit({ orgId: b.orgId, townshipId: org.township_id, action: 'safety.camera.register', entity: 'safety_camera', entityId: id,
    after: { deviceId: b.deviceId, installedOn: b.installedOn, filedOn: b.filedOn ?? null, retentionDays: b.retentionDays } });
  return { id };
};

/** Records the 备案, the retention or the sign of a camera (or corrects its name and owner unit). */
export const updateCamera = async (tx: Tx, today: string, id: string, b: CameraUpdateBody): Promise<void> => {
  const c = await loadCamera(tx.client, id, true);
  if (!c) throw new AppError('NOT_FOUND');
  await assertReadable(tx.client, tx.principal, 'safety.camera.read', c.org_id);
  await assertCanAt(tx.client, tx.principal, 'safety.camera.handle', c.org_id);
  const next = {
    name: b.name?.trim() || c.name, ownerUnit: b.ownerUnit?.trim() || c.owner_unit, installedOn: c.installed_on,
    filedOn: b.filedOn ?? c.filed_on, retentionDays: b.retentionDays ?? c.retention_days,
    signPosted: b.signPosted ?? c.sign_posted, signPostedOn: b.signPostedOn ?? c.sign_posted_on,
  };
  check(next, today);
  await tx.client.query(
    `UPDATE safety_cameras SET name = $2, owner_unit = $3, filed_on = $4, retention_days = $5, sign_posted = $6, sign_posted_on = $7 WHERE id = $1`,
    [id, next.name, next.ownerUnit, next.filedOn, next.retentionDays, next.signPosted, next.signPosted ? next.signPostedOn : null]);
  await tx.audit({ orgId: c.org_id, townshipId: c.township_id, action: 'safety.camera.update', entity: 'safety_camera', entityId: id,
    before: { filedOn: c.filed_on, retentionDays: c.retention_days, signPosted: c.sign_posted }, after: b });
};
