/**
 * The case benchmark's lean reference: what a hand-written server on the same data costs.
 * Fastify + pg as the database owner, one statement per endpoint, no sign-in, row-level
 * security, audit trail, idempotency, schema validation or logging — the floor that Fazhi's
 * ratios are measured against (issue 11). It answers the same JSON shape as the real
 * server's routes (the bench checks the shape before timing); what it leaves out is listed
 * above, and the permission-dependent parts of the case page (actions, canReveal, canExtend,
 * canDelete) are answered for a caller who may do everything.
 *
 * Without sign-in the caller is named in the request: a `lean_township=<township id>` cookie
 * for the lists and statistics (township staff see their township's cases, which is what
 * their subtree grant reaches), and `lean_user=<user id>` for the to-do list.
 *
 * Run as a child of bench/cases.ts (IPC) with env BENCH_OWNER_URL, FAZHI_MASTER_KEY;
 * replies { port } once listening on 127.0.0.1.
 *   POST /cases                        body as POST /api/cases (two parties)
 *   GET  /cases?…                      type=mediation&statusKind=open&pageSize=20, cookie lean_township
 *   GET  /cases/:id                    as GET /api/cases/:id
 *   POST /cases/:id/transitions        { transition: 'accept', version }: the page after, as the real route answers
 *   GET  /tasks?pageSize=20            cookies lean_township and lean_user
 *   GET  /mediation/stats?year=…       cookie lean_township
 *   POST /public/mediation/applications body as POST /api/public/mediation/applications (the job queue installed);
 *                                      what users rely on stays: the receipt SMS queued, the office's notices written
 */
import Fastify from 'fastify';
import { randomInt } from 'node:crypto';
import pg from 'pg';
import type { CaseRow } from '@fazhi/contracts';
import { blindIndex, deriveFieldKeys, openField, sealField } from '../apps/server/src/platform/crypto/sm.ts';
import { maskAddress, maskIdNumber, maskPhone } from '../apps/server/src/platform/crypto/mask.ts';
import { segmentForIndex } from '../apps/server/src/platform/cases/search-text.ts';
import { townshipShortName } from '../apps/server/src/platform/cases/reference.ts';
import { addDays, beijingToday } from '../apps/server/src/platform/calendar/index.ts';
import { createCalendarStore } from '../apps/server/src/platform/calendar/store.ts';
import { dueStateOf, remainingIn } from '../apps/server/src/platform/cases/case-view.ts';
import { mediationCaseType } from '../apps/server/src/modules/mediation/mediation.workflow.ts';
import { buildRegistry, clockKindOf, type CaseType } from '../apps/server/src/platform/cases/definition.ts';
import { queryCodeHash } from '../apps/server/src/platform/cases/create-case.ts';
import { computeMediationStats, mediationMetrics } from '../apps/server/src/modules/mediation/mediation.metrics.ts';
import type { Client } from '../apps/server/src/platform/db/pools.ts';
import { permissionHoldersSql } from '../apps/server/src/platform/notifications/recipients.ts';
import { renderNotification } from '../apps/server/src/platform/notifications/templates.ts';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};
const pool = new pg.Pool({ connectionString: env('BENCH_OWNER_URL'), max: 20, options: '-c jit=off' });
const calendars = createCalendarStore(new pg.Pool({ connectionString: env('BENCH_OWNER_URL'), max: 2 }));
const keys = deriveFieldKeys(Buffer.from(env('FAZHI_MASTER_KEY'), 'hex'));
const type = buildRegistry([mediationCaseType]).get('mediation') as CaseType;
const stateLabel = (s: string): { zh: string; en: string } => type.states[s]?.label ?? { zh: s, en: s };
const iso = (v: string | Date | null): string | null => (v === null ? null : new Date(v).toISOString());

const app = Fastify({ logger: false });

