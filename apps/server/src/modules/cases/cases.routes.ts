import { Type } from 'typebox';
import {
  AssignableQuery, AssignableUserList, AssigneesBody, CaseList, CaseQuery, CaseTypeList, CaseView, ClockLengthBody, ClockLengthList, ClockLengthQuery, ClockLengthView,
  CommentBody, CreateCaseBody, CreatedCase, ErrorSchema, ExtendBody, LinkBody, OverdueList, PartyRevealBody, RevealResult, TransferBody, TransferResult, TransferTargetList, TransitionBody,
} from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { caseCtxOf, runScoped, type Platform } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors.ts';
import { describeCaseType } from '../../platform/cases/definition.ts';
import { createCase } from '../../platform/cases/create-case.ts';
import { takeTransition } from '../../platform/cases/transition.ts';
import { readCase } from '../../platform/cases/case-view.ts';
import { listCases, overdueBoard } from '../../platform/cases/case-queries.ts';
import { addComment, extendDeadline, linkCases, revealParty, setAssignees } from '../../platform/cases/case-actions.ts';
import { listAssignableUsers } from '../../platform/cases/assignable-users.ts';
import { listClockLengths, listAllClockLengths, setClockLength } from '../../platform/cases/clock-lengths.ts';
import { transferCase, transferTargets } from '../../platform/cases/transfer.ts';
import { auditor, runSystem } from '../../platform/platform.ts';

