import { Type } from 'typebox';
import {
  Budget, BudgetBody, BudgetItemBody, BudgetQuery, EndMembershipBody, ErrorSchema, GovernanceCreated, LeadershipMemberBody, PlanBody, PlanDetail, PlanList, PlanQuery, Roster,
  RosterGroupBody, RosterQuery,
} from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { runScoped, type Platform } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { addMember, addSpending, createPlan, endMember, listPlans, readBudget, readPlan, readRoster, saveBudget, saveGroup, townshipFor } from './leadership.ts';

const tags = ['governance'];
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };

/**
 * The leadership group's roster, its implementation plans (each task a `plan_task` case on the
 * engine: registered, supervised and closed through `/api/cases`) and the budget line.
 */
export const registerLeadershipRoutes = (app: TypedApp, platform: Platform): void => {
  const today = (): string => platform.cases.today();

  app.get('/api/governance/roster', {
    config: { access: { permission: 'governance.read' } },
    schema: { tags, summary: '法治建设领导小组成员（某日在任，或全部任职记录） The leadership group roster', querystring: RosterQuery, response: { 200: Roster, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) =>
    readRoster(tx, platform.keys.fields, await townshipFor(tx, req.query.townshipId, 'governance.read'), req.query.on ?? today(), req.query.history ?? false)));

  app.put('/api/governance/roster/group', {
    config: { access: { permission: 'governance.handle' } },
    schema: { tags, summary: '领导小组名称和办公室设置 The group\'s name and its office', body: RosterGroupBody, response: { 204: Type.Null(), ...errors } },
  }, async (req, reply) => {
    await runScoped(platform, signedInActor(req), (tx) => saveGroup(tx, req.body));
    return reply.status(204).send(null);
  });

  app.post('/api/governance/roster/members', {
    config: { access: { permission: 'governance.handle' } },
    schema: { tags, summary: '增加领导小组成员 Add a member', body: LeadershipMemberBody, response: { 200: GovernanceCreated, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), (tx) => addMember(tx, platform.keys.fields, req.body)));

  app.post('/api/governance/roster/members/:id/end', {
    config: { access: { permission: 'governance.handle' } },
    schema: { tags, summary: '成员任职截止（记录保留） End a membership (kept as history)', params: IdParams, body: EndMembershipBody, response: { 204: Type.Null(), ...errors } },
  }, async (req, reply) => {
    await runScoped(platform, signedInActor(req), (tx) => endMember(tx, req.params.id, req.body));
    return reply.status(204).send(null);
  });

  app.get('/api/governance/plans', {
    config: { access: { permission: 'governance.read' } },
    schema: { tags, summary: '法治建设实施方案 Implementation plans', querystring: PlanQuery, response: { 200: PlanList, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) =>
    listPlans(tx, await townshipFor(tx, req.query.townshipId, 'governance.read'), req.query.year, today())));

  app.post('/api/governance/plans', {
    config: { access: { permission: 'governance.handle' } },
    schema: { tags, summary: '登记实施方案 Record an implementation plan', body: PlanBody, response: { 200: GovernanceCreated, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), (tx) => createPlan(tx, req.body)));

  app.get('/api/governance/plans/:id', {
    config: { access: { permission: 'governance.read' } },
    schema: { tags, summary: '实施方案及其任务（时限、督办） A plan with its tasks', params: IdParams, response: { 200: PlanDetail, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), (tx) => readPlan(tx, platform.cases, req.params.id, today())));

  app.get('/api/governance/budget', {
    config: { access: { permission: 'governance.read' } },
    schema: { tags, summary: '法治建设经费（预算、支出、结余） The rule-of-law budget line of a year', querystring: BudgetQuery, response: { 200: Budget, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) =>
    readBudget(tx, await townshipFor(tx, req.query.townshipId, 'governance.read'), req.query.year)));

  app.put('/api/governance/budget', {
    config: { access: { permission: 'governance.handle' } },
    schema: { tags, summary: '设置年度法治建设经费预算 Set the year\'s budget', body: BudgetBody, response: { 204: Type.Null(), ...errors } },
  }, async (req, reply) => {
    await runScoped(platform, signedInActor(req), (tx) => saveBudget(tx, req.body));
    return reply.status(204).send(null);
  });

  app.post('/api/governance/budget/items', {
    config: { access: { permission: 'governance.handle' } },
    schema: { tags, summary: '登记经费支出 Record an item spent', body: BudgetItemBody, response: { 200: GovernanceCreated, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), (tx) => addSpending(tx, req.body, today())));
};