// ---- the case page: one statement ----
const PAGE = `
SELECT k.id, k.ref, k.case_type, k.org_id, coalesce(o.name, '') AS org_name, k.title, k.body, k.category, k.status, k.status_kind, k.version,
       to_char(k.received_on, 'YYYY-MM-DD') AS received_on, k.created_at, k.closed_at, k.source, k.tracking_no, k.data, k.township_id,
       k.steps, k.facts, to_char(k.ended_on, 'YYYY-MM-DD') AS ended_on,
       (SELECT coalesce(json_agg(json_build_object('id', p.id, 'kind', p.kind, 'role', p.role, 'name', p.name,
                 'idn', encode(p.id_number_enc, 'base64'), 'phone', encode(p.phone_enc, 'base64'), 'addr', encode(p.address_enc, 'base64')) ORDER BY p.sort_order), '[]')
          FROM case_parties p WHERE p.case_id = k.id) AS parties,
       (SELECT coalesce(json_agg(json_build_object('key', d.key, 'start', to_char(d.start_date, 'YYYY-MM-DD'), 'due', to_char(d.due_date, 'YYYY-MM-DD'),
                 'length', d.length, 'unit', d.unit, 'status', d.status, 'onTime', d.on_time, 'provisional', d.provisional,
                 'explanation', d.explanation, 'explanationEn', d.explanation_en, 'extensions', d.extensions) ORDER BY d.created_at, d.key), '[]')
          FROM case_deadlines d WHERE d.case_id = k.id) AS deadlines,
       (SELECT coalesce(json_agg(json_build_object('id', e.id, 'at', e.at, 'kind', e.kind, 'actor', u.display_name, 'transition', e.transition,
                 'from', e.from_status, 'to', e.to_status, 'public', e.public, 'payload', e.payload) ORDER BY e.id), '[]')
          FROM case_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.case_id = k.id) AS events,
       (SELECT coalesce(json_agg(json_build_object('userId', a.user_id, 'displayName', u.display_name) ORDER BY a.assigned_at), '[]')
          FROM case_assignees a JOIN users u ON u.id = a.user_id WHERE a.case_id = k.id) AS assignees,
       (SELECT coalesce(json_agg(json_build_object('caseId', x.id, 'ref', x.ref, 'title', x.title, 'kind', l.kind)), '[]')
          FROM case_links l JOIN cases x ON x.id = CASE WHEN l.case_id = k.id THEN l.other_case_id ELSE l.case_id END
         WHERE l.case_id = k.id OR l.other_case_id = k.id) AS links,
       (SELECT coalesce(json_agg(json_build_object('id', a.id, 'fileName', a.file_name, 'size', a.size, 'contentType', a.content_type, 'sm3', a.sm3,
                 'uploadedBy', u.display_name, 'createdAt', a.created_at, 'canDelete', true) ORDER BY a.created_at, a.id), '[]')
          FROM case_attachments a LEFT JOIN users u ON u.id = a.uploaded_by WHERE a.case_id = k.id AND a.deleted_at IS NULL) AS attachments
  FROM cases k LEFT JOIN orgs o ON o.id = k.org_id WHERE k.id = $1`;

type PageRow = {
  id: string; ref: string; case_type: string; org_id: string; org_name: string; title: string; body: string; category: string | null; status: string; status_kind: string;
  version: number; received_on: string; created_at: Date; closed_at: Date | null; source: string; tracking_no: string | null; data: unknown; township_id: string;
  steps: Record<string, unknown>; facts: Record<string, unknown>; ended_on: string | null;
  parties: { id: string; kind: string; role: string; name: string; idn: string | null; phone: string | null; addr: string | null }[];
  deadlines: { key: string; start: string; due: string; length: number; unit: 'wd' | 'cd'; status: 'running' | 'paused' | 'met' | 'missed' | 'cancelled'; onTime: boolean | null; provisional: boolean; explanation: unknown; explanationEn: unknown; extensions: unknown }[];
  events: { id: number; at: string; kind: string; actor: string | null; transition: string | null; from: string | null; to: string | null; public: boolean; payload: unknown }[];
  assignees: unknown[]; links: unknown[]; attachments: { createdAt: string }[];
};

const open = (b64: string | null): string => openField(keys, Buffer.from(b64 ?? '', 'base64'));

