/**
 * A fuzz of the whole API generated from its route schemas (docs/reliability.md, "No 500 for
 * bad input"). For each registered API route, fast-check builds requests from the route's
 * TypeBox schemas (params, querystring, body) and mixes in what clients can send and the
 * database cannot take: NUL characters, lone surrogates, impossible dates, 1e999 (Infinity
 * in JSON), numbers past every column, very long strings, wrong types, unknown ids and
 * extra keys. Requests go through `app.inject` as a signed-in township user with every
 * permission, as the county administrator and anonymously. The rule is that no answer is a
 * 5xx other than 503 (a busy database, which cannot happen here).
 *
 * Used by the Vitest file next to this one (a few hundred requests in `npm test`) and by
 * `bench/fuzz.ts` (many thousands).
 */
import fc from 'fast-check';
import type pg from 'pg';
import { allPermissions } from '@fazhi/contracts';
import type { FastifySchema } from 'fastify';
import type { RouteInfo } from '../app.ts';
import type { TypedApp } from '../platform/http/types.ts';
import type { CaseTypeDef } from '../platform/cases/definition.ts';
import { DEMO_PASSWORD } from '../seed/demo-town.ts';

/** JSON text sent as it is, for what JSON.stringify cannot write: `1e999` parses to Infinity. */
class Raw {
  constructor(readonly text: string) {}
}
type Value = null | boolean | number | string | Raw | Value[] | { [key: string]: Value };

/** The parts of JSON Schema that TypeBox writes for this API. */
type Schema = {
  type?: string | string[]; anyOf?: Schema[]; oneOf?: Schema[]; const?: unknown; enum?: unknown[];
  properties?: Record<string, Schema>; required?: string[]; additionalProperties?: boolean | Schema;
  patternProperties?: Record<string, Schema>; items?: Schema; minItems?: number; maxItems?: number;
  minLength?: number; maxLength?: number; minimum?: number; maximum?: number; pattern?: string; format?: string;
  default?: unknown;
};

type Request = { params: Record<string, Value>; query: Record<string, Value>; body: Value | undefined; bodyText?: string };
type Who = 'township' | 'admin' | 'anonymous';

export type RouteCount = {
  route: string; requests: number; ok: number; clientErrors: number; serverErrors: number;
  /** Answers by status and error code, e.g. `400 VALIDATION`, `200`. */
  answers: Record<string, number>;
  /** The first request and answer of each kind, to see what a route's requests reach. */
  examples: Record<string, string>;
};
export type Failure = { route: string; who: Who; method: string; url: string; body: string; status: number; answer: string };
export type FuzzResult = { requests: number; serverErrors: number; routes: RouteCount[]; failures: Failure[]; seed: number; ms: number };

export type FuzzOptions = {
  app: TypedApp;
  /** An owner connection to the app's database: ids to aim at, and the fuzzing user. */
  db: pg.Pool;
  caseTypes: readonly CaseTypeDef[];
  /** Requests per route (each as one of the three callers). */
  runsPerRoute: number;
  seed: number;
  /** Only the routes whose `METHOD /url` matches (each keeps its seed from the whole list). */
  only?: RegExp;
  /** Called after each route with its counts. */
  progress?: (count: RouteCount) => void;
};

// ---- hostile values ----