const tags = ['cases'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
/**
 * The case engine's routes, shared by every module's case type. Access: signed in; the
 * engine then checks the case type's own permissions at the case's org (read, handle, each
 * transition's), and row-level security limits everything to the caller's scope.
 */
const access = { signedIn: true } as const;
/**
 * Routes whose every statement runs in `scoped` (runScoped): the session is checked in their
 * own transaction (platform/http/access.ts, sessionInTransaction). Transfer's two routes work
 * on the owner pool and keep the check of their own first.
 */
const config = { access, sessionInTransaction: true } as const;

export const registerCaseRoutes = (app: TypedApp, platform: Platform): void => {
  const scoped = <T>(req: Parameters<typeof signedInActor>[0], fn: (ctx: ReturnType<typeof caseCtxOf>) => Promise<T>): Promise<T> =>
    runScoped(platform, signedInActor(req), (tx) => fn(caseCtxOf(platform, tx)));

  app.get('/api/case-types', {
    config, schema: { tags, summary: '事项类型及其法定流程 Case types and their rules', response: { 200: CaseTypeList, ...errors } },
  }, async () => ({ items: [...platform.cases.types.values()].map(describeCaseType) }));

  const ClockParams = Type.Object({ code: Type.String({ maxLength: 32 }), key: Type.String({ maxLength: 64 }) });

  app.get('/api/case-types/:code/clocks', {
    config,
    schema: { tags, summary: '可由乡镇设定的期限 The clocks a township may set, with the lengths in force', params: Type.Object({ code: Type.String({ maxLength: 32 }) }),
      querystring: ClockLengthQuery, response: { 200: ClockLengthList, ...errors } },
  }, async (req) => ({ items: await scoped(req, (ctx) => listClockLengths(ctx, req.params.code, req.query.townshipId)) }));

  app.get('/api/clock-lengths', {
    config,
    schema: { tags, summary: '各类事项可由乡镇设定的期限 Every type\'s clocks a township may set, with the lengths in force (one request)',
      querystring: ClockLengthQuery, response: { 200: ClockLengthList, ...errors } },
  }, async (req) => ({ items: await scoped(req, (ctx) => listAllClockLengths(ctx, req.query.townshipId)) }));

  app.put('/api/case-types/:code/clocks/:key', {
    config,
    schema: { tags, summary: '设定本乡镇的期限长度（在法定范围内） Set a township\'s length of a clock, within its bounds', params: ClockParams,
      body: ClockLengthBody,
      response: { 200: ClockLengthView, ...errors } },
  }, async (req) => scoped(req, (ctx) => setClockLength(ctx, req.params.code, req.params.key, req.body.townshipId, req.body.length, req.body.category ?? null)));

  app.post('/api/cases', {
    config,
    schema: { tags, summary: '登记事项 Open a case (Idempotency-Key header supported)', body: CreateCaseBody, response: { 200: CreatedCase, ...errors } },
  }, async (req) => {
    const key = req.headers['idempotency-key'];
    if (key !== undefined && (typeof key !== 'string' || !/^[A-Za-z0-9_-]{8,100}$/.test(key))) throw new AppError('VALIDATION', { field: 'Idempotency-Key' });
    return scoped(req, (ctx) => createCase(ctx, { ...req.body, idempotencyKey: key ?? null, tracking: false }));
  });

  app.get('/api/cases', {
    config, schema: { tags, summary: '事项列表与全文检索 List and search cases', querystring: CaseQuery, response: { 200: CaseList, ...errors } },
  }, async (req) => scoped(req, (ctx) => listCases(ctx, req.query)));

  app.get('/api/tasks', {
    config, schema: { tags, summary: '我的待办 My open cases and the unclaimed ones I may take on, most urgent first', querystring: CaseQuery, response: { 200: CaseList, ...errors } },
  }, async (req) => scoped(req, (ctx) => listCases(ctx, { ...req.query, statusKind: 'open' }, { tasks: true })));

  app.get('/api/cases/overdue', {
    config,
    schema: {
      tags, summary: '超期督办 The overdue board',
      response: { 200: OverdueList, ...errors },
    },
  }, async (req) => ({ items: await scoped(req, (ctx) => overdueBoard(ctx)) }));

  app.get('/api/cases/:id', {
    config, schema: { tags, summary: '事项详情 A case', params: IdParams, response: { 200: CaseView, ...errors } },
  }, async (req) => scoped(req, (ctx) => readCase(ctx, req.params.id)));

  app.post('/api/cases/:id/transitions', {
    config, schema: { tags, summary: '办理（流转） Take a transition', params: IdParams, body: TransitionBody, response: { 200: CaseView, ...errors } },
  }, async (req) => scoped(req, async (ctx) => {
    await takeTransition(ctx, req.params.id, req.body);
    return readCase(ctx, req.params.id);
  }));

  app.get('/api/cases/:id/transfer-targets', {
    config: { access },
    schema: { tags, summary: '可转交的单位 The offices and villages of the township a case may be passed to', params: IdParams,
      response: { 200: TransferTargetList, ...errors } },
  }, async (req) => {
    const actor = signedInActor(req);
    return { items: await runSystem(platform, (c) => transferTargets({ client: c, actor, principal: actor.principal, audit: auditor(c, actor), engine: platform.cases }, req.params.id)) };
  });

  app.post('/api/cases/:id/transfer', {
    config: { access },
    schema: { tags, summary: '转交其他单位办理 Pass a case to another office', params: IdParams,
      body: TransferBody, response: { 200: TransferResult, ...errors } },
  }, async (req) => {
    const actor = signedInActor(req);
    await runSystem(platform, (c) => transferCase({ client: c, actor, principal: actor.principal, audit: auditor(c, actor), engine: platform.cases }, req.params.id, req.body));
    return { transferred: true, toOrgId: req.body.toOrgId };
  });

  app.post('/api/cases/:id/comments', {
    config, schema: { tags, summary: '添加备注 Comment', params: IdParams, body: CommentBody, response: { 200: CaseView, ...errors } },
  }, async (req) => scoped(req, async (ctx) => {
    await addComment(ctx, req.params.id, req.body.text, req.body.public ?? false);
    return readCase(ctx, req.params.id);
  }));

  app.get('/api/cases/:id/assignable-users', {
    config,
    schema: { tags, summary: '可指派的承办人 Users who may be assigned to handle a case', params: IdParams, querystring: AssignableQuery, response: { 200: AssignableUserList, ...errors } },
  }, async (req) => scoped(req, (ctx) => listAssignableUsers(ctx, req.params.id, req.query.q)));

  app.put('/api/cases/:id/assignees', {
    config, schema: { tags, summary: '指派承办人 Set assignees', params: IdParams, body: AssigneesBody, response: { 200: CaseView, ...errors } },
  }, async (req) => scoped(req, async (ctx) => {
    await setAssignees(ctx, req.params.id, req.body.userIds);
    return readCase(ctx, req.params.id);
  }));

  app.post('/api/cases/:id/deadlines/:key/extend', {
    config,
    schema: { tags, summary: '延长办理期限 Extend a deadline', params: Type.Object({ id: Type.String({ format: 'uuid' }), key: Type.String({ maxLength: 64 }) }), body: ExtendBody, response: { 200: CaseView, ...errors } },
  }, async (req) => scoped(req, async (ctx) => {
    await extendDeadline(ctx, req.params.id, req.params.key, req.body.length, req.body.reason);
    return readCase(ctx, req.params.id);
  }));

  app.post('/api/cases/:id/links', {
    config, schema: { tags, summary: '关联事项 Link two cases', params: IdParams, body: LinkBody, response: { 200: CaseView, ...errors } },
  }, async (req) => scoped(req, async (ctx) => {
    await linkCases(ctx, req.params.id, req.body.otherCaseId, req.body.kind);
    return readCase(ctx, req.params.id);
  }));

  app.post('/api/cases/:id/parties/:partyId/reveal', {
    config,
    schema: { tags, summary: '查看当事人完整信息（留痕） Reveal a party\'s field, audited', params: Type.Object({ id: Type.String({ format: 'uuid' }), partyId: Type.String({ format: 'uuid' }) }), body: PartyRevealBody, response: { 200: RevealResult, ...errors } },
  }, async (req) => scoped(req, async (ctx) => ({ field: req.body.field, value: await revealParty(ctx, req.params.id, req.params.partyId, req.body.field) })));
};