/** The case page's answer, or undefined when there is no such case. */
const pageOf = async (id: string) => {
  const r = (await pool.query<PageRow>({ name: 'lean-page', text: PAGE, values: [id] })).rows[0];
  if (!r) return undefined;
  const cal = await calendars.forTownship(r.township_id);
  const today = beijingToday();
  const transitions = type.transitions.filter((t) => t.from.includes(r.status));
  return {
    id: r.id, ref: r.ref, type: r.case_type, typeLabel: type.label, orgId: r.org_id, orgName: r.org_name, title: r.title, body: r.body,
    category: r.category, status: r.status, statusLabel: stateLabel(r.status), statusKind: r.status_kind, version: r.version, receivedOn: r.received_on,
    createdAt: r.created_at.toISOString(), closedAt: r.closed_at?.toISOString() ?? null, endedOn: r.ended_on, source: r.source, trackingNo: r.tracking_no,
    data: r.data, stepFields: r.steps, facts: r.facts,
    steps: Object.entries(type.states).map(([key, s]) => ({ key, label: s.label, kind: s.kind })),
    parties: r.parties.map((p) => ({
      id: p.id, kind: p.kind, role: p.role, name: p.name,
      idNumberMasked: p.idn ? maskIdNumber(open(p.idn)) : null, phoneMasked: p.phone ? maskPhone(open(p.phone)) : null, addressMasked: p.addr ? maskAddress(open(p.addr)) : null,
      canReveal: !!(p.idn || p.phone || p.addr),
    })),
    assignees: r.assignees,
    deadlines: r.deadlines.map((d) => {
      const def = type.deadlines.find((x) => x.key === d.key);
      const running = d.status === 'running' || d.status === 'paused';
      return {
        key: d.key, label: def?.label ?? { zh: d.key, en: d.key }, startDate: d.start, dueDate: d.due, length: d.length, unit: d.unit, kind: def ? clockKindOf(def) : 'duty',
        status: d.status, state: dueStateOf(cal, d.status, d.due, today), onTime: d.onTime, provisional: d.provisional,
        workingDaysLeft: running ? remainingIn(cal, 'wd', today, d.due) : null, remaining: running ? remainingIn(cal, d.unit, today, d.due) : null,
        explanation: d.explanation, explanationEn: d.explanationEn, extensions: d.extensions, canExtend: running && !!def?.extension,
      };
    }),
    timeline: r.events.map((e) => ({
      id: String(e.id), at: iso(e.at), kind: e.kind, actorName: e.actor, transition: e.transition,
      label: e.transition ? (type.transitionByKey.get(e.transition)?.label.zh ?? e.transition) : e.kind === 'created' ? '登记' : e.kind,
      fromStatus: e.from, toStatus: e.to, public: e.public, payload: e.payload,
    })),
    links: r.links,
    attachments: r.attachments.map((a) => ({ ...a, createdAt: iso(a.createdAt) })),
    actions: [
      ...transitions.map((t) => ({ key: t.key, kind: 'transition', label: t.label, requires: [...(t.requires ?? [])] })),
      { key: 'comment', kind: 'comment', label: { zh: '添加备注', en: 'Comment' }, requires: ['text'] },
      { key: 'assign', kind: 'assign', label: { zh: '指派承办人', en: 'Assign' }, requires: ['userIds'] },
      { key: 'link', kind: 'link', label: { zh: '关联事项', en: 'Link a case' }, requires: ['otherCaseId'] },
      { key: 'attach', kind: 'attach', label: { zh: '上传附件', en: 'Attach a file' }, requires: ['file'] },
      ...(r.status_kind === 'open' ? [{ key: 'transfer', kind: 'transfer', label: { zh: '转交其他单位', en: 'Pass to another office' }, requires: ['toOrgId', 'reason'] }] : []),
    ],
  };
};

app.get('/cases/:id', async (req, reply) => (await pageOf((req.params as { id: string }).id)) ?? reply.status(404).send({ error: 'NOT_FOUND' }));

/** A list's rows for the ids of its `page` (with their total): the item's columns, its org, next clock and assignees. */
const LIST_ROWS = `SELECT k.id, k.ref, k.case_type, k.title, k.status, k.status_kind, k.org_id, o.name AS org_name, k.category,
       to_char(k.received_on, 'YYYY-MM-DD') AS received_on, to_char(k.ended_on, 'YYYY-MM-DD') AS ended_on, k.created_at, k.township_id,
       nd.due AS next_due, nd.status AS next_status, nd.unit AS next_unit,
       (SELECT array_agg(u.display_name ORDER BY a.assigned_at) FROM case_assignees a JOIN users u ON u.id = a.user_id WHERE a.case_id = k.id) AS assignees,
       p.total
  FROM page p JOIN cases k ON k.id = p.id JOIN orgs o ON o.id = k.org_id
  LEFT JOIN LATERAL (SELECT to_char(d.due_date, 'YYYY-MM-DD') AS due, d.status, d.unit FROM case_deadlines d
                      WHERE d.case_id = k.id AND d.status IN ('running','paused') AND d.key = 'mediation' ORDER BY d.due_date LIMIT 1) nd ON true`;