const IMPOSSIBLE_DAYS = ['2026-02-30', '2025-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '0000-01-01', '9999-12-31', '1900-02-29'];
const BAD_DATE_TIMES = [
  '2026-02-30T09:00:00+08:00', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-11-26T09:00:00+23:59', '2026-11-26T09:00:00-23:00',
  '2026-12-31T23:59:60Z', '2026-11-26T24:00:00Z', '2026-11-26T09:00:00', '+275760-09-13T00:00:00Z', '1900-01-01T00:00:00Z',
];
const BAD_NUMBERS: Value[] = [new Raw('1e999'), new Raw('-1e999'), new Raw('1e308'), new Raw('-0'), 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e20, -1, 0, 0.5, '1e999', 'NaN', '-Infinity'];
const WRONG_TYPES: Value[] = [null, true, 0, '', 'x', [], {}, [null], { a: 1 }];
const isDay = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s);
const isDateTime = (s: string): boolean => /^\d{4}-\d{2}-\d{2}T/.test(s);
const isUuid = (s: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** One hostile replacement of a string the schema would take: `pick` chooses which. */
const hostileString = (s: string, pick: number, uuid: string): Value => {
  const at = s.length === 0 ? 0 : pick % (s.length + 1);
  const options: Value[] = [
    `${s.slice(0, at)}\u0000${s.slice(at)}`, `${s}\u0000`, '\u0000',
    `${s.slice(0, at)}\ud800${s.slice(at)}`, `${s}\udfff`, '\udc00x\ud83d',
    `${s}${'长'.repeat(70_000)}`, `${s}${'x'.repeat(300)}`,
    ...BAD_NUMBERS.slice(0, 3), ...WRONG_TYPES.slice(0, 4),
  ];
  if (isDay(s)) options.push(...IMPOSSIBLE_DAYS, ...IMPOSSIBLE_DAYS);
  if (isDateTime(s)) options.push(...BAD_DATE_TIMES, ...BAD_DATE_TIMES);
  if (isUuid(s)) options.push(`urn:uuid:${s}`, `{${s}}`, s.toUpperCase(), s.replace(/-/g, ''), uuid, uuid, '00000000-0000-0000-0000-000000000000');
  return options[pick % options.length] ?? s;
};
const hostileLeaf = (v: Value, pick: number, uuid: string): Value => {
  if (typeof v === 'string') return hostileString(v, pick, uuid);
  if (typeof v === 'number' || v instanceof Raw) return BAD_NUMBERS[pick % BAD_NUMBERS.length] ?? null;
  return [...WRONG_TYPES, '\u0000', '\ud800', new Raw('1e999')][pick % (WRONG_TYPES.length + 3)] ?? null;
};

/** Every place in a request a value sits: leaves and containers (a container may get an extra key). */
type Slot = { parent: Record<string, Value> | Value[]; key: string | number };
const slotsOf = (req: Request): Slot[] => {
  const out: Slot[] = [];
  const walk = (parent: Record<string, Value> | Value[], depth: number): void => {
    if (depth > 8) return;
    const entries: [string | number, Value][] = Array.isArray(parent) ? parent.map((v, i) => [i, v]) : Object.entries(parent);
    for (const [key, v] of entries) {
      out.push({ parent, key });
      if (v !== null && typeof v === 'object' && !(v instanceof Raw)) walk(v, depth + 1);
    }
  };
  walk(req.params, 0);
  walk(req.query, 0);
  if (req.body !== null && typeof req.body === 'object' && !(req.body instanceof Raw)) walk(req.body, 0);
  return out;
};
const setSlot = (s: Slot, v: Value): void => {
  if (Array.isArray(s.parent)) s.parent[s.key as number] = v;
  else s.parent[s.key as string] = v;
};
const getSlot = (s: Slot): Value => (Array.isArray(s.parent) ? s.parent[s.key as number] : s.parent[s.key as string]) ?? null;

const clone = (req: Request): Request => {
  const copy = (v: Value): Value => (v instanceof Raw || v === null || typeof v !== 'object' ? v
    : Array.isArray(v) ? v.map(copy) : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)])));
  return { params: copy(req.params) as Record<string, Value>, query: copy(req.query) as Record<string, Value>, body: req.body === undefined ? undefined : copy(req.body) };
};

/** One valid request with one value made hostile, or an extra key added. */
const mutate = (req: Request, where: number, pick: number, uuid: string): Request => {
  const out = clone(req);
  const slots = slotsOf(out);
  if (slots.length === 0 || pick % 9 === 0) {
    const extra = ['\u0000', 'constructor', 'isAdmin', 'township_id', 'x\ud800'][pick % 5] ?? 'x';
    if (out.body !== null && typeof out.body === 'object' && !Array.isArray(out.body) && !(out.body instanceof Raw)) out.body[extra] = pick % 2 === 0 ? '\u0000' : 1;
    else out.query[extra] = '\u0000';
    return out;
  }
  const slot = slots[where % slots.length];
  if (slot) setSlot(slot, hostileLeaf(getSlot(slot), pick, uuid));
  return out;
};

