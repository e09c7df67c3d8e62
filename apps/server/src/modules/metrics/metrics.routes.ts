import { Type } from 'typebox';
import { Cockpit, ErrorSchema, MetricCatalogue, MetricQuery, MetricRecordList } from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { runScopedRead, type Platform } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { assertCanAt, defaultOrgOf } from '../../platform/access/scope.ts';
import { AppError } from '../../platform/errors.ts';
import { loadCockpit } from '../../platform/metrics/cockpit.ts';
import { metricRecords, metricValue, requireMetric, townshipsOf, type MetricScope } from '../../platform/metrics/metrics.ts';
import type { Tx } from '../../platform/platform.ts';

const tags = ['metrics'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const Label = Type.Object({ zh: Type.String(), en: Type.String() });
const Query = MetricQuery;
const Params = Type.Object({ code: Type.String({ maxLength: 64 }) });
const Value = Type.Object({
  code: Type.String(), unit: Type.String(), label: Label, definition: Label, year: Type.Integer(), orgId: Type.String(),
  value: Type.Union([Type.Number(), Type.Null()]), numerator: Type.Optional(Type.Integer()), denominator: Type.Optional(Type.Integer()),
});

/**
 * The metrics registry over HTTP: any registered figure for an org's subtree and a year, and
 * the records behind it. The caller must hold the metric's read permission at the org, and
 * row-level security keeps both the figure and its list to the caller's scope, alike. Read
 * on the replica when there is one (runScopedRead; the cockpit's stale cache entries are
 * counted and kept on the primary, platform/metrics/cockpit.ts).
 */
export const registerMetricRoutes = (app: TypedApp, platform: Platform): void => {
  const scopeOf = async (tx: Tx, code: string, q: { year: number; orgId?: string }): Promise<MetricScope> => {
    const m = requireMetric(platform.metrics, code);
    // By default the widest org where the caller may read the figure: the grant's org (a county viewer's county).
    const orgId = q.orgId ?? defaultOrgOf(tx.principal, m.readPermission);
    await assertCanAt(tx.client, tx.principal, m.readPermission, orgId);
    return { year: q.year, orgId, townshipIds: await townshipsOf(tx.client, orgId) };
  };

  app.get('/api/metrics', {
    config: { access: { signedIn: true } },
    schema: { tags, summary: '指标目录 The registered figures the caller may read', response: { 200: MetricCatalogue, ...errors } },
  }, async (req) => {
    const p = signedInActor(req).principal;
    return { items: [...platform.metrics.values()].filter((m) => p.permissions.has(m.readPermission)).map((m) => ({ code: m.code, unit: m.unit, label: m.label, definition: m.definition })) };
  });

  app.get('/api/metrics/:code', {
    config: { access: { signedIn: true } },
    schema: { tags, summary: '一个指标的数值 One figure for an org and a year', params: Params, querystring: Query, response: { 200: Value, ...errors } },
  }, async (req) => runScopedRead(platform, signedInActor(req), async (tx) => {
    const s = await scopeOf(tx, req.params.code, req.query);
    const m = requireMetric(platform.metrics, req.params.code);
    const v = await metricValue(tx.client, platform.metrics, m.code, s);
    return { ...v, label: m.label, definition: m.definition, year: s.year, orgId: s.orgId };
  }));

  app.get('/api/metrics/:code/records', {
    config: { access: { signedIn: true } },
    schema: {
      tags, summary: '指标背后的记录 The records behind a figure', params: Params, querystring: Query,
      response: { 200: MetricRecordList, ...errors },
    },
  }, async (req) => runScopedRead(platform, signedInActor(req), async (tx) => {
    const s = await scopeOf(tx, req.params.code, req.query);
    if (s.townshipIds.length === 0) throw new AppError('NOT_FOUND');
    return { items: await metricRecords(tx.client, platform.metrics, req.params.code, s) };
  }));

  app.get('/api/cockpit', {
    config: { access: { permission: 'dashboard.read' } },
    schema: {
      tags, summary: '驾驶舱 The key figures of a township or a county: this year and last, by month, by village or township; overdue and due-soon cases',
      querystring: Query, response: { 200: Cockpit, ...errors },
    },
  }, async (req) => loadCockpit(platform, (fn) => runScopedRead(platform, signedInActor(req), fn), req.query));
};
