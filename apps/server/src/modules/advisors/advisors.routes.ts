import { Type } from 'typebox';
import {
  AdvisorCandidates, AdvisorQueue, AdvisorQueueQuery, AdvisorServiceBody, AdvisorServiceCreated, AdvisorServiceList, AdvisorServiceQuery, ErrorSchema,
  LegalAdvisorBody, LegalAdvisorList, LegalAdvisorPatch, LegalAdvisorQuery, LegalAdvisorView,
} from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { runScoped, type Platform } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { defaultOrgOf } from '../../platform/access/scope.ts';
import { advisorCandidates, appointAdvisor, changeAdvisor, listAdvisors, listServices, logService, reviewQueue } from './advisors.repository.ts';

const tags = ['advisors'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/**
 * The legal advisors' work beside the review cases (which are the engine's, `/api/cases`): the
 * review queue, the advisors named for the villages and the township (一村一法律顾问), and the
 * service log with hours (服务台账).
 */
export const registerAdvisorRoutes = (app: TypedApp, platform: Platform): void => {
  const today = () => platform.cases.today();

  app.get('/api/advisors/queue', {
    config: { access: { permission: 'advisor.read' } },
    schema: { tags, summary: '法律审查事项队列（待受理、我的、超期、待反馈） The review queue', querystring: AdvisorQueueQuery, response: { 200: AdvisorQueue, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), (tx) => reviewQueue(tx.client, platform.cases, tx.principal, req.query)));

  app.get('/api/advisors/advisors', {
    config: { access: { permission: 'advisor.read' } },
    schema: { tags, summary: '村（社区）法律顾问配备情况 The advisors named for the villages and the township', querystring: LegalAdvisorQuery, response: { 200: LegalAdvisorList, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), (tx) => listAdvisors(tx, platform.keys.fields, today(), req.query.orgId ?? defaultOrgOf(tx.principal, 'advisor.read'))));

  app.get('/api/advisors/candidates', {
    config: { access: { permission: 'advisor.read' } },
    schema: { tags, summary: '可出具审查意见的法律顾问 The people who may give opinions at an org', querystring: LegalAdvisorQuery, response: { 200: AdvisorCandidates, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), (tx) => advisorCandidates(tx, req.query.orgId ?? defaultOrgOf(tx.principal, 'advisor.read'))));

  app.post('/api/advisors/advisors', {
    config: { access: { permission: 'advisor.manage' } },
    schema: { tags, summary: '配备村（社区）法律顾问 Name a village\'s advisor', body: LegalAdvisorBody, response: { 200: LegalAdvisorView, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), (tx) => appointAdvisor(tx, platform.keys.fields, today(), req.body)));

  app.patch('/api/advisors/advisors/:id', {
    config: { access: { permission: 'advisor.manage' } },
    schema: { tags, summary: '修改聘任信息或终止聘任 Change or end an appointment', params: IdParams, body: LegalAdvisorPatch, response: { 200: LegalAdvisorView, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), (tx) => changeAdvisor(tx, platform.keys.fields, today(), req.params.id, req.body)));

  app.get('/api/advisors/services', {
    config: { access: { permission: 'advisor.read' } },
    schema: { tags, summary: '法律顾问服务台账及时长合计 The service log and its hours', querystring: AdvisorServiceQuery, response: { 200: AdvisorServiceList, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), (tx) => listServices(tx, today(), req.query)));

  app.post('/api/advisors/services', {
    config: { access: { permission: 'advisor.review' } },
    schema: { tags, summary: '登记法律顾问服务 Log a service', body: AdvisorServiceBody, response: { 200: AdvisorServiceCreated, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => ({ item: await logService(tx, today(), req.body) })));
};