// ---- values from schemas ----

/** Ids to aim at, names the API knows, and the values a property of a given name takes (a case type, a category, a step). */
type Ctx = { ids: string[]; words: string[]; recordShapes: Schema[]; hints: Record<string, string[]> };

const anyJson: fc.Arbitrary<Value> = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Value>;

const stringFor = (s: Schema, ctx: Ctx, hint?: string[]): fc.Arbitrary<Value> => {
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 40, 80);
  switch (s.format) {
    case 'uuid': {
      const any = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...ctx.ids) }, { weight: 1, arbitrary: fc.uuid() });
      return hint && hint.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...hint) }, { weight: 1, arbitrary: any }) : any;
    }
    case 'date': return fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'date-time': return fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
    default: break;
  }
  if (s.pattern !== undefined) {
    const re = new RegExp(s.pattern, 'u');
    // A pattern for one day: real days mostly, so requests get past the schema.
    if (s.pattern.includes('\\d{4}-\\d{2}-\\d{2}')) return stringFor({ format: 'date' }, ctx);
    return fc.stringMatching(re).filter((x) => x.length >= min && x.length <= (s.maxLength ?? Infinity));
  }
  if (hint && hint.length > 0) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...hint) }, { weight: 1, arbitrary: stringFor(s, ctx) });
  const words = ctx.words.filter((w) => w.length >= min && w.length <= max);
  const text = fc.string({ minLength: Math.max(min, 1), maxLength: Math.max(max, min, 1), unit: fc.constantFrom('调', '解', '村', '事', 'a', 'Z', '1', ' ', '-', '_', '（', '。') });
  return words.length > 0 ? fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...words) }, { weight: 2, arbitrary: text }) : text;
};

const numberFor = (s: Schema, integer: boolean): fc.Arbitrary<Value> => {
  const min = s.minimum ?? -1000;
  const max = s.maximum ?? 100_000;
  if (integer) return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
};

const valueFor = (s: Schema, ctx: Ctx, depth: number, name?: string): fc.Arbitrary<Value> => {
  if (s.const !== undefined) return fc.constant(s.const as Value);
  if (s.enum) return fc.constantFrom(...(s.enum as Value[]));
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return fc.oneof(...alts.map((a) => valueFor(a, ctx, depth, name)));
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string': return stringFor(s, ctx, name === undefined ? undefined : ctx.hints[name]);
    case 'integer': return numberFor(s, true);
    case 'number': return numberFor(s, false);
    case 'boolean': return fc.boolean();
    case 'null': return fc.constant(null);
    case 'array': {
      if (depth > 4 || !s.items) return fc.constant([]);
      // At least the schema's minimum (a GeoJSON ring has 4 positions), else at most 3 items.
      return fc.array(valueFor(s.items, ctx, depth + 1, name), { minLength: s.minItems ?? 0, maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3)) });
    }
    case 'object': return objectFor(s, ctx, depth);
    default:
      // Unknown (free JSON): any small value.
      return anyJson;
  }
};

const objectFor = (s: Schema, ctx: Ctx, depth: number): fc.Arbitrary<Value> => {
  if (depth > 4) return fc.constant({});
  const props = s.properties ?? {};
  const keys = Object.keys(props);
  if (keys.length === 0 && s.patternProperties) {
    // A record (a case's module data or a step's fields): shaped like one of the case types' schemas, or free.
    const free = fc.dictionary(fc.constantFrom(...ctx.words, 'x'), anyJson, { maxKeys: 3 });
    return ctx.recordShapes.length === 0 ? free : fc.oneof(free, ...ctx.recordShapes.map((r) => objectFor(r, ctx, depth + 1)));
  }
  const required = new Set(s.required ?? []);
  const record: Record<string, fc.Arbitrary<Value>> = {};
  for (const k of keys) {
    const p = props[k];
    if (p) record[k] = valueFor(p, ctx, depth + 1, k);
  }
  return fc.record(record, { requiredKeys: keys.filter((k) => required.has(k)) });
};