// ---- the list: the newest 20 open cases of a type in a township, with the total, one statement ----
const LIST = `
WITH page AS (
  SELECT k.id, k.created_at, count(*) OVER () AS total FROM cases k
   WHERE k.township_id = $1 AND k.case_type = $2 AND k.status_kind = $3
   ORDER BY k.created_at DESC, k.id LIMIT $4)
${LIST_ROWS}
 ORDER BY p.created_at DESC, p.id`;

type ListRow = {
  id: string; ref: string; case_type: string; title: string; status: string; status_kind: string; org_id: string; org_name: string; category: string | null;
  received_on: string; ended_on: string | null; created_at: Date; township_id: string; next_due: string | null; next_status: 'running' | 'paused' | null;
  next_unit: 'wd' | 'cd' | null; assignees: string[] | null; total: number;
};

const cookieOf = (cookie: string | undefined, name: string): string | undefined =>
  (cookie ?? '').split(';').map((p) => p.trim().split('=')).find(([k]) => k === name)?.[1];

app.get('/cases', async (req, reply) => {
  const township = cookieOf(req.headers.cookie, 'lean_township');
  if (!township) return reply.status(400).send({ error: 'lean_township cookie' });
  const q = req.query as Record<string, string | undefined>;
  const { rows } = await pool.query<ListRow>({ name: 'lean-list', text: LIST, values: [township, q.type ?? 'mediation', q.statusKind ?? 'open', Number(q.pageSize ?? 20)] });
  return { items: await itemsOf(rows), total: rows[0] ? Number(rows[0].total) : 0 };
});

/** A list's rows as the list's items: the labels, and each due date's state on its township's calendar. */
const itemsOf = async (rows: ListRow[]): Promise<CaseRow[]> => {
  const today = beijingToday();
  const items: CaseRow[] = [];
  for (const r of rows) {
    const cal = await calendars.forTownship(r.township_id);
    items.push({
      id: r.id, ref: r.ref, type: r.case_type, title: r.title, status: r.status, statusLabel: stateLabel(r.status), statusKind: r.status_kind,
      orgId: r.org_id, orgName: r.org_name, category: r.category, receivedOn: r.received_on, endedOn: r.ended_on, createdAt: r.created_at.toISOString(),
      nextDue: r.next_due, dueState: r.next_due && r.next_status ? dueStateOf(cal, r.next_status, r.next_due, today) : null, nextDueUnit: r.next_unit,
      remaining: r.next_due && r.next_unit && r.next_status === 'running' ? remainingIn(cal, r.next_unit, today, r.next_due) : null,
      assignees: r.assignees ?? [],
    });
  }
  return items;
};

// ---- create with its parties: one statement (reference counter, case, parties, timeline event) ----
const CREATE = `
WITH org AS (
  SELECT o.id, CASE WHEN o.kind = 'township' THEN o.id ELSE o.township_id END AS township_id FROM orgs o WHERE o.id = $1),
counter AS (
  INSERT INTO case_ref_counters (township_id, case_type, year, last_seq) SELECT township_id, $2, $3, 1 FROM org
  ON CONFLICT (township_id, case_type, year) DO UPDATE SET last_seq = case_ref_counters.last_seq + 1 RETURNING last_seq),
k AS (
  INSERT INTO cases (township_id, org_id, case_type, ref, year, seq, title, body, category, status, status_kind, source, data, received_on, search_text, last_step_on)
  SELECT org.township_id, org.id, $2, $4 || '-' || $5 || '-' || $3 || '-' || lpad(counter.last_seq::text, 4, '0'), $3, counter.last_seq, $6, $7, $8,
         $9, 'open', 'staff', '{}', $10, $11, $10 FROM org, counter
  RETURNING id, township_id, ref),
parties AS (
  INSERT INTO case_parties (case_id, township_id, kind, role, name, phone_enc, phone_bidx, sort_order)
  SELECT k.id, k.township_id, p.kind, p.role, p.name, p.phone_enc, p.phone_bidx, p.ord - 1
    FROM k, unnest($12::text[], $13::text[], $14::text[], $15::bytea[], $16::bytea[]) WITH ORDINALITY AS p(kind, role, name, phone_enc, phone_bidx, ord)),
ev AS (
  INSERT INTO case_events (case_id, township_id, kind, to_status, public, payload)
  SELECT k.id, k.township_id, 'created', $9, true, jsonb_build_object('source', 'staff', 'ref', k.ref, 'on', $10::text) FROM k)
SELECT id, ref FROM k`;

