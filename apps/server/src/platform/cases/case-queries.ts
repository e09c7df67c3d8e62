import type { CaseList, CaseQuery, CaseRow } from '@fazhi/contracts';
import { addDays, addWorkingDays } from '../calendar/index.ts';
import type { CaseCtx } from './context.ts';
import { named, queryOnGenericPlan, queryWithSetting } from '../db/pools.ts';
import { clockKeysOfKind } from './definition.ts';
import { dueStateOf, DUE_SOON_WORKING_DAYS, remainingIn } from './case-view.ts';
import { queryTerms, snippetOf } from './search-text.ts';
import { sentCasesFilter } from './transfer.ts';

/** Case types whose read permission the caller holds somewhere (the data scope does the rest). */
export const readableTypes = (ctx: CaseCtx): string[] =>
  [...ctx.engine.types.values()].filter((t) => ctx.principal?.permissions.has(t.readPermission)).map((t) => t.code);

type Row = {
  id: string; ref: string; case_type: string; title: string; body: string; status: string; status_kind: string; org_id: string; org_name: string;
  category: string | null; received_on: string; ended_on: string | null; created_at: Date; next_due: string | null; next_status: 'running' | 'paused' | null; next_unit: 'wd' | 'cd' | null;
  township_id: string; assignees: string[] | null;
  waiting: { key: string; until: string; unit: 'wd' | 'cd' }[] | null;
};

/**
 * The caller's data scope as a set of orgs — the descendants of the subtree grants, the orgs
 * of the org and self grants — read from the settings applyScope wrote: every row
 * row-level security lets through, and possibly more (self grants), never fewer. The
 * policy's fazhi_org_visible() is opaque to the planner and runs once per row it is handed,
 * so without this a query reads every township's rows that match its other filters (and a
 * full-text search, whose `@@` is not leakproof and so cannot use the GIN index under
 * row-level security, reads the whole table). As an index condition on cases.org_id it
 * keeps each query inside its scope: a township's list costs the same with 13 or 130
 * townships loaded (docs/performance.md, "Case engine"). Not used for scope `all`.
 */
export const SCOPE_ORGS_FILTER = `k.org_id = ANY (ARRAY(SELECT descendant_id FROM org_closure WHERE ancestor_id = ANY (fazhi_uuids('fazhi.scope_subtree'))
                         UNION ALL SELECT unnest(fazhi_uuids('fazhi.scope_org') || fazhi_uuids('fazhi.scope_self'))))`;

/** 张八桥-调-2026-0001 (reference.ts) and 2026K7M2Q9XA (a tracking number, create-case.ts). */
const REFERENCE_SHAPE = /^\S+-\S-\d{4}-\d{4,6}$/u;
const TRACKING_SHAPE = /^\d{4}[2-9A-HJ-NP-Z]{8}$/u;

/**
 * A search ranks at most this many matches: the newest of them. A word found in tens of
 * thousands of cases (纠纷) would otherwise make every search read and rank all of them; the
 * list says when it was cut (`capped`) and the clerk adds a word or a filter.
 */
export const SEARCH_CAP = 1000;

/**
 * A list over several townships counts its matches up to this many and then says "more than"
 * (`totalCapped`, 10,000 件以上): counting a county's 200,000 cases exactly, under row-level
 * security, took longer than the page itself (docs/performance.md, "A county's lists").
 */
export const COUNT_CAP = 10_000;
/** How deep in a wide list its page is read in order without a sort (rows skipped; see listCases). */
export const DEEP_OFFSET = 800;

/**
 * Lists cases in the caller's scope with the console's filters; with `q`, a Chinese
 * full-text search (jieba words in a `simple` tsvector, plus substring match on the title
 * through a trigram index), ranked, each hit with a highlighted excerpt.
 *
 * Options: `tasks`, the to-do list (我的待办); `customPlan`, plan each call for its values even
 * within one township (the cockpit's lists, each with a due filter: a township's list of every
 * status planned for its values reads the newest-first index to its end for the count, 300 ms
 * against 20 on its generic plan); `exactTotal`, count a wide scope's matches to the last
 * (the cockpit's figures); `countCap`, where a wide scope's count stops (COUNT_CAP);
 * `deepOffset`, from where a wide list's page is read in order without a sort (DEEP_OFFSET).
 */