const asSchema = (x: unknown): Schema | undefined => (x && typeof x === 'object' ? x : undefined);

/** Requests for one route: valid ones with one hostile value (most), valid ones, and chaos. */
const requestsFor = (route: RouteInfo, ctx: Ctx): fc.Arbitrary<Request> => {
  const schema: FastifySchema = route.schema ?? {};
  const paramNames = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] ?? '');
  const paramSchema = asSchema(schema.params);
  const params = fc.record(Object.fromEntries(paramNames.map((n) => {
    const p = paramSchema?.properties?.[n];
    return [n, p ? valueFor(p, ctx, 1, n) : fc.oneof(fc.constantFrom(...(ctx.hints[n] ?? ctx.words)), fc.constantFrom(...ctx.ids))];
  }))) as fc.Arbitrary<Record<string, Value>>;
  const querySchema = asSchema(schema.querystring);
  const query = (querySchema ? objectFor(querySchema, ctx, 0) : fc.constant({})) as fc.Arbitrary<Record<string, Value>>;
  const bodySchema = asSchema(schema.body);
  const hasBody = !['GET', 'DELETE'].includes(route.method);
  const body: fc.Arbitrary<Value | undefined> = !hasBody ? fc.constant(undefined) : bodySchema ? valueFor(bodySchema, ctx, 0) : fc.oneof(fc.constant({}), anyJson);
  const valid = fc.record({ params, query, body }) as fc.Arbitrary<Request>;
  const oneHostile = fc.tuple(valid, fc.nat(), fc.nat(), fc.uuid()).map(([r, where, pick, uuid]) => mutate(r, where, pick, uuid));
  const twoHostile = fc.tuple(valid, fc.nat(), fc.nat(), fc.nat(), fc.uuid()).map(([r, a, b, c, uuid]) => mutate(mutate(r, a, b, uuid), b, c, uuid));
  const broken = fc.tuple(valid, fc.constantFrom('{"a":', '[1,2', '"\\u0000"', '{"x":1e999}', 'null', '[]', '{"__proto__":{"x":1}}', '\u0000', ''))
    .map(([r, text]): Request => ({ ...r, body: undefined, bodyText: hasBody ? text : undefined }));
  return fc.oneof({ weight: 5, arbitrary: oneHostile }, { weight: 1, arbitrary: twoHostile }, { weight: 3, arbitrary: valid }, { weight: 1, arbitrary: broken });
};

// ---- sending ----

const toJson = (v: Value): string => {
  if (v instanceof Raw) return v.text;
  if (Array.isArray(v)) return `[${v.map(toJson).join(',')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${toJson(x)}`).join(',')}}`;
  return JSON.stringify(v);
};
/** Percent-encoding that also writes lone surrogates (as their WTF-8 bytes), which encodeURIComponent refuses. */
const encode = (s: string): string => s.replace(/[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]|[^]/g, (ch) => {
  if (ch.length === 1 && /[\ud800-\udfff]/.test(ch)) {
    const c = ch.charCodeAt(0);
    return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
  }
  return encodeURIComponent(ch);
});
const asText = (v: Value): string => (v instanceof Raw ? v.text : typeof v === 'string' ? v : v !== null && typeof v === 'object' ? toJson(v) : String(v));

const urlOf = (route: RouteInfo, req: Request): string => {
  const path = route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const v = asText(req.params[name] ?? '');
    return v === '' ? '%20' : encode(v);
  });
  const parts: string[] = [];
  for (const [k, v] of Object.entries(req.query)) {
    for (const one of Array.isArray(v) ? v : [v]) parts.push(`${encode(k)}=${encode(asText(one))}`);
  }
  return parts.length > 0 ? `${path}?${parts.join('&')}` : path;
};

type Agent = { cookie: string; csrf: string };

const signIn = async (app: TypedApp, username: string, password: string): Promise<Agent> => {
  const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password } });
  const sid = res.cookies.find((c) => c.name === 'fazhi_sid');
  if (res.statusCode !== 200 || !sid) throw new Error(`fuzz: sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  return { cookie: `fazhi_sid=${sid.value}`, csrf: (res.json<{ csrfToken: string }>()).csrfToken };
};