type PartyIn = { kind: string; role: string; name: string; phone?: string | null };
type CreateIn = { orgId: string; title: string; body?: string; category?: string | null; parties?: PartyIn[] };

/** The township's short name for references, read once per township (a hand-written server would cache it too). */
const townshipNames = new Map<string, string>();
const shortNameOfOrg = async (orgId: string): Promise<string> => {
  const known = townshipNames.get(orgId);
  if (known) return known;
  const r = (await pool.query<{ name: string }>(`SELECT t.name FROM orgs o JOIN orgs t ON t.id = CASE WHEN o.kind = 'township' THEN o.id ELSE o.township_id END WHERE o.id = $1`, [orgId])).rows[0];
  const name = townshipShortName(r?.name ?? '');
  townshipNames.set(orgId, name);
  return name;
};

app.post('/cases', async (req) => {
  const b = req.body as CreateIn;
  const parties = b.parties ?? [];
  const today = beijingToday();
  const short = await shortNameOfOrg(b.orgId);
  const searchText = segmentForIndex([b.title, b.body ?? '', b.category ?? '', ...parties.map((p) => p.name)].join(' '));
  const { rows } = await pool.query<{ id: string; ref: string }>({
    name: 'lean-create', text: CREATE,
    values: [b.orgId, type.code, Number(today.slice(0, 4)), short, type.refCode, b.title, b.body ?? '', b.category ?? null, type.initial, today, searchText,
      parties.map((p) => p.kind), parties.map((p) => p.role), parties.map((p) => p.name),
      parties.map((p) => (p.phone ? sealField(keys, p.phone) : null)), parties.map((p) => (p.phone ? blindIndex(keys, p.phone) : null))],
  });
  const r = rows[0];
  return { id: r?.id, ref: r?.ref, trackingNo: null, queryCode: null, replayed: false };
});

// ---- the to-do list (我的待办): the caller's open cases and the township's unclaimed ones, most urgent first, one statement ----
const TASKS = `
WITH page AS (
  SELECT k.id, k.created_at, count(*) OVER () AS total,
         (SELECT min(d.due_date) FROM case_deadlines d WHERE d.case_id = k.id AND d.status IN ('running','paused') AND d.key = 'mediation') AS urgency
    FROM cases k
   WHERE k.township_id = $1 AND k.status_kind = 'open'
     AND (EXISTS (SELECT 1 FROM case_assignees a WHERE a.case_id = k.id AND a.user_id = $2) OR NOT EXISTS (SELECT 1 FROM case_assignees a WHERE a.case_id = k.id))
   ORDER BY urgency NULLS LAST, k.created_at DESC, k.id LIMIT $3)
${LIST_ROWS}
 ORDER BY p.urgency NULLS LAST, p.created_at DESC, p.id`;

app.get('/tasks', async (req, reply) => {
  const [township, user] = [cookieOf(req.headers.cookie, 'lean_township'), cookieOf(req.headers.cookie, 'lean_user')];
  if (!township || !user) return reply.status(400).send({ error: 'lean_township and lean_user cookies' });
  const q = req.query as Record<string, string | undefined>;
  const { rows } = await pool.query<ListRow>({ name: 'lean-tasks', text: TASKS, values: [township, user, Number(q.pageSize ?? 20)] });
  return { items: await itemsOf(rows), total: rows[0] ? Number(rows[0].total) : 0 };
});

