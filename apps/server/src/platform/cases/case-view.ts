import type { CaseActionField, CaseView, DeadlineView, DueState, TimelineEntry } from '@fazhi/contracts';
import pg from 'pg';
import { AppError } from '../errors.ts';
import { canAt, rememberOrgPath } from '../access/scope.ts';
import { openField } from '../crypto/sm.ts';
import { maskAddress, maskIdNumber, maskPhone } from '../crypto/mask.ts';
import { addWorkingDays, diffDays, workingDaysBetween, type Calendar } from '../calendar/index.ts';
import type { CaseCtx } from './context.ts';
import { clockKindOf, requiredFieldsOf, type CaseType, type ClockKind, type TransitionDef } from './definition.ts';
import { deadlineColumns, type DeadlineRow } from './deadlines.ts';
import { allowedTransitions, caseHeadColumns, readableType, type CaseHead } from './transition.ts';

/** Days before the due date at which a clock shows as due soon (working days). */
export const DUE_SOON_WORKING_DAYS = 3;

export const dueStateOf = (cal: Calendar, status: DeadlineRow['status'], due: string, today: string): DueState => {
  switch (status) {
    case 'met': return 'met';
    case 'missed': return 'missed';
    case 'cancelled': return 'cancelled';
    case 'paused': return 'paused';
    case 'running':
      if (today > due) return 'overdue';
      return due <= addWorkingDays(cal, today, DUE_SOON_WORKING_DAYS) ? 'due-soon' : 'ok';
  }
};

/** Time left to a due date in the clock's own unit (negative once past): the same on the case page and in every list. */
export const remainingIn = (cal: Calendar, unit: 'wd' | 'cd', today: string, due: string): number => {
  if (unit === 'cd') return diffDays(today, due);
  return today <= due ? workingDaysBetween(cal, today, due) : -workingDaysBetween(cal, due, today);
};

/** A party's window counts down like a duty but ends `expired`, never overdue; a minimum period is `waiting` until it has run out. */
const windowState = (cal: Calendar, kind: ClockKind, status: DeadlineRow['status'], due: string, today: string): DueState => {
  if (status === 'paused') return 'paused';
  if (today > due) return 'expired';
  return kind === 'minimum' ? 'waiting' : dueStateOf(cal, status, due, today);
};

const presentDeadline = (cal: Calendar, type: CaseType, d: DeadlineRow, today: string, canExtend: boolean): DeadlineView => {
  const def = type.deadlines.find((x) => x.key === d.key);
  const open = d.status === 'running' || d.status === 'paused';
  return {
    key: d.key, label: def?.label ?? { zh: d.key, en: d.key }, startDate: d.start_date, dueDate: d.due_date, length: d.length, unit: d.unit,
    kind: def ? clockKindOf(def) : 'duty',
    status: d.status, state: def && clockKindOf(def) !== 'duty' && open ? windowState(cal, clockKindOf(def), d.status, d.due_date, today) : dueStateOf(cal, d.status, d.due_date, today), onTime: d.on_time, provisional: d.provisional,
    workingDaysLeft: open ? (today <= d.due_date ? workingDaysBetween(cal, today, d.due_date) : -workingDaysBetween(cal, d.due_date, today)) : null,
    remaining: open ? remainingIn(cal, d.unit, today, d.due_date) : null,
    explanation: d.explanation, explanationEn: d.explanation_en, extensions: d.extensions,
    canExtend: open && canExtend && !!def?.extension,
  };
};