/** Names the fuzz can aim at: case types, their transitions, clocks, documents, fields. */
const wordsOf = (caseTypes: readonly CaseTypeDef[]): string[] => {
  const words = new Set<string>(['record', 'agreement', 'registration_form', 'termination_notice', 'sample', 'phone', 'org.read']);
  for (const t of caseTypes) {
    words.add(t.code);
    for (const x of t.transitions) {
      words.add(x.key);
      for (const d of x.documents ?? []) words.add(d);
      for (const f of Object.keys((x.fields as Schema | undefined)?.properties ?? {})) words.add(f);
    }
    for (const f of Object.keys((t.intake as Schema | undefined)?.properties ?? {})) words.add(f);
    for (const d of t.deadlines) words.add(d.key);
  }
  for (const p of allPermissions) words.add(p);
  return [...words];
};

const FUZZ_USER = 'fuzz_town';

/** The fuzzing user: every permission over the township (subtree), signed in like a clerk. */
const prepareUsers = async (app: TypedApp, db: pg.Pool): Promise<{ password: string }> => {
  const admin = await signIn(app, 'admin', DEMO_PASSWORD);
  const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
  const role = await app.inject({ method: 'POST', url: '/api/roles', headers, payload: { code: 'fuzz_all', name: '全权限（模糊测试）', permissions: allPermissions } });
  const township = (await db.query<{ id: string }>("SELECT id FROM orgs WHERE code = 'zhangbaqiao'")).rows[0]?.id;
  const user = await app.inject({ method: 'POST', url: '/api/users', headers, payload: { username: FUZZ_USER, displayName: '模糊测试', orgId: township } });
  if (role.statusCode !== 200 || user.statusCode !== 200 || !township) throw new Error(`fuzz: could not create the fuzzing user: ${role.body} ${user.body}`);
  const { userId, initialPassword } = user.json<{ userId: string; initialPassword: string }>();
  const grants = await app.inject({ method: 'PUT', url: `/api/users/${userId}/grants`, headers, payload: { grants: [{ roleId: role.json<{ id: string }>().id, orgId: township, scope: 'subtree' }] } });
  if (grants.statusCode !== 200) throw new Error(`fuzz: grants: ${grants.body}`);
  await db.query('UPDATE users SET must_change_password = false WHERE id = $1', [userId]);
  return { password: initialPassword };
};

/** Ids of records in the database by table, except the fuzzing users and their roles (which must keep working). */
const idsOf = async (db: pg.Pool): Promise<Record<string, string[]>> => {
  const { rows } = await db.query<{ t: string; id: string }>(`
    WITH keep AS (SELECT id FROM users WHERE username IN ('admin', $1))
    SELECT t, id::text FROM (
      (SELECT 'orgs' AS t, id FROM orgs ORDER BY code LIMIT 40)
      UNION ALL (SELECT 'townships', id FROM orgs WHERE kind = 'township')
      UNION ALL (SELECT 'users', id FROM users WHERE id NOT IN (SELECT id FROM keep) LIMIT 20)
      UNION ALL (SELECT 'roles', id FROM roles WHERE id NOT IN (SELECT role_id FROM user_grants WHERE user_id IN (SELECT id FROM keep)))
      UNION ALL (SELECT 'cases', id FROM cases ORDER BY created_at DESC LIMIT 40)
      UNION ALL (SELECT 'mediation_cases', id FROM cases WHERE case_type = 'mediation' ORDER BY created_at DESC LIMIT 30)
      UNION ALL (SELECT 'parties', id FROM case_parties LIMIT 10)
      UNION ALL (SELECT 'attachments', id FROM case_attachments LIMIT 5)
      UNION ALL (SELECT 'overrides', id FROM calendar_overrides LIMIT 5)
      UNION ALL (SELECT 'notifications', id FROM notifications LIMIT 10)
      UNION ALL (SELECT 'outbox', id FROM outbox LIMIT 5)
      UNION ALL (SELECT 'committees', id FROM mediation_committees LIMIT 10)
      UNION ALL (SELECT 'mediators', id FROM mediators LIMIT 20)
      UNION ALL (SELECT 'sessions', id FROM mediation_sessions LIMIT 10)
      UNION ALL (SELECT 'rounds', id FROM screening_rounds LIMIT 5)
      UNION ALL (SELECT 'imports', id FROM ledger_imports LIMIT 5)
      UNION ALL (SELECT 'tokens', id FROM api_tokens LIMIT 5)
    ) x`, [FUZZ_USER]);
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.t] ??= []).push(r.id);
  return out;
};

