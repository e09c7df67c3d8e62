import { ErrorSchema, MediationStats, MediationStatsCasesQuery, MediationStatsQuery, StatsCaseList } from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { runScopedRead, type Platform } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors.ts';
import type { Client } from '../../platform/db/pools.ts';
import { computeMediationStats, isMediationMetric, mediationMetricCases, mediationMetrics } from './mediation.metrics.ts';

const tags = ['mediation'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

/** Townships whose mediation the caller may count: the one asked for, or every one in reach. */
const townshipsInReach = async (c: Client, townshipId?: string): Promise<string[]> => {
  const { rows } = await c.query<{ id: string }>("SELECT id FROM orgs WHERE kind = 'township' AND ($1::uuid IS NULL OR id = $1)", [townshipId ?? null]);
  if (townshipId && rows.length === 0) throw new AppError('NOT_FOUND');
  return rows.map((r) => r.id);
};

export const registerMediationRoutes = (app: TypedApp, platform: Platform): void => {
  app.get('/api/mediation/stats', {
    config: { access: { permission: 'mediation.read' } },
    schema: { tags, summary: '人民调解统计 Mediation figures for a year (row-level security keeps each user to their scope)', querystring: MediationStatsQuery, response: { 200: MediationStats, ...errors } },
  }, async (req) => runScopedRead(platform, signedInActor(req), async (tx) => ({
    ...(await computeMediationStats(tx.client, req.query.year, await townshipsInReach(tx.client, req.query.townshipId))),
    metrics: Object.fromEntries(Object.entries(mediationMetrics).map(([k, m]) => [k, { zh: m.zh, en: m.en }])),
  })));

  app.get('/api/mediation/stats/cases', {
    config: { access: { permission: 'mediation.read' } },
    schema: {
      tags, summary: '统计数字背后的案件 The cases behind one figure',
      querystring: MediationStatsCasesQuery,
      response: { 200: StatsCaseList, ...errors },
    },
  }, async (req) => {
    const metric = req.query.metric;
    if (!isMediationMetric(metric)) throw new AppError('VALIDATION', { field: 'metric' });
    return runScopedRead(platform, signedInActor(req), async (tx) => ({
      items: (await mediationMetricCases(tx.client, req.query.year, await townshipsInReach(tx.client, req.query.townshipId), metric))
        .map((r) => ({ id: r.id, ref: r.ref, title: r.title, village: r.village, committee: r.committee, category: r.category, status: r.status, receivedOn: r.received_on, endedOn: r.ended_on })),
    }));
  });
};
