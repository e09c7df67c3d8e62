import { Type } from 'typebox';
import { ErrorSchema, RatingBody, TrackQuery, TrackView } from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { runSystem, type Platform } from '../../platform/platform.ts';
import { AppError } from '../../platform/errors.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { rateCase, trackCase } from '../../platform/cases/tracking.ts';

/** Citizens follow their case by tracking number and query code, and rate it when it closes. */
export const registerTrackingRoutes = (app: TypedApp, platform: Platform): void => {
  const errors = { 400: ErrorSchema, 404: ErrorSchema, 422: ErrorSchema, 423: ErrorSchema, 429: ErrorSchema };
  app.get('/api/public/track', {
    config: { access: { public: true, rateLimitPerMinute: 30 } },
    schema: { tags: ['public'], summary: '案件查询 Follow a case', querystring: TrackQuery, response: { 200: TrackView, ...errors } },
  }, async (req) => {
    const r = await runSystem(platform, (c) => trackCase(c, platform.cases, req.query.no, req.query.code));
    if (!r.ok) throw new AppError(r.code);
    return r.view;
  });

  app.post('/api/public/track/rating', {
    config: { access: { public: true, rateLimitPerMinute: 30 } },
    schema: { tags: ['public'], summary: '好差评 Rate a closed case', body: RatingBody, response: { 204: Type.Null(), ...errors } },
  }, async (req, reply) => {
    const { no, code, ...rating } = req.body;
    const r = await runSystem(platform, async (c) => {
      const out = await rateCase(c, no, code, rating);
      if (out.ok) {
        await appendAudit(c, { actorId: null, orgId: out.orgId, townshipId: out.townshipId, action: 'case.rate', entity: 'case', entityId: out.caseId,
          after: { score: rating.score, officeScore: rating.officeScore ?? null }, ip: req.ip, requestId: String(req.id) });
      }
      return out;
    });
    if (!r.ok) throw new AppError(r.code);
    return reply.status(204).send(null);
  });
};