/** Which ids a property or a path parameter of this name takes. */
const idHintsOf = (ids: Record<string, string[]>, url: string): Record<string, string[]> => {
  const pick = (...tables: string[]): string[] => tables.flatMap((t) => ids[t] ?? []);
  const byPath: [RegExp, string[]][] = [
    [/^\/api\/orgs/, pick('orgs')], [/^\/api\/users/, pick('users')], [/^\/api\/roles/, pick('roles')], [/^\/api\/tokens/, pick('tokens')],
    [/^\/api\/mediation\/cases/, pick('mediation_cases')], [/^\/api\/cases/, pick('cases', 'mediation_cases')],
    [/^\/api\/calendar/, pick('overrides')], [/^\/api\/notifications/, pick('notifications')], [/^\/api\/outbox/, pick('outbox')],
    [/^\/api\/mediation\/sessions/, pick('sessions')], [/^\/api\/mediation\/screenings/, pick('rounds')], [/^\/api\/mediation\/ledger/, pick('imports')],
  ];
  const id = byPath.find(([re]) => re.test(url))?.[1] ?? [];
  return {
    ...(id.length > 0 ? { id } : {}),
    orgId: pick('orgs'), parentId: pick('orgs'), villageId: pick('orgs'), townshipId: pick('townships'),
    userId: pick('users'), userIds: pick('users'), assigneeIds: pick('users'), actorId: pick('users'), assignee: pick('users'),
    roleId: pick('roles'), committeeId: pick('committees'), mediatorIds: pick('mediators'), leadId: pick('mediators'),
    otherCaseId: pick('cases', 'mediation_cases'), partyId: pick('parties'), attachmentId: pick('attachments'), session: pick('sessions'),
  };
};