export const listCases = async (ctx: CaseCtx, q: CaseQuery, opts: { tasks?: boolean; customPlan?: boolean; exactTotal?: boolean; countCap?: number; deepOffset?: number } = {}): Promise<CaseList> => {
  const types = q.type ? readableTypes(ctx).filter((t) => t === q.type) : readableTypes(ctx);
  if (types.length === 0) return { items: [], total: 0 };
  const params: unknown[] = [types];
  const where = ['k.case_type = ANY($1)'];
  const scopeAll = ctx.principal?.grants.some((g) => g.scope === 'all') ?? false;
  // A scope over several townships (a county's, the whole system's): planned for its scope on
  // every call, its page read newest first from an index and its total counted up to a cap.
  const wide = scopeAll || (ctx.principal?.wholeTownships?.length ?? 0) > 1;
  const sent = q.transferred === 'out';
  if (sent) where.push(sentCasesFilter(scopeAll));
  else if (!scopeAll) where.push(SCOPE_ORGS_FILTER);
  const add = (sql: string, ...vals: unknown[]): void => {
    let s = sql;
    for (const v of vals) { params.push(v); s = s.replace('?', `$${params.length}`); }
    where.push(s);
  };
  const today = ctx.engine.today();
  // Due dates, urgency and the due filters are the office's duties only: a party's window or a
  // minimum period running out is nobody's lateness. The keys are the definitions' own
  // (checked to be [a-z0-9_] at start), so they are written into the statement.
  // Minimum periods still running are listed beside the office's next duty (the day before which the steps they block wait).
  const minimumKeys = clockKeysOfKind(ctx.engine.types, 'minimum');
  const nonDuty = [...clockKeysOfKind(ctx.engine.types, 'party'), ...minimumKeys];
  const dutyOnly = nonDuty.length > 0 ? ` AND k.case_type || '/' || d.key NOT IN (${nonDuty.map((k) => `'${k}'`).join(', ')})` : '';
  const unassigned = q.assignee === 'none';
  const assignee = q.assignee === 'me' ? ctx.principal?.userId : unassigned ? undefined : q.assignee;
  // A running clock due within [dueFrom, dueTo]: overdue is due before today; soon, from today
  // to DUE_SOON_WORKING_DAYS working days on.
  let due: { dueFrom?: string; dueTo?: string } = {};
  if (q.due === 'overdue') due = { dueTo: addDays(today, -1) };
  if (q.due === 'soon') {
    const cal = await ctx.engine.calendars.forTownship(ctx.principal?.townshipId ?? null);
    due = { dueFrom: today, dueTo: addWorkingDays(cal, today, DUE_SOON_WORKING_DAYS) };
  }
  if (q.status) add('k.status = ?', q.status);
  if (q.statusKind) add('k.status_kind = ?', q.statusKind);
  if (q.category) add('k.category = ?', q.category);
  if (q.orgId) add('k.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = ?)', q.orgId);
  if (opts.tasks && ctx.principal && !sent) {
    // 我的待办: the caller's own open cases, and every open case nobody has taken on that the
    // caller may take on (a citizen's application at an office where the caller handles that type).
    // `assignee=me`: the caller's own only; `assignee=none`: the ones nobody has taken on only (the home page's count).
    const unclaimed = q.assignee === 'me' ? [] : takeableBy(ctx, types);
    let free = 'false';
    if (unclaimed.length > 0) {
      params.push(unclaimed.map((u) => u.type), unclaimed.map((u) => u.all), unclaimed.map((u) => u.orgs), unclaimed.map((u) => u.subtrees));
      const [t, all, orgs, subs] = [params.length - 3, params.length - 2, params.length - 1, params.length].map((n) => `$${n}`);
      free = `(NOT EXISTS (SELECT 1 FROM case_assignees a WHERE a.case_id = k.id)
               AND EXISTS (SELECT 1 FROM unnest(${t}::text[], ${all}::boolean[], ${orgs}::text[], ${subs}::text[]) AS r(type, all_orgs, orgs, subtrees)
                            WHERE r.type = k.case_type AND (r.all_orgs OR k.org_id::text = ANY (string_to_array(r.orgs, ','))
                              OR EXISTS (SELECT 1 FROM org_closure oc WHERE oc.descendant_id = k.org_id AND oc.ancestor_id::text = ANY (string_to_array(r.subtrees, ','))))))`;
    }
    if (unassigned) where.push(free);
    else {
      params.push(ctx.principal.userId);
      where.push(`(EXISTS (SELECT 1 FROM case_assignees a WHERE a.case_id = k.id AND a.user_id = $${params.length}) OR ${free})`);
    }
  } else if (unassigned) where.push('NOT EXISTS (SELECT 1 FROM case_assignees a WHERE a.case_id = k.id)');
  else if (assignee) add('EXISTS (SELECT 1 FROM case_assignees a WHERE a.case_id = k.id AND a.user_id = ?)', assignee);
  if (q.from) add('k.received_on >= ?', q.from);
  if (q.to) add('k.received_on <= ?', q.to);
  if (due.dueFrom !== undefined || due.dueTo !== undefined) {
    add(`EXISTS (SELECT 1 FROM case_deadlines d WHERE d.case_id = k.id AND d.status = 'running'${dutyOnly} AND (?::date IS NULL OR d.due_date >= ?::date) AND d.due_date <= ?::date)`,
      due.dueFrom ?? null, due.dueFrom ?? null, due.dueTo);
    // Over several townships the running clocks in the window lead: the cases they belong to
    // are looked up by key. The planner cannot see how much of the table the scope covers and
    // otherwise reads every case of a county to test each one (200 ms on 200,000 cases, for 381).
    if (wide) {
      add(`k.id = ANY (ARRAY(SELECT d.case_id FROM case_deadlines d WHERE d.status = 'running' AND (?::date IS NULL OR d.due_date >= ?::date) AND d.due_date <= ?::date))`,
        due.dueFrom ?? null, due.dueFrom ?? null, due.dueTo);
    }
  }
  let rank = '0';
  let terms: string[] = [];
  let capped = false;
  // How many parameters the filters use: the count below passes only those (PostgreSQL cannot
  // type a parameter the statement does not use, such as the ranking's).
  let whereParams: number | undefined;
  const exact = q.q?.trim().toUpperCase() ?? '';
  if (q.q && (REFERENCE_SHAPE.test(exact) || TRACKING_SHAPE.test(exact))) {
    // A case's reference or tracking number: that case (both are unique; indexed).
    add('(k.ref = ? OR k.tracking_no = ?)', q.q.trim(), exact);
  } else if (q.q && sent) {
    // The few cases sent on: matched here, not through the index function (which searches the caller's own scope).
    terms = queryTerms(q.q);
    params.push(terms.join(' '), `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
    const [tsq, lk] = [`$${params.length - 1}`, `$${params.length}`];
    where.push(`(k.search_tsv @@ plainto_tsquery('simple', ${tsq}) OR k.title ILIKE ${lk})`);
    rank = `ts_rank(k.search_tsv, plainto_tsquery('simple', ${tsq})) + CASE WHEN k.title ILIKE ${lk} THEN 1 ELSE 0 END`;
  } else if (q.q) {
    terms = queryTerms(q.q);
    const like = `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    // The candidates come from the indexes (fazhi_case_search: the newest SEARCH_CAP matches in
    // the caller's scope that pass the filters); this statement ranks them and reads them
    // under row-level security.
    // The list's filters go in too, so the cap counts only the cases that pass them.
    const filters = { status: q.status, statusKind: q.statusKind, from: q.from, to: q.to, orgId: q.orgId, assignee: opts.tasks ? undefined : assignee, ...due };
    const ids = (await ctx.client.query<{ ids: string[] }>(named(
      `SELECT ARRAY(SELECT fazhi_case_search($1, plainto_tsquery('simple', $2), $3, $4, $5)) AS ids`, [types, terms.join(' '), like, SEARCH_CAP, filters]))).rows[0]?.ids ?? [];
    capped = ids.length >= SEARCH_CAP;
    params.push(ids);
    // Every candidate matches already (the function's own test): no second text match here.
    where.push(`k.id = ANY ($${params.length}::uuid[])`);
    whereParams = params.length;
    params.push(terms.join(' '), like);
    const [tsq, lk] = [`$${params.length - 1}`, `$${params.length}`];
    rank = `ts_rank(k.search_tsv, plainto_tsquery('simple', ${tsq})) + CASE WHEN k.title ILIKE ${lk} THEN 1 ELSE 0 END`;
  }
  const w = where.join(' AND ');
  whereParams ??= params.length;
  // The to-do list's order: the nearest due date of an office clock first (overdue on top), then the newest.
  const urgency = opts.tasks ? `(SELECT min(d.due_date) FROM case_deadlines d WHERE d.case_id = k.id AND d.status IN ('running','paused')${dutyOnly})` : 'NULL::date';
  const pageSize = q.pageSize ?? 20;
  const offset = ((q.page ?? 1) - 1) * pageSize;
  // Counted up to a cap: a wide scope's plain list, newest first (an index gives that order, so
  // the page reads its twenty rows, not the county's every case to sort them).
  const cap = wide && !opts.tasks && !q.q && !opts.exactTotal ? opts.countCap ?? COUNT_CAP : null;
  const countSql = cap === null ? `SELECT count(*) AS n FROM cases k WHERE ${w}`
    : `SELECT count(*) AS n FROM (SELECT 1 FROM cases k WHERE ${w} LIMIT ${cap + 1}) x`;
  params.push(pageSize, offset);
  // One pass over the matching rows gives the page's ids and the total (a window count taken
  // before the LIMIT), so row-level security judges each matching row once, not twice; the
  // page's details (org, next clock, assignees) are then read for its rows only.
  // A named statement (one per shape of filters) on its generic plan: planned once per
  // connection, not per request (PostgreSQL's own choice planned it on every call: 1.6 ms of
  // a township list's 6.9; docs/performance.md, "Writes to the socket, the list's plan").
  // Only for a scope of one township or less, which the generic plan was shown to suit: over
  // several townships (a county's lists, its cockpit) each call is planned for its scope, as
  // a generic plan made for a township's handful of orgs reads a county's cases far slower.
  const onGenericPlan = !opts.customPlan && !wide;
  const statement = named(
    `WITH page AS (
       SELECT k.id, k.created_at, ${rank} AS score, ${cap === null ? 'count(*) OVER ()' : `(${countSql})`} AS total, ${urgency} AS urgency
         FROM cases k WHERE ${w}
        ORDER BY ${q.q ? 'score DESC, ' : ''}${opts.tasks ? 'urgency NULLS LAST, ' : ''}k.created_at DESC, k.id
        LIMIT $${params.length - 1} OFFSET $${params.length})
     SELECT k.id, k.ref, k.case_type, k.title, ${q.q ? 'k.body' : "''::text AS body"}, k.status, k.status_kind, k.org_id,
            -- A case sent on lies at an org the sender's scope does not see: named as its last transfer named it (as the case page does).
            coalesce(o.name, (SELECT e.payload ->> 'toOrg' FROM case_events e WHERE e.case_id = k.id AND e.kind = 'transfer' ORDER BY e.id DESC LIMIT 1), '') AS org_name, k.category,
            to_char(k.received_on, 'YYYY-MM-DD') AS received_on, to_char(k.ended_on, 'YYYY-MM-DD') AS ended_on, k.created_at, k.township_id,
            nd.due AS next_due, nd.status AS next_status, nd.unit AS next_unit,
            (SELECT array_agg(u.display_name ORDER BY a.assigned_at) FROM case_assignees a JOIN users u ON u.id = a.user_id WHERE a.case_id = k.id) AS assignees,
            ${minimumKeys.length > 0 ? `(SELECT json_agg(json_build_object('key', d.key, 'until', to_char(d.due_date, 'YYYY-MM-DD'), 'unit', d.unit) ORDER BY d.due_date)
               FROM case_deadlines d WHERE d.case_id = k.id AND d.status = 'running'
                AND k.case_type || '/' || d.key IN (${minimumKeys.map((x) => `'${x}'`).join(', ')}))` : 'NULL::json'} AS waiting,
            p.total
       -- Each of the page's cases by its key (OFFSET 0 keeps the look-up apart): the statement runs
       -- on its generic plan, which must not guess the page larger than it is and read every case
       -- instead (1.8 s a list with the shares' policy in the estimate; docs/performance.md).
       FROM page p CROSS JOIN LATERAL (SELECT * FROM cases c WHERE c.id = p.id OFFSET 0) k LEFT JOIN orgs o ON o.id = k.org_id
       LEFT JOIN LATERAL (SELECT to_char(d.due_date, 'YYYY-MM-DD') AS due, d.status, d.unit FROM case_deadlines d
                           WHERE d.case_id = k.id AND d.status IN ('running','paused')${dutyOnly} ORDER BY d.due_date LIMIT 1) nd ON true
      ORDER BY ${q.q ? 'p.score DESC, ' : ''}${opts.tasks ? 'p.urgency NULLS LAST, ' : ''}p.created_at DESC, p.id`, params);
  // A page deep in a wide list's newest-first order (the count capped, so no window over every
  // row): the planner, which cannot see how much of the table the scope covers, prices reading
  // a few thousand index entries in order above sorting the county's every case, and sorts
  // (280–390 ms at pages 50–300 of a county of 200,000; 80–130 ms read in order). Past
  // DEEP_OFFSET it is told not to sort (for this statement only); nearer the top it reads in
  // order of its own accord, and forbidding the sort there costs more than it saves
  // (docs/performance.md, "Endpoints beside the page").
  const deep = cap !== null && offset >= (opts.deepOffset ?? DEEP_OFFSET);
  const { rows } = onGenericPlan
    ? await queryOnGenericPlan<Row & { total: number }>(ctx.client, statement)
    : deep ? await queryWithSetting<Row & { total: number }>(ctx.client, 'enable_sort', 'off', statement)
      : await ctx.client.query<Row & { total: number }>(statement);
  // A page past the end has no row to carry the total: count apart (the page and offset parameters unused).
  const counted = rows[0] ? Number(rows[0].total)
    : offset === 0 ? 0 : Number((await ctx.client.query<{ n: number }>(countSql, params.slice(0, whereParams))).rows[0]?.n ?? 0);
  const totalCapped = cap !== null && counted > cap;
  const total = totalCapped ? cap : counted;
  const items: CaseRow[] = [];
  for (const r of rows) {
    const type = ctx.engine.types.get(r.case_type);
    const cal = await ctx.engine.calendars.forTownship(r.township_id);
    items.push({
      id: r.id, ref: r.ref, type: r.case_type, title: r.title, status: r.status, statusLabel: type?.states[r.status]?.label ?? { zh: r.status, en: r.status },
      statusKind: r.status_kind, orgId: r.org_id, orgName: r.org_name, category: r.category, receivedOn: r.received_on, endedOn: r.ended_on, createdAt: r.created_at.toISOString(),
      nextDue: r.next_due, dueState: r.next_due && r.next_status ? dueStateOf(cal, r.next_status, r.next_due, today) : null,
      nextDueUnit: r.next_unit, remaining: r.next_due && r.next_unit && r.next_status === 'running' ? remainingIn(cal, r.next_unit, today, r.next_due) : null,
      assignees: r.assignees ?? [],
      ...(r.waiting?.some((w) => w.until >= today) ? { waiting: r.waiting.filter((w) => w.until >= today).map((w) => ({
        key: w.key, label: type?.deadlines.find((d) => d.key === w.key)?.label ?? { zh: w.key, en: w.key }, until: w.until, unit: w.unit, remaining: remainingIn(cal, w.unit, today, w.until),
      })) } : {}),
      ...(q.q ? { snippet: snippetOf(`${r.title}　${r.body}`, terms.length ? terms : [q.q.toLowerCase()]) } : {}),
    });
  }
  return { items, total, ...(capped ? { capped: true } : {}), ...(totalCapped ? { totalCapped: true } : {}) };
};

/** Per readable type the caller may handle: where (grants with the type's handle permission; a 'self' grant takes on nothing unassigned). */
const takeableBy = (ctx: CaseCtx, types: readonly string[]): { type: string; all: boolean; orgs: string; subtrees: string }[] => {
  const p = ctx.principal;
  if (!p) return [];
  return types.flatMap((code) => {
    const perm = ctx.engine.types.get(code)?.handlePermission;
    const grants = p.grants.filter((g) => perm !== undefined && g.permissions.includes(perm) && g.scope !== 'self');
    if (grants.length === 0) return [];
    return [{ type: code, all: grants.some((g) => g.scope === 'all'),
      orgs: grants.filter((g) => g.scope === 'org').map((g) => g.orgId).join(','), subtrees: grants.filter((g) => g.scope === 'subtree').map((g) => g.orgId).join(',') }];
  });
};

export type OverdueRow = { caseId: string; ref: string; title: string; orgName: string; deadline: string; deadlineLabel: { zh: string; en: string }; dueDate: string; daysOverdue: number; assignees: string[] };

/** The supervisors' board: every office duty past its due date in scope, most overdue first (a party's window or a minimum period is nobody's lateness). */
export const overdueBoard = async (ctx: CaseCtx): Promise<OverdueRow[]> => {
  const types = readableTypes(ctx);
  if (types.length === 0) return [];
  const today = ctx.engine.today();
  const { rows } = await ctx.client.query<{ case_id: string; ref: string; title: string; org_name: string; key: string; case_type: string; due: string; days: number; assignees: string[] | null }>(
    `SELECT k.id AS case_id, k.ref, k.title, o.name AS org_name, d.key, k.case_type, to_char(d.due_date, 'YYYY-MM-DD') AS due, ($2::date - d.due_date) AS days,
            (SELECT array_agg(u.display_name) FROM case_assignees a JOIN users u ON u.id = a.user_id WHERE a.case_id = k.id) AS assignees
       FROM case_deadlines d JOIN cases k ON k.id = d.case_id JOIN orgs o ON o.id = k.org_id
      WHERE d.status = 'running' AND d.due_date < $2 AND k.case_type = ANY($1) AND k.case_type || '/' || d.key = ANY($3)
      ORDER BY d.due_date, k.ref LIMIT 500`, [types, today, clockKeysOfKind(ctx.engine.types, 'duty')]);
  return rows.map((r) => ({
    caseId: r.case_id, ref: r.ref, title: r.title, orgName: r.org_name, dueDate: r.due, daysOverdue: Number(r.days), assignees: r.assignees ?? [],
    ...((label) => ({ deadline: label?.zh ?? r.key, deadlineLabel: label ?? { zh: r.key, en: r.key } }))(ctx.engine.types.get(r.case_type)?.deadlines.find((x) => x.key === r.key)?.label),
  }));
};
