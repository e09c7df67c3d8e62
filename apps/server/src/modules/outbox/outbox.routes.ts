import { Type } from 'typebox';
import { ErrorSchema, OutboxList, OutboxQuery, OutboxView } from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { runSystem, type Platform } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { requeueMessage } from '../../platform/outbox/outbox.ts';
import { listOutbox, readOutbox } from './outbox.repository.ts';

const tags = ['outbox'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const access = { permission: 'settings.manage' } as const;

/**
 * The outbox serves the whole deployment (one SMS gateway, one mail server), so it is the
 * concern of an administrator over the whole deployment: settings.manage with scope 'all',
 * as for the national holiday calendar (modules/calendar/calendar.routes.ts).
 */
const deploymentAdmin = (req: Parameters<typeof signedInActor>[0]) => {
  const actor = signedInActor(req);
  if (!actor.principal.grants.some((g) => g.scope === 'all' && g.permissions.includes('settings.manage'))) throw new AppError('FORBIDDEN');
  return actor;
};

export const registerOutboxRoutes = (app: TypedApp, platform: Platform): void => {
  const keys = platform.keys.fields;

  app.get('/api/outbox', {
    config: { access },
    schema: { tags, summary: '短信与邮件发送记录 Outgoing SMS and e-mail (status=failed: what needs attention)', querystring: OutboxQuery, response: { 200: OutboxList, ...errors } },
  }, async (req) => {
    deploymentAdmin(req);
    return runSystem(platform, (c) => listOutbox(c, keys, req.query));
  });

  app.post('/api/outbox/:id/retry', {
    config: { access },
    schema: { tags, summary: '重新发送 Send a failed message again', params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 200: OutboxView, ...errors } },
  }, async (req) => {
    const actor = deploymentAdmin(req);
    return runSystem(platform, async (c) => {
      const before = await requeueMessage(c, req.params.id);
      if (before === null) throw new AppError('NOT_FOUND');
      if (before === 'not-retryable') throw new AppError('OUTBOX_NOT_RETRYABLE');
      const item = await readOutbox(c, keys, req.params.id);
      if (!item) throw new AppError('NOT_FOUND');
      await appendAudit(c, { actorId: actor.principal.userId, orgId: actor.principal.orgId, townshipId: item.townshipId, action: 'outbox.retry', entity: 'outbox',
        entityId: item.id, before, after: { status: item.status, attempts: item.attempts }, ip: actor.ip, requestId: actor.requestId });
      return item;
    });
  });
};