export const runSchemaFuzz = async (opts: FuzzOptions): Promise<FuzzResult> => {
  const started = Date.now();
  const { app, db } = opts;
  const { password } = await prepareUsers(app, db);
  const agents: Record<Exclude<Who, 'anonymous'>, Agent> = {
    township: await signIn(app, FUZZ_USER, password),
    admin: await signIn(app, 'admin', DEMO_PASSWORD),
  };
  const types = opts.caseTypes;
  const ids = await idsOf(db);
  const ctx: Ctx = {
    ids: Object.values(ids).flat(), words: wordsOf(types),
    hints: {
      type: types.map((t) => t.code), category: types.flatMap((t) => t.categories ?? []), transition: types.flatMap((t) => t.transitions.map((x) => x.key)),
      key: types.flatMap((t) => t.deadlines.map((d) => d.key)), kind: types.flatMap((t) => t.transitions.flatMap((x) => x.documents ?? [])),
      permissions: [...allPermissions], status: types.flatMap((t) => Object.keys(t.states)),
    },
    recordShapes: opts.caseTypes.flatMap((t) => [t.intake, ...t.transitions.map((x) => x.fields)]).flatMap((s) => (s ? [s as Schema] : [])),
  };
  const routes = app.fazhiRoutes.filter((r) => !r.url.startsWith('/api/docs'));
  const counts: RouteCount[] = [];
  const failures: Failure[] = [];
  let n = 0;
  for (const [i, route] of routes.entries()) {
    const name = `${route.method} ${route.url}`;
    if (opts.only && !opts.only.test(name)) continue;
    const isPublic = 'public' in route.access;
    const routeCtx: Ctx = { ...ctx, hints: { ...ctx.hints, ...idHintsOf(ids, route.url) } };
    const plan = fc.sample(fc.tuple(requestsFor(route, routeCtx), fc.noBias(fc.nat(99)), fc.ipV4()), { numRuns: opts.runsPerRoute, seed: opts.seed + i });
    const count: RouteCount = { route: name, requests: 0, ok: 0, clientErrors: 0, serverErrors: 0, answers: {}, examples: {} };
    for (const [req, roll, ip] of plan) {
      const who: Who = roll < (isPublic ? 50 : 10) ? 'anonymous' : roll < 80 ? 'township' : 'admin';
      const url = urlOf(route, req);
      const bodyText = req.bodyText ?? (req.body === undefined ? undefined : toJson(req.body));
      const headers: Record<string, string> = {};
      if (bodyText !== undefined) headers['content-type'] = 'application/json';
      if (who !== 'anonymous') Object.assign(headers, { cookie: agents[who].cookie, 'x-csrf-token': agents[who].csrf });
      if (roll % 7 === 0) headers['idempotency-key'] = `fuzz-${roll}-${n}`;
      const res = await app.inject({ method: route.method as 'GET', url, headers, remoteAddress: ip, ...(bodyText === undefined ? {} : { payload: bodyText }) });
      n++;
      count.requests++;
      const code = res.statusCode >= 400 ? (/"code":"([A-Z_]+)"/.exec(res.body)?.[1] ?? '') : '';
      const answer = `${res.statusCode}${code ? ` ${code}` : ''}`;
      count.answers[answer] = (count.answers[answer] ?? 0) + 1;
      count.examples[answer] ??= `${who} ${url.slice(0, 200)} ${(bodyText ?? '').slice(0, 300)} → ${res.body.slice(0, 400)}`;
      if (res.statusCode >= 500 && res.statusCode !== 503) {
        count.serverErrors++;
        failures.push({ route: name, who, method: route.method, url: url.slice(0, 300), body: (bodyText ?? '').slice(0, 300), status: res.statusCode, answer: res.body.slice(0, 300) });
      } else if (res.statusCode >= 400) count.clientErrors++;
      else count.ok++;
      // Signing out (or out everywhere) ends the caller's session: sign in again.
      if (who !== 'anonymous' && (res.statusCode === 401 || /^\/api\/auth\/sign-out/.test(route.url))) {
        agents[who] = who === 'admin' ? await signIn(app, 'admin', DEMO_PASSWORD) : await signIn(app, FUZZ_USER, password);
      }
    }
    counts.push(count);
    opts.progress?.(count);
  }
  return { requests: n, serverErrors: failures.length, routes: counts, failures, seed: opts.seed, ms: Date.now() - started };
};

/** The counts as a table, one route a line; `answers` adds each route's answers by status and code. */
export const formatCounts = (r: FuzzResult, answers: boolean | 'examples' = false): string => [
  `${r.requests} requests on ${r.routes.length} routes in ${(r.ms / 1000).toFixed(1)} s (seed ${r.seed}): ${r.serverErrors} answered 5xx`,
  'requests    2xx    4xx  5xx  route',
  ...r.routes.map((c) => `${String(c.requests).padStart(8)} ${String(c.ok).padStart(6)} ${String(c.clientErrors).padStart(6)} ${String(c.serverErrors).padStart(4)}  ${c.route}`
    + (answers ? `\n${' '.repeat(28)}${Object.entries(c.answers).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}: ${v}`).join(', ')}` : '')
    + (answers === 'examples' ? Object.entries(c.examples).map(([k, v]) => `\n${' '.repeat(30)}${k}: ${v}`).join('') : '')),
].join('\n');
