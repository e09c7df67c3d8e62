import { Type } from 'typebox';
import type { TypedApp } from '../../platform/http/types.ts';
import { runScoped, type Platform } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors.ts';
import { loadCaseHead } from '../../platform/cases/transition.ts';
import { caseCtxOf } from '../../platform/platform.ts';
import { applyOnline } from './use-cases/apply-online.ts';
import {
  AppliedCaseView, ApplicationBody, AssignMediatorsBody, CommitteeBody, CommitteeList, CreatedId, ErrorSchema, MediatorBody, ScheduledSessionList, SessionBody, SessionList, SessionsQuery,
  SignatureBody, SuggestionList,
} from '@fazhi/contracts';
import { assignMediators, createCommittee, createMediator, listCommittees, suggestMediators } from './mediation.registry.ts';
import { listSessions, listSessionsInRange, recordSession, signSession } from './mediation.sessions.ts';

const tags = ['mediation'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const registerMediationRegistryRoutes = (app: TypedApp, platform: Platform): void => {
  app.get('/api/mediation/committees', {
    config: { access: { permission: 'mediation.read' }, sessionInTransaction: true },
    schema: { tags, summary: '调解组织与调解员 Committees, studios and mediators', response: { 200: CommitteeList, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => ({ items: await listCommittees(platform, tx) })));

  app.post('/api/mediation/committees', {
    config: { access: { permission: 'mediation.handle' }, sessionInTransaction: true },
    schema: { tags, summary: '新建调解组织 Create a committee or studio', body: CommitteeBody, response: { 200: CreatedId, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => ({ id: await createCommittee(tx, req.body) })));

  app.post('/api/mediation/mediators', {
    config: { access: { permission: 'mediation.handle' }, sessionInTransaction: true },
    schema: { tags, summary: '新增调解员 Add a mediator', body: MediatorBody, response: { 200: CreatedId, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => ({ id: await createMediator(platform, tx, req.body) })));

  app.get('/api/mediation/cases/:id/suggested-mediators', {
    config: { access: { permission: 'mediation.read' }, sessionInTransaction: true },
    schema: { tags, summary: '推荐调解员 Suggested mediators for a case', params: IdParams, response: { 200: SuggestionList, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    await loadCaseHead(caseCtxOf(platform, tx), req.params.id);
    return { items: await suggestMediators(platform, tx, req.params.id) };
  }));

  app.put('/api/mediation/cases/:id/mediators', {
    config: { access: { permission: 'mediation.handle' }, sessionInTransaction: true },
    schema: { tags, summary: '指定调解员 Assign mediators', params: IdParams, body: AssignMediatorsBody, response: { 204: Type.Null(), ...errors } },
  }, async (req, reply) => {
    await runScoped(platform, signedInActor(req), (tx) => assignMediators(tx, req.params.id, req.body.mediatorIds, req.body.leadId));
    return reply.status(204).send(null);
  });

  app.get('/api/mediation/cases/:id/sessions', {
    config: { access: { permission: 'mediation.read' }, sessionInTransaction: true },
    schema: { tags, summary: '调解笔录 Session records of a case', params: IdParams, response: { 200: SessionList, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    await loadCaseHead(caseCtxOf(platform, tx), req.params.id);
    return { items: await listSessions(tx, req.params.id) };
  }));

  app.get('/api/mediation/sessions', {
    config: { access: { permission: 'mediation.read' }, sessionInTransaction: true },
    schema: { tags, summary: '调解日程 Sessions across the caller\'s cases in a date range (at most 92 days)', querystring: SessionsQuery, response: { 200: ScheduledSessionList, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), (tx) => listSessionsInRange(tx, req.query)));

  app.post('/api/mediation/cases/:id/sessions', {
    config: { access: { permission: 'mediation.handle' }, sessionInTransaction: true },
    schema: { tags, summary: '记录调解 Record a session', params: IdParams, body: SessionBody, response: { 200: CreatedId, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    await loadCaseHead(caseCtxOf(platform, tx), req.params.id);
    return { id: await recordSession(tx, req.params.id, req.body) };
  }));

  app.post('/api/mediation/sessions/:id/signatures', {
    config: { access: { permission: 'mediation.handle' }, sessionInTransaction: true },
    schema: { tags, summary: '当事人签名 Sign a session record', params: IdParams, body: SignatureBody, response: { 204: Type.Null(), ...errors } },
  }, async (req, reply) => {
    await runScoped(platform, signedInActor(req), (tx) => signSession(tx, req.params.id, req.body));
    return reply.status(204).send(null);
  });

  /** A citizen applies for mediation on the portal and gets a tracking number and query code, on screen and by SMS. */
  app.post('/api/public/mediation/applications', {
    config: { access: { public: true, rateLimitPerMinute: 10 } },
    schema: { tags: ['public'], summary: '网上申请人民调解 Apply for mediation online (Idempotency-Key supported)', body: ApplicationBody, response: { 200: AppliedCaseView, 400: ErrorSchema, 404: ErrorSchema, 429: ErrorSchema } },
  }, async (req) => {
    const key = req.headers['idempotency-key'];
    if (key !== undefined && (typeof key !== 'string' || !/^[A-Za-z0-9_-]{8,100}$/.test(key))) throw new AppError('VALIDATION', { field: 'Idempotency-Key' });
    return applyOnline(platform, { principal: null, ip: req.ip, requestId: String(req.id) }, req.body, key ?? null);
  });
};