// ---- a township's mediation statistics for a year: the same aggregate statement, as the owner (no scope) ----
app.get('/mediation/stats', async (req, reply) => {
  const township = cookieOf(req.headers.cookie, 'lean_township');
  if (!township) return reply.status(400).send({ error: 'lean_township cookie' });
  const year = Number((req.query as Record<string, string | undefined>).year);
  return {
    ...(await computeMediationStats(pool as unknown as Client, year, [township])),
    metrics: Object.fromEntries(Object.entries(mediationMetrics).map(([k, m]) => [k, { zh: m.zh, en: m.en }])),
  };
});

// ---- a citizen's online application for mediation: case, parties, timeline, receipt SMS queued, one statement ----
/** Where the reference goes in the notice's text, filled in by the statement that makes it. */
const REF = '〔REF〕';
// The office is told as the real server tells it: a notice to everyone who may take the case on there.
const INTAKE = `
WITH counter AS (
  INSERT INTO case_ref_counters (township_id, case_type, year, last_seq) VALUES ($2, 'mediation', $3, 1)
  ON CONFLICT (township_id, case_type, year) DO UPDATE SET last_seq = case_ref_counters.last_seq + 1 RETURNING last_seq),
k AS (
  INSERT INTO cases (township_id, org_id, case_type, ref, year, seq, title, body, category, status, status_kind, source, data, received_on, search_text, last_step_on,
                     tracking_no, query_code_hash)
  SELECT $2, $1, 'mediation', $4 || '-调-' || $3 || '-' || lpad(counter.last_seq::text, 4, '0'), $3, counter.last_seq, $5, $6, $7,
         'registered', 'open', 'public', '{}', $8, $9, $8, $10, $11 FROM counter
  RETURNING id, township_id, ref),
parties AS (
  INSERT INTO case_parties (case_id, township_id, kind, role, name, phone_enc, phone_bidx, sort_order)
  SELECT k.id, k.township_id, 'person', p.role, p.name, p.phone_enc, p.phone_bidx, p.ord - 1
    FROM k, unnest($12::text[], $13::text[], $14::bytea[], $15::bytea[]) WITH ORDINALITY AS p(role, name, phone_enc, phone_bidx, ord)),
ev AS (
  INSERT INTO case_events (case_id, township_id, kind, to_status, public, payload)
  SELECT k.id, k.township_id, 'created', 'registered', true, jsonb_build_object('source', 'public', 'ref', k.ref, 'on', $8::text) FROM k),
sms AS (
  INSERT INTO outbox (township_id, channel, recipient_enc, template, params, secrets_enc)
  SELECT k.township_id, 'sms', $16, 'application.received', $17::jsonb, $18 FROM k RETURNING id),
told AS (
  INSERT INTO notifications (user_id, township_id, kind, title, body, params, link, case_id)
  SELECT h.id, k.township_id, 'case.new_application', replace($19, '${REF}', k.ref), replace($20, '${REF}', k.ref), $21::jsonb || jsonb_build_object('ref', k.ref),
         '/console/cases/' || k.id, k.id
    FROM k, (${permissionHoldersSql("'mediation.handle'", '$1::uuid')}) h)
SELECT k.id, k.ref, (SELECT (graphile_worker.add_job('outbox-deliver', json_build_object('id', sms.id), job_key := 'outbox:' || sms.id, max_attempts := 5)).id FROM sms) AS job
  FROM k`;

type Application = { villageId: string; category: string; facts: string; claims: string; applicant: { name: string; phone: string }; respondent: { name: string; phone?: string } };
type Place = { name: string; townshipId: string; township: string };
/** A village's name and township, read once per village (a hand-written server would cache them too). */
const places = new Map<string, Place | null>();
const placeOf = async (orgId: string): Promise<Place | null> => {
  if (places.has(orgId)) return places.get(orgId) ?? null;
  const r = (await pool.query<Place>(`SELECT v.name, t.id AS "townshipId", t.name AS township FROM orgs v JOIN orgs t ON t.id = CASE WHEN v.kind = 'township' THEN v.id ELSE v.township_id END
                                       WHERE v.id = $1 AND v.kind IN ('village', 'township')`, [orgId])).rows[0] ?? null;
  places.set(orgId, r);
  return r;
};
const TRACK = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

