import type { FastifyError } from 'fastify';
import { errorCatalogue, gridCategoryCodes, type GridCategory } from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { runSystem, type Platform } from '../../platform/platform.ts';
import { AppError } from '../../platform/errors.ts';
import { gridCategories } from './grid.workflow.ts';
import { submitCitizenReport } from './grid.public.ts';

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2/), JSON format: the grid event
 * categories as services, a citizen's request created exactly as a 随手拍 is, and the public
 * side of the requests citizens made. Outside `/api`: no session, no CSRF (no cookie is
 * read), errors in the spec's shape (an array of `{ code, description }`), each route rate
 * limited per address. `api_key` is accepted and not required: the reports are public.
 *
 * What a request shows (GET requests): its id, the service, open or closed, the public label
 * of its state, when it was made and last changed, and its position rounded to about 100 m.
 * Nothing the citizen wrote or is (description, address, name, phone, e-mail, photo) leaves.
 */
const PREFIX = '/open311/v2';
const codeToCategory = new Map<string, GridCategory>(gridCategories.map((k) => [gridCategoryCodes[k], k]));

type Open311Error = { code: number; description: string };
class Open311Failure extends Error {
  constructor(readonly status: number, readonly description: string) { super(description); }
}
const fail = (status: number, description: string): never => { throw new Open311Failure(status, description); };

const serviceOf = (k: GridCategory) => ({
  service_code: gridCategoryCodes[k], service_name: k, description: `${k}类网格事件（由乡镇综治中心受理、派遣、核查）`,
  metadata: false, type: 'realtime', keywords: k, group: '网格事件',
});

/** A form field as text: the first value, trimmed; absent or blank is null. */
const field = (body: Record<string, unknown>, name: string, max: number): string | null => {
  const raw = body[name];
  const v: unknown = Array.isArray(raw) ? (raw as unknown[])[0] : raw;
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') fail(400, `${name} 格式不正确`);
  const s = (v as string).trim();
  if (s === '') return null;
  // eslint-disable-next-line no-control-regex -- control characters are refused as the API's input guard refuses them
  if ([...s].length > max || /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s)) fail(400, `${name} 过长或含有不可用的字符`);
  return s;
};
const coordinate = (body: Record<string, unknown>, name: string, min: number, max: number): number | null => {
  const s = field(body, name, 32);
  if (s === null) return null;
  if (!/^-?\d{1,3}(\.\d{1,12})?$/.test(s)) fail(400, `${name} 须为十进制度数（WGS-84）`);
  const n = Number(s);
  if (n < min || n > max) fail(400, `${name} 超出范围`);
  return n;
};

const isoBeijing = (d: Date): string => {
  const t = new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19);
  return `${t}+08:00`;
};
const round3 = (n: number | null): number | null => (n === null ? null : Math.round(n * 1000) / 1000);

type RequestRow = {
  id: string; category: string; status_kind: string; status: string; created_at: Date; updated_at: Date; township: string;
  lat: number | null; lng: number | null;
};