type CaseRowFull = CaseHead & {
  org_path: string[]; org_name: string | null; body: string; category: string | null;
  received_on: string; created_at: Date; closed_at: Date | null; source: string;
  tracking_no: string | null; data: unknown; steps: Record<string, unknown>; facts: Record<string, unknown>; ended_on: string | null;
  // The page's rows, each set as a JSON array (timestamps as PostgreSQL's text, bytea as base64).
  deadlines: DeadlineRow[];
  parties: { id: string; kind: string; role: string; name: string; id_number_enc: string | null; phone_enc: string | null; address_enc: string | null }[];
  events: { id: number; at: string; kind: string; actor_name: string | null; transition: string | null; from_status: string | null; to_status: string | null; public: boolean; payload: Record<string, unknown> }[];
  assignees: { user_id: string; display_name: string }[];
  links: { case_id: string; ref: string; title: string; kind: string }[];
  attachments: { id: string; file_name: string; size: number; content_type: string; sm3: string; uploader: string | null; created_at: string }[];
};

/**
 * The case page in one statement: the case with the ancestors of its org (for the permission
 * checks), and its clocks, parties, timeline, assignees, links and attachments, each as a JSON
 * array, every table under row-level security as before. A named statement: planned once per
 * pooled connection (issue 11: 18–22 statements a page, each planned again, before).
 */
export const PAGE_SQL = `SELECT ${caseHeadColumns('k')},
            -- Null when the caller cannot see the org (orgName below).
            o.name AS org_name,
            k.body, to_char(k.received_on, 'YYYY-MM-DD') AS received_on, k.created_at, k.closed_at, k.source, k.tracking_no, k.data,
            k.steps, k.facts, to_char(k.ended_on, 'YYYY-MM-DD') AS ended_on,
            (SELECT coalesce(json_agg(d ORDER BY d.created_at, d.key), '[]') FROM (SELECT ${deadlineColumns}, created_at FROM case_deadlines WHERE case_id = k.id) d) AS deadlines,
            (SELECT coalesce(json_agg(json_build_object('id', p.id, 'kind', p.kind, 'role', p.role, 'name', p.name,
                      'id_number_enc', encode(p.id_number_enc, 'base64'), 'phone_enc', encode(p.phone_enc, 'base64'), 'address_enc', encode(p.address_enc, 'base64'))
                      ORDER BY p.sort_order), '[]')
               FROM case_parties p WHERE p.case_id = k.id) AS parties,
            (SELECT coalesce(json_agg(json_build_object('id', e.id, 'at', e.at::text, 'kind', e.kind, 'actor_name', u.display_name, 'transition', e.transition,
                      'from_status', e.from_status, 'to_status', e.to_status, 'public', e.public, 'payload', e.payload) ORDER BY e.id), '[]')
               FROM case_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.case_id = k.id) AS events,
            (SELECT coalesce(json_agg(json_build_object('user_id', a.user_id, 'display_name', u.display_name) ORDER BY a.assigned_at), '[]')
               FROM case_assignees a JOIN users u ON u.id = a.user_id WHERE a.case_id = k.id) AS assignees,
            -- Links either way, in one read of case_links and of cases (each a table under its policies).
            (SELECT coalesce(json_agg(json_build_object('case_id', o2.id, 'ref', o2.ref, 'title', o2.title, 'kind', l.kind)
                      ORDER BY l.case_id <> k.id, l.created_at, o2.ref), '[]')
               FROM case_links l JOIN cases o2 ON o2.id = CASE WHEN l.case_id = k.id THEN l.other_case_id ELSE l.case_id END
              WHERE l.case_id = k.id OR l.other_case_id = k.id) AS links,
            (SELECT coalesce(json_agg(json_build_object('id', a.id, 'file_name', a.file_name, 'size', a.size, 'content_type', a.content_type, 'sm3', a.sm3,
                      'uploader', u.display_name, 'created_at', a.created_at::text) ORDER BY a.created_at, a.id), '[]')
               FROM case_attachments a LEFT JOIN users u ON u.id = a.uploaded_by WHERE a.case_id = k.id AND a.deleted_at IS NULL) AS attachments
       FROM cases k LEFT JOIN orgs o ON o.id = k.org_id WHERE k.id = $1`;

/**
 * The name of the case's org. An office that sent the case on may not see the receiving org:
 * then the last transfer on the timeline names it (its payload's toOrg), as the page has the
 * timeline already (one table fewer under row-level security in the statement, issue 11).
 */
