import { Type } from 'typebox';
import { ErrorSchema } from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { runScoped, type Platform } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { createRound, screeningBoard, submitReturn } from './mediation.screening.ts';

const tags = ['mediation'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const Id = Type.String({ format: 'uuid' });
const ReturnView = Type.Object({ orgId: Id, orgName: Type.String(), status: Type.String(), cases: Type.Integer(), returnedAt: Type.Union([Type.String(), Type.Null()]) });
const RoundView = Type.Object({
  id: Id, period: Type.String(), title: Type.String(), dueOn: Type.String(), townshipId: Id, townshipName: Type.String(), returns: Type.Array(ReturnView),
  answered: Type.Integer(), total: Type.Integer(), fullCoverage: Type.Boolean(), found: Type.Integer(),
});

export const registerScreeningRoutes = (app: TypedApp, platform: Platform): void => {
  app.get('/api/mediation/screenings', {
    config: { access: { permission: 'mediation.read' } },
    schema: { tags, summary: '矛盾纠纷排查及覆盖情况 Screening rounds and coverage', querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(RoundView) }), ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => ({ items: await screeningBoard(tx.client, req.query.year) })));

  app.post('/api/mediation/screenings', {
    config: { access: { permission: 'mediation.handle' } },
    schema: {
      tags, summary: '发起排查 Open a screening round',
      body: Type.Object({ townshipId: Id, period: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' }), dueOn: Type.String({ format: 'date' }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ id: Id }), ...errors },
    },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => ({ id: await createRound(tx, req.body.townshipId, req.body.period, req.body.dueOn) })));

  app.put('/api/mediation/screenings/:id/returns/:orgId', {
    config: { access: { permission: 'mediation.handle' } },
    schema: {
      tags, summary: '上报排查结果（含零上报） Answer a round: disputes found or nil',
      params: Type.Object({ id: Id, orgId: Id }),
      body: Type.Union([
        Type.Object({ nil: Type.Literal(true), note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
        Type.Object({ nil: Type.Literal(false), caseIds: Type.Array(Id, { minItems: 1, maxItems: 200 }), note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
      ]),
      response: { 204: Type.Null(), ...errors },
    },
  }, async (req, reply) => {
    await runScoped(platform, signedInActor(req), (tx) => submitReturn(tx, req.params.id, req.params.orgId, req.body));
    return reply.status(204).send(null);
  });
};