export const registerOpen311Routes = (app: TypedApp, platform: Platform): void => {
  void app.register(async (plugin) => {
    // Form-encoded bodies, as the spec posts them; only here.
    plugin.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
      try {
        const out: Record<string, string[]> = {};
        for (const [k, v] of new URLSearchParams(String(body))) (out[k] ??= []).push(v);
        done(null, out);
      } catch (e) {
        done(e as Error, undefined);
      }
    });
    plugin.setErrorHandler((err: FastifyError | AppError | Open311Failure, req, reply) => {
      let status = 500;
      let description: string = errorCatalogue.INTERNAL.zh;
      if (err instanceof Open311Failure) [status, description] = [err.status, err.description];
      else if (err instanceof AppError) [status, description] = [err.status, errorCatalogue[err.code].zh];
      else if (err.statusCode === 429) [status, description] = [429, errorCatalogue.RATE_LIMITED.zh];
      else if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) [status, description] = [err.statusCode === 413 ? 413 : 400, errorCatalogue.VALIDATION.zh];
      if (status >= 500) req.log.error({ err }, 'open311: unhandled error');
      const body: Open311Error[] = [{ code: status, description }];
      return reply.status(status).header('cache-control', 'no-store').send(body);
    });
    const limit = (max: number) => ({ rateLimit: { max, timeWindow: 60_000 }, access: { public: true as const } });

    plugin.get(`${PREFIX}/services.json`, { config: limit(120) }, async () => gridCategories.map(serviceOf));

    plugin.get<{ Params: { code: string } }>(`${PREFIX}/services/:code`, { config: limit(120) }, async (req) => {
      const code = req.params.code.endsWith('.json') ? req.params.code.slice(0, -'.json'.length) : fail(404, '仅提供 JSON 格式');
      const k = codeToCategory.get(code) ?? fail(404, '没有这项服务');
      return { service_code: gridCategoryCodes[k], attributes: [] };
    });

    plugin.post<{ Body: unknown }>(`${PREFIX}/requests.json`, { config: limit(10) }, async (req) => {
      if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) fail(400, '请以 application/x-www-form-urlencoded 表单提交');
      const b = req.body as Record<string, unknown>;
      const code = field(b, 'service_code', 40) ?? fail(400, '缺少 service_code');
      const category = codeToCategory.get(code) ?? fail(404, `没有这项服务：${code}`);
      const lat = coordinate(b, 'lat', -90, 90);
      const lng = coordinate(b, 'long', -180, 180);
      if ((lat === null) !== (lng === null)) fail(400, 'lat 与 long 须同时提供');
      const address = field(b, 'address_string', 200);
      if (lat === null && !address) fail(400, '须提供位置：lat 和 long，或 address_string');
      const description = field(b, 'description', 2000) ?? fail(400, '缺少 description：请描述发现的问题');
      if ([...(description)].length < 5) fail(400, 'description 过短');
      const mediaUrl = field(b, 'media_url', 500);
      if (mediaUrl && !/^https?:\/\/\S+$/.test(mediaUrl)) fail(400, 'media_url 须为 http(s) 链接');
      const phone = field(b, 'phone', 20);
      if (phone && !/^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/.test(phone)) fail(400, 'phone 格式不正确');
      const name = [field(b, 'last_name', 16), field(b, 'first_name', 16)].filter(Boolean).join('');
      field(b, 'email', 200);
      const township = field(b, 'jurisdiction_id', 32);
      if (township && !/^[A-Za-z0-9_-]+$/.test(township)) fail(404, '没有这个辖区');
      const r = await submitCitizenReport(platform, { principal: null, ip: req.ip, requestId: String(req.id) }, {
        channel: 'open311', township, position: lat !== null && lng !== null ? { lat, lng } : null, address,
        category: category, description: description, mediaUrl,
        reporter: name ? { name, phone } : null,
      }, null);
      return [{
        service_request_id: r.id,
        service_notice: `${r.townshipName}综治中心已收到，事件编号${r.ref}${r.trackingNo ? `；可凭查询号${r.trackingNo}和查询码${r.queryCode ?? ''}在门户查询办理进度` : ''}`,
        account_id: null,
      }];
    });

    const present = (r: RequestRow) => ({
      service_request_id: r.id, status: r.status_kind === 'open' ? 'open' : 'closed',
      status_notes: platform.cases.types.get('grid_event')?.states[r.status]?.publicLabel?.zh ?? null,
      service_name: r.category, service_code: gridCategoryCodes[r.category as GridCategory] ?? 'other',
      agency_responsible: `${r.township}综治中心`, service_notice: null,
      requested_datetime: isoBeijing(r.created_at), updated_datetime: isoBeijing(r.updated_at), expected_datetime: null,
      lat: round3(r.lat), long: round3(r.lng),
    });
    const select = `SELECT k.id, k.category, k.status_kind, k.status, k.created_at, k.updated_at, t.name AS township,
        (k.data ->> 'lat')::float8 AS lat, (k.data ->> 'lng')::float8 AS lng
      FROM cases k JOIN orgs t ON t.id = k.township_id
     WHERE k.case_type = 'grid_event' AND k.source = 'public'`;

    plugin.get<{ Querystring: Record<string, unknown> }>(`${PREFIX}/requests.json`, { config: limit(60) }, async (req) => {
      const q = req.query;
      const ids = field(q, 'service_request_id', 2000)?.split(',').map((s) => s.trim()).filter(Boolean) ?? null;
      if (ids && (ids.length > 100 || ids.some((i) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(i)))) fail(400, 'service_request_id 格式不正确');
      const codes = field(q, 'service_code', 400)?.split(',').map((s) => s.trim()) ?? null;
      const categories = codes?.map((c) => codeToCategory.get(c) ?? fail(400, `没有这项服务：${c}`)) ?? null;
      const status = field(q, 'status', 20);
      if (status && !['open', 'closed', 'open,closed', 'closed,open'].includes(status)) fail(400, 'status 须为 open 或 closed');
      const date = (name: string): Date | null => {
        const s = field(q, name, 40);
        if (s === null) return null;
        const d = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) ? new Date(s) : null;
        if (!d || Number.isNaN(d.getTime()) || d.getUTCFullYear() < 2000 || d.getUTCFullYear() > 2100) fail(400, `${name} 须为带时区的 ISO 8601 时间`);
        return d;
      };
      // The spec's default window: the last 90 days, at most 1000 requests (here 200).
      const end = date('end_date') ?? platform.now();
      const start = date('start_date') ?? new Date(end.getTime() - 90 * 86400_000);
      const { rows } = await runSystem(platform, (c) => c.query<RequestRow>(`${select}
        AND ($1::uuid[] IS NULL OR k.id = ANY($1::uuid[])) AND ($2::text[] IS NULL OR k.category = ANY($2::text[]))
        AND ($3::text IS NULL OR ($3 = 'open') = (k.status_kind = 'open'))
        AND ($1::uuid[] IS NOT NULL OR (k.created_at >= $4 AND k.created_at <= $5))
        ORDER BY k.created_at DESC LIMIT 200`,
      [ids, categories, status && status.includes(',') ? null : status, start, end]));
      return rows.map(present);
    });

    plugin.get<{ Params: { id: string } }>(`${PREFIX}/requests/:id`, { config: limit(120) }, async (req) => {
      const id = req.params.id.endsWith('.json') ? req.params.id.slice(0, -'.json'.length) : fail(404, '仅提供 JSON 格式');
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) fail(404, '没有这个请求');
      const { rows } = await runSystem(platform, (c) => c.query<RequestRow>(`${select} AND k.id = $1`, [id]));
      if (rows.length === 0) fail(404, '没有这个请求');
      return rows.map(present);
    });
  });
};