const orgName = (row: Pick<CaseRowFull, 'org_name' | 'events'>): string => {
  if (row.org_name !== null) return row.org_name;
  for (let i = row.events.length - 1; i >= 0; i--) {
    const e = row.events[i];
    if (e?.kind !== 'transfer') continue;
    const to = e.payload?.toOrg;
    return to === undefined || to === null ? '' : typeof to === 'string' ? to : JSON.stringify(to);
  }
  return '';
};

/** A timestamptz sent as text, read as node-postgres reads a timestamptz column. */
const parseTimestamp = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (v: string) => Date;
const bytes = (b64: string | null): Buffer | null => (b64 === null ? null : Buffer.from(b64, 'base64'));
type SchemaNode = { title?: string; description?: string; type?: string; format?: string; maxLength?: number; anyOf?: SchemaNode[]; const?: unknown };
/**
 * A step's fields as the case page asks for them, from the transition's schema: the label
 * (its title, English its description), whether it is required, the choices of a field that
 * takes one of some values, and whether it is long text, a day, a number or a yes/no.
 */
const actionFields = (t: TransitionDef): CaseActionField[] | undefined => {
  if (!t.fields) return undefined;
  const required = new Set(requiredFieldsOf(t));
  return Object.entries(t.fields.properties as Record<string, SchemaNode>).map(([key, p]) => {
    const options = p.anyOf?.every((x) => typeof x.const === 'string') ? p.anyOf.map((x) => String(x.const)) : null;
    const input = options ? 'choice' : p.type === 'boolean' ? 'boolean' : p.type === 'integer' || p.type === 'number' ? 'number' : p.format === 'date' ? 'date' : (p.maxLength ?? 0) > 200 ? 'multiline' : 'text';
    return { key, label: { zh: p.title ?? key, en: p.description ?? key }, required: required.has(key), input, options };
  });
};

