import { Type } from 'typebox';
import { ErrorSchema, RatingBody, TrackLookup, TrackQuery } from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { runSystem, type Platform } from '../../platform/platform.ts';
import { AppError } from '../../platform/errors.ts';
import { errorBody } from '../../platform/http/errors.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { rateCase, trackCase, type TrackGuard } from '../../platform/cases/tracking.ts';

/** Citizens follow their case by tracking number and query code, and rate it when it closes. */
export const registerTrackingRoutes = (app: TypedApp, platform: Platform): void => {
  const guardOf = (address: string): TrackGuard => ({ secret: platform.keys.master, address, now: platform.now() });
  const errors = { 400: ErrorSchema, 404: ErrorSchema, 422: ErrorSchema, 429: ErrorSchema };
  // POST: the query code travels in the body, never in a URL that proxies and logs keep.
  app.post('/api/public/track', {
    config: { access: { public: true, rateLimitPerMinute: 30 } },
    schema: { tags: ['public'], summary: '案件查询 Follow a case', body: TrackQuery, response: { 200: TrackLookup, ...errors } },
  }, async (req) => {
    const r = await runSystem(platform, (c) => trackCase(c, platform.cases, req.body.no, req.body.code, guardOf(req.ip)));
    if (r.ok) return { found: true as const, view: r.view };
    // A throttled address is told how long to wait, as every throttled request is: 429 with
    // details.retryAfter and Retry-After, through the platform's error handler.
    if (r.code === 'TRACK_THROTTLED') throw new AppError('TRACK_THROTTLED', r.retryAfter === undefined ? undefined : { retryAfter: r.retryAfter });
    // An unknown number and a wrong code are one answer, an ordinary one (not an error status),
    // worded as the platform words TRACK_NOT_FOUND.
    return { found: false as const, code: r.code, message: errorBody(req, r.code).error.message };
  });

  app.post('/api/public/track/rating', {
    config: { access: { public: true, rateLimitPerMinute: 30 } },
    schema: { tags: ['public'], summary: '好差评 Rate a closed case', body: RatingBody, response: { 204: Type.Null(), ...errors } },
  }, async (req, reply) => {
    const { no, code, ...rating } = req.body;
    const r = await runSystem(platform, async (c) => {
      const out = await rateCase(c, no, code, rating, guardOf(req.ip));
      if (out.ok) {
        await appendAudit(c, { actorId: null, orgId: out.orgId, townshipId: out.townshipId, action: 'case.rate', entity: 'case', entityId: out.caseId,
          after: { score: rating.score, officeScore: rating.officeScore ?? null }, ip: req.ip, requestId: String(req.id) });
      }
      return out;
    });
    if (!r.ok) throw new AppError(r.code, 'retryAfter' in r && r.retryAfter !== undefined ? { retryAfter: r.retryAfter } : undefined);
    return reply.status(204).send(null);
  });
};