app.post('/public/mediation/applications', async (req, reply) => {
  const b = req.body as Application;
  const place = await placeOf(b.villageId);
  if (!place) return reply.status(404).send({ error: 'NOT_FOUND' });
  const today = beijingToday();
  const year = Number(today.slice(0, 4));
  const trackingNo = `${year}${Array.from({ length: 8 }, () => TRACK[randomInt(TRACK.length)]).join('')}`;
  const queryCode = String(randomInt(1_000_000)).padStart(6, '0');
  const title = `${place.name}${b.category}纠纷`;
  const body = `事实与理由：${b.facts}\n调解请求：${b.claims}`;
  const phones = [b.applicant.phone, b.respondent.phone ?? null];
  const notice = { township: place.township, ref: REF, title, type: type.label, org: place.name };
  const told = renderNotification('case.new_application', notice, 'zh');
  const { rows } = await pool.query<{ id: string; ref: string }>({
    name: 'lean-intake', text: INTAKE,
    values: [b.villageId, place.townshipId, year, townshipShortName(place.township), title, body, b.category, today,
      segmentForIndex([title, body, b.category, b.applicant.name, b.respondent.name].join(' ')), trackingNo, queryCodeHash(trackingNo, queryCode),
      ['申请人', '被申请人'], [b.applicant.name, b.respondent.name], phones.map((x) => (x ? sealField(keys, x) : null)), phones.map((x) => (x ? blindIndex(keys, x) : null)),
      sealField(keys, b.applicant.phone), JSON.stringify({ township: place.township, matter: { zh: '人民调解申请', en: 'application for mediation' }, trackingNo }),
      sealField(keys, JSON.stringify({ queryCode })), told.title, told.body, JSON.stringify(notice)],
  });
  const r = rows[0];
  return { id: r?.id, ref: r?.ref, trackingNo, queryCode, replayed: false, smsTo: maskPhone(b.applicant.phone) };
});

// ---- accepting a registered case (受理): status, step, mediation clock and timeline in one statement, then the page ----
const ACCEPT = `
WITH k AS (
  UPDATE cases SET status = 'accepted', status_kind = 'open', version = version + 1, updated_at = now(), closed_at = NULL, ended_on = NULL,
                   last_step_on = GREATEST(last_step_on, $3::date), steps = steps || '{"accept":{}}'::jsonb
   WHERE id = $1 AND version = $2 AND status = 'registered' RETURNING id, org_id, township_id),
d AS (
  INSERT INTO case_deadlines (case_id, org_id, township_id, key, start_date, length, unit, due_date, explanation, explanation_en, status)
  SELECT k.id, k.org_id, k.township_id, 'mediation', $4::date, 30, 'cd', $5::date, $6::jsonb, $7::jsonb, 'running' FROM k),
e AS (
  INSERT INTO case_events (case_id, township_id, kind, transition, from_status, to_status, public, payload)
  SELECT k.id, k.township_id, 'transition', 'accept', 'registered', 'accepted', true, $8::jsonb FROM k)
SELECT id FROM k`;

app.post('/cases/:id/transitions', async (req, reply) => {
  const id = (req.params as { id: string }).id;
  const b = req.body as { transition: string; version: number };
  if (b.transition !== 'accept') return reply.status(400).send({ error: 'only accept' });
  const on = beijingToday();
  const [start, due] = [addDays(on, 1), addDays(on, 30)];
  const { rowCount } = await pool.query({
    name: 'lean-accept', text: ACCEPT,
    values: [id, b.version, on, start, due, JSON.stringify([`调解期限：自${start}起算，30个自然日，至${due}届满。`]), JSON.stringify([`Mediation: from ${start}, 30 calendar days, due ${due}.`]),
      JSON.stringify({ fields: {}, on, comment: null, deadlines: [] })],
  });
  if (!rowCount) return reply.status(409).send({ error: 'CASE_STALE' });
  return pageOf(id);
});

const shutdown = async (): Promise<void> => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());
process.once('disconnect', () => void shutdown());

await app.listen({ host: '127.0.0.1', port: 0 });
const addr = app.server.address();
process.send?.({ port: typeof addr === 'object' && addr ? addr.port : 0 });