/** The case page: facts, parties (masked), clocks with explanations, timeline, and the caller's actions. */
export const readCase = async (ctx: CaseCtx, id: string): Promise<CaseView> => {
  const c = ctx.client;
  const found = (await c.query<CaseRowFull>({ name: 'fazhi-case-page', text: PAGE_SQL, values: [id] })).rows[0];
  if (!found) throw new AppError('NOT_FOUND');
  const head: CaseHead = {
    id: found.id, township_id: found.township_id, org_id: found.org_id, case_type: found.case_type, ref: found.ref, status: found.status, status_kind: found.status_kind,
    version: found.version, created_by: found.created_by, title: found.title, category: found.category, last_step_on: found.last_step_on,
  };
  rememberOrgPath(c, head.org_id, found.org_path);
  // As loadCaseHead: the type, when the caller may read it (or the case was shared with the caller's office).
  const type = await readableType(ctx, head);
  const row = found;
  const today = ctx.engine.today();
  const cal = await ctx.engine.calendars.forTownship(head.township_id);
  const p = ctx.principal;
  const can = async (perm: Parameters<typeof canAt>[2]): Promise<boolean> => (p ? canAt(c, p, perm, head.org_id, head.created_by) : false);
  const canHandle = await can(type.handlePermission);
  const canUnmask = await can('pii.unmask');
  const deadlines = row.deadlines;
  const extendable = new Set<string>();
  for (const d of type.deadlines) if (d.extension && (await can(d.extension.approver))) extendable.add(d.key);
  const parties = row.parties.map((x) => ({ ...x, id_number_enc: bytes(x.id_number_enc), phone_enc: bytes(x.phone_enc), address_enc: bytes(x.address_enc) }));
  const keys = ctx.engine.keys;
  const events = row.events.map((e) => ({ ...e, at: parseTimestamp(e.at) }));
  const assignees = row.assignees;
  const links = row.links;
  const attachments = row.attachments.map((a) => ({ ...a, created_at: parseTimestamp(a.created_at) }));
  const transitions = await allowedTransitions(ctx, head, type);
  const label = (e: (typeof events)[number]): string => {
    if (e.kind === 'transition' && e.transition) return type.transitionByKey.get(e.transition)?.label.zh ?? e.transition;
    const own = ctx.engine.eventLabels.get(e.kind);
    if (own) return own.zh;
    return ({ created: '登记', document: '生成文书', comment: '备注', assign: '指派', extend: '延长期限', link: '关联事项', notice: '告知当事人', attachment: '上传附件', attachment_delete: '删除附件', escalation: '超期督办', transfer: '转交' } as Record<string, string>)[e.kind] ?? e.kind;
  };
  const actions = [
    ...transitions.map((t) => ({ key: t.key, kind: 'transition', label: t.label, requires: requiredFieldsOf(t), fields: actionFields(t) })),
    ...(canHandle ? [
      { key: 'comment', kind: 'comment', label: { zh: '添加备注', en: 'Comment' }, requires: ['text'] },
      { key: 'assign', kind: 'assign', label: { zh: '指派承办人', en: 'Assign' }, requires: ['userIds'] },
      { key: 'link', kind: 'link', label: { zh: '关联事项', en: 'Link a case' }, requires: ['otherCaseId'] },
      { key: 'attach', kind: 'attach', label: { zh: '上传附件', en: 'Attach a file' }, requires: ['file'] },
    ] : []),
    // Only an open case moves between offices (transfer.ts makes the same checks).
    ...(canHandle && row.status_kind === 'open' ? [
      { key: 'transfer', kind: 'transfer', label: { zh: '转交其他单位', en: 'Pass to another office' }, requires: ['toOrgId', 'reason'] },
    ] : []),
  ];
  return {
    id: row.id, ref: row.ref, type: type.code, typeLabel: type.label, orgId: row.org_id, orgName: orgName(row), title: row.title, body: row.body,
    category: row.category, status: row.status, statusLabel: type.states[row.status]?.label ?? { zh: row.status, en: row.status }, statusKind: row.status_kind,
    version: row.version, receivedOn: row.received_on, createdAt: row.created_at.toISOString(), closedAt: row.closed_at?.toISOString() ?? null,
    endedOn: row.ended_on, source: row.source, trackingNo: row.tracking_no, data: row.data, stepFields: row.steps, facts: row.facts,
    steps: Object.entries(type.states).map(([key, s]) => ({ key, label: s.label, kind: s.kind, ...(s.branch ? { branch: true } : {}) })),
    parties: parties.map((x) => ({
      id: x.id, kind: x.kind, role: x.role, name: x.name,
      idNumberMasked: x.id_number_enc ? maskIdNumber(openField(keys, x.id_number_enc)) : null,
      phoneMasked: x.phone_enc ? maskPhone(openField(keys, x.phone_enc)) : null,
      addressMasked: x.address_enc ? maskAddress(openField(keys, x.address_enc)) : null,
      canReveal: canUnmask && !!(x.id_number_enc || x.phone_enc || x.address_enc),
    })),
    assignees: assignees.map((a) => ({ userId: a.user_id, displayName: a.display_name })),
    deadlines: deadlines.map((d) => presentDeadline(cal, type, d, today, extendable.has(d.key))),
    timeline: events.map((e): TimelineEntry => ({
      id: String(e.id), at: e.at.toISOString(), kind: e.kind, actorName: e.actor_name, transition: e.transition, label: label(e),
      fromStatus: e.from_status, toStatus: e.to_status, public: e.public, payload: e.payload,
    })),
    links: links.map((l) => ({ caseId: l.case_id, ref: l.ref, title: l.title, kind: l.kind })),
    attachments: attachments.map((a) => ({
      id: a.id, fileName: a.file_name, size: Number(a.size), contentType: a.content_type, sm3: a.sm3, uploadedBy: a.uploader,
      createdAt: a.created_at.toISOString(), canDelete: canHandle,
    })),
    actions,
  };
};
