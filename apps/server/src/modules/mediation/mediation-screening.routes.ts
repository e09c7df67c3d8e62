import { Type } from 'typebox';
import { CreatedId, ErrorSchema, OpenScreeningBody, ScreeningAnswer, ScreeningQuery, ScreeningRoundList } from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { runScoped, type Platform } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { createRound, screeningBoard, submitReturn } from './mediation.screening.ts';

const tags = ['mediation'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const Id = Type.String({ format: 'uuid' });

export const registerScreeningRoutes = (app: TypedApp, platform: Platform): void => {
  app.get('/api/mediation/screenings', {
    config: { access: { permission: 'mediation.read' } },
    schema: { tags, summary: '矛盾纠纷排查及覆盖情况 Screening rounds and coverage', querystring: ScreeningQuery, response: { 200: ScreeningRoundList, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => ({ items: await screeningBoard(tx.client, req.query.year) })));

  app.post('/api/mediation/screenings', {
    config: { access: { permission: 'mediation.handle' } },
    schema: {
      tags, summary: '发起排查 Open a screening round',
      body: OpenScreeningBody,
      response: { 200: CreatedId, ...errors },
    },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => ({ id: await createRound(tx, req.body.townshipId, req.body.period, req.body.dueOn) })));

  app.put('/api/mediation/screenings/:id/returns/:orgId', {
    config: { access: { permission: 'mediation.handle' } },
    schema: {
      tags, summary: '上报排查结果（含零上报） Answer a round: disputes found or nil',
      params: Type.Object({ id: Id, orgId: Id }),
      body: ScreeningAnswer,
      response: { 204: Type.Null(), ...errors },
    },
  }, async (req, reply) => {
    await runScoped(platform, signedInActor(req), (tx) => submitReturn(tx, req.params.id, req.params.orgId, req.body));
    return reply.status(204).send(null);
  });
};
