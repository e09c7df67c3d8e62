import { Type } from 'typebox';
import {
  CameraBody, CameraCreated, CameraList, CameraQuery, CameraUpdateBody, CameraView, CameraViewBody, CameraViewGranted, ErrorSchema,
} from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { runScoped, type Platform } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { assertCanAt, canAt } from '../../platform/access/scope.ts';
import { AppError } from '../../platform/errors.ts';
import { cameraItem, listCameras, listViews, loadCamera } from './cameras.repository.ts';
import { assertReadable, permittedOrgs } from './safety-access.ts';
import { registerCamera, updateCamera } from './use-cases/register-camera.ts';
import { videoPlatformOf } from './video-platform.ts';

const tags = ['safety'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/**
 * The camera registry (雪亮工程, 天翼云眼). Online status and live view come from the video
 * platform (video-platform.ts), asked after the transaction has ended so that no database
 * connection waits on it. Images are shown only after the view and its reason are on record
 * (公共安全视频图像信息系统管理条例 第十六条第二款第三项: 如实记录查阅、调取视频图像信息的事由、
 * 内容及调用人员), committed before the platform is asked.
 */
export const registerCameraRoutes = (app: TypedApp, platform: Platform): void => {
  const video = videoPlatformOf(platform.config);

  app.get('/api/safety/cameras', {
    config: { access: { permission: 'safety.camera.read' } },
    schema: { tags, summary: '视频监控台账 The camera registry', querystring: CameraQuery, response: { 200: CameraList, ...errors } },
  }, async (req) => {
    const q = req.query;
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const today = platform.cases.today();
    const rows = await runScoped(platform, signedInActor(req), (tx) => listCameras(tx.client, permittedOrgs(tx.principal, 'safety.camera.read'),
      { orgId: q.orgId, filingOverdue: q.filingOverdue, today, limit: pageSize, offset: (page - 1) * pageSize }));
    const status = await video.status(rows.map((r) => ({ deviceId: r.device_id, parentDeviceId: r.parent_device_id })));
    return {
      items: rows.map((r) => cameraItem(r, today, status.get(r.device_id) ?? 'unknown')),
      total: rows[0]?.total ?? 0, platform: video.connected ? 'connected' as const : 'unconnected' as const,
    };
  });

  app.post('/api/safety/cameras', {
    config: { access: { permission: 'safety.camera.handle' } },
    schema: { tags, summary: '登记视频监控设备 Register a camera', body: CameraBody, response: { 200: CameraCreated, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), (tx) => registerCamera(tx, platform.cases.today(), req.body)));

  app.patch('/api/safety/cameras/:id', {
    config: { access: { permission: 'safety.camera.handle' } },
    schema: { tags, summary: '登记备案、存储期限、提示标识 Record the filing, retention, sign', params: IdParams, body: CameraUpdateBody, response: { 200: CameraCreated, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    await updateCamera(tx, platform.cases.today(), req.params.id, req.body);
    return { id: req.params.id };
  }));

  app.get('/api/safety/cameras/:id', {
    config: { access: { permission: 'safety.camera.read' } },
    schema: { tags, summary: '视频监控设备及调阅登记 A camera and its view log', params: IdParams, response: { 200: CameraView, ...errors } },
  }, async (req) => {
    const loaded = await runScoped(platform, signedInActor(req), async (tx) => {
      const c = await loadCamera(tx.client, req.params.id);
      if (!c) throw new AppError('NOT_FOUND');
      await assertReadable(tx.client, tx.principal, 'safety.camera.read', c.org_id);
      return {
        c, views: await listViews(tx.client, c.id),
        actions: { edit: await canAt(tx.client, tx.principal, 'safety.camera.handle', c.org_id), view: await canAt(tx.client, tx.principal, 'safety.camera.view', c.org_id) },
      };
    });
    const status = await video.status([{ deviceId: loaded.c.device_id, parentDeviceId: loaded.c.parent_device_id }]);
    return {
      camera: cameraItem(loaded.c, platform.cases.today(), status.get(loaded.c.device_id) ?? 'unknown'),
      views: loaded.views.map((v) => ({ id: v.id, at: v.at.toISOString(), user: v.user_name, purpose: v.purpose, reason: v.reason })),
      actions: loaded.actions,
    };
  });

  app.post('/api/safety/cameras/:id/views', {
    config: { access: { permission: 'safety.camera.view' } },
    schema: { tags, summary: '调阅视频图像（先登记事由） View images, the reason recorded first', params: IdParams, body: CameraViewBody, response: { 200: CameraViewGranted, ...errors } },
  }, async (req) => {
    const reason = req.body.reason.trim();
    if (reason.length < 4) throw new AppError('VALIDATION', { field: 'reason' });
    const logged = await runScoped(platform, signedInActor(req), async (tx) => {
      const c = await loadCamera(tx.client, req.params.id);
      if (!c) throw new AppError('NOT_FOUND');
      await assertReadable(tx.client, tx.principal, 'safety.camera.read', c.org_id);
      await assertCanAt(tx.client, tx.principal, 'safety.camera.view', c.org_id);
      const id = (await tx.client.query<{ id: string }>(
        'INSERT INTO safety_camera_views (camera_id, township_id, org_id, user_id, purpose, reason) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        [c.id, c.township_id, c.org_id, tx.principal.userId, req.body.purpose, reason])).rows[0]?.id ?? '';
      await tx.audit({ orgId: c.org_id, townshipId: c.township_id, action: 'safety.camera.view', entity: 'safety_camera', entityId: c.id,
        after: { viewId: id, purpose: req.body.purpose, reason, deviceId: c.device_id } });
      return { id, c };
    });
    // An export is made in the video platform itself; what Fazhi gives is the record of it.
    if (req.body.purpose !== 'live') return { viewId: logged.id, status: video.connected ? 'unknown' as const : 'unconnected' as const, streams: { flv: null, wsFlv: null, hls: null, rtsp: null } };
    const played = await video.play({ deviceId: logged.c.device_id, parentDeviceId: logged.c.parent_device_id });
    return { viewId: logged.id, ...played };
  });
};
