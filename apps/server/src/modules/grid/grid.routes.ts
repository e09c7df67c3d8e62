import { Type } from 'typebox';
import {
  ErrorSchema, GridEventBody, GridEventCreated, GridLinkedCase, GridMediationBody, GridMemberList, GridPetitionBody, GridMemberQuery, MyGrids,
  PublicGridMemberQuery, PublicGridReportBody, PublicGridReportCreated,
} from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { auditor, caseCtxOf, runScoped, runSystem, type Platform } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { assertCanAt, defaultOrgOf } from '../../platform/access/scope.ts';
import { AppError } from '../../platform/errors.ts';
import { referGridEventToMediation, referGridEventToPetition, reportGridEvent } from './grid.events.ts';
import { listMembers, myGrids, publicMembers } from './grid.members.ts';
import { photoOfDataUrl, submitCitizenReport } from './grid.public.ts';

const tags = ['grid'];
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const publicErrors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema, 429: ErrorSchema, 503: ErrorSchema };

const idempotencyKeyOf = (h: unknown): string | null => {
  if (h === undefined) return null;
  if (typeof h !== 'string' || !/^[A-Za-z0-9_-]{8,100}$/.test(h)) throw new AppError('VALIDATION', { field: 'Idempotency-Key' });
  return h;
};

/**
 * Grid events (网格事件): the worker's report, the referral to mediation, the worker's grids,
 * the published duty list and the citizens' 随手拍. The event itself — its page, steps,
 * transfer to an office, clocks — is the engine's (`/api/cases`); Open311 is open311.routes.ts.
 */
export const registerGridRoutes = (app: TypedApp, platform: Platform): void => {
  app.post('/api/grid/events', {
    config: { access: { permission: 'grid.report' } },
    schema: { tags, summary: '上报网格事件（可就地办结） Report a grid event (Idempotency-Key supported)', body: GridEventBody, response: { 200: GridEventCreated, ...errors } },
  }, async (req) => {
    const key = idempotencyKeyOf(req.headers['idempotency-key']);
    return runScoped(platform, signedInActor(req), (tx) => reportGridEvent(caseCtxOf(platform, tx), req.body, key));
  });

  // The owner connection, as a petition's referral: the mediation case lies with a committee
  // the 综治中心 does not act for; the caller's grants on the event are checked in the use case.
  app.post('/api/grid/events/:id/mediation', {
    config: { access: { permission: 'grid.dispatch' } },
    schema: { tags, summary: '网格事件转人民调解 Refer the event to people\'s mediation (linked case)', params: IdParams, body: GridMediationBody, response: { 200: GridLinkedCase, ...errors } },
  }, async (req) => {
    const actor = signedInActor(req);
    return runSystem(platform, (c) => referGridEventToMediation({ client: c, actor, principal: actor.principal, audit: auditor(c, actor), engine: platform.cases }, req.params.id, req.body));
  });

  app.post('/api/grid/events/:id/petition', {
    config: { access: { permission: 'grid.dispatch' } },
    schema: { tags, summary: '网格事件转信访 Refer the event to the petition office (linked case)', params: IdParams, body: GridPetitionBody, response: { 200: GridLinkedCase, ...errors } },
  }, async (req) => {
    const actor = signedInActor(req);
    return runSystem(platform, (c) => referGridEventToPetition({ client: c, actor, principal: actor.principal, audit: auditor(c, actor), engine: platform.cases }, req.params.id, req.body));
  });

  app.get('/api/grid/mine', {
    config: { access: { permission: 'grid.read' } },
    schema: { tags, summary: '我的网格：网格成员与职责、事件数 The caller\'s grids', response: { 200: MyGrids, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), (tx) => myGrids(tx.client, platform.keys.fields, tx.principal, platform.cases.today())));

  app.get('/api/grid/members', {
    config: { access: { permission: 'grid.read' } },
    schema: { tags, summary: '网格成员与职责清单 The people of the grids under an org', querystring: GridMemberQuery, response: { 200: GridMemberList, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const orgId = req.query.orgId ?? defaultOrgOf(tx.principal, 'grid.read');
    await assertCanAt(tx.client, tx.principal, 'grid.read', orgId);
    return { items: await listMembers(tx.client, platform.keys.fields, orgId) };
  }));

  app.get('/api/public/grid/members', {
    config: { access: { public: true, rateLimitPerMinute: 60 } },
    schema: { tags: ['public'], summary: '网格员公示（姓名、电话、职责） The published grid duty list', querystring: PublicGridMemberQuery, response: { 200: GridMemberList, ...publicErrors } },
  }, async (req) => ({ items: await runSystem(platform, (c) => publicMembers(c, platform.keys.fields, req.query.township ?? null)) }));

  app.post('/api/public/grid/reports', {
    config: { access: { public: true, rateLimitPerMinute: 10 } },
    // The body carries a shrunk photo: up to about 1 MB of JSON.
    bodyLimit: 1024 * 1024,
    schema: { tags: ['public'], summary: '随手拍 A citizen\'s report with photo and position (Idempotency-Key supported)', body: PublicGridReportBody, response: { 200: PublicGridReportCreated, ...publicErrors } },
  }, async (req) => {
    const b = req.body;
    const r = await submitCitizenReport(platform, { principal: null, ip: req.ip, requestId: String(req.id) }, {
      channel: 'portal', township: b.township ?? null, villageId: b.villageId ?? null, position: b.position ?? null, address: b.address ?? null,
      category: b.category, description: b.description, photo: b.photo ? photoOfDataUrl(b.photo) : null,
      reporter: b.reporter ?? null,
    }, idempotencyKeyOf(req.headers['idempotency-key']));
    return { ref: r.ref, trackingNo: r.trackingNo, queryCode: r.queryCode, replayed: r.replayed };
  });
};
