import type { AreaFigures, CommandMap, gridCategories } from '@fazhi/contracts';
import type { CaseCtx } from '../../../platform/cases/context.ts';
import { addWorkingDays } from '../../../platform/calendar/index.ts';
import { clockKeysOfKind } from '../../../platform/cases/definition.ts';
import { DUE_SOON_WORKING_DAYS } from '../../../platform/cases/case-view.ts';

/** The case type the map counts as events: the grid module's (modules/grid), on the engine like every type. */
type GridCategory = (typeof gridCategories)[number];
export const GRID_EVENT_TYPE = 'grid_event';
export const PETITION_TYPE = 'petition';
/**
 * 零事故 and 零案件 are read from the grid events' categories (the grid module's, @fazhi/contracts
 * gridCategories): an event filed this year (not cancelled) of a safety category is counted
 * against 零事故, one of 治安隐患 against 零案件, in its village (docs/map.md, "三零").
 */
export const ACCIDENT_CATEGORIES = ['安全生产', '消防隐患', '道路交通'] as const satisfies readonly GridCategory[];
export const CRIME_CATEGORIES = ['治安隐患'] as const satisfies readonly GridCategory[];

export type AreaOptions = {
  townshipId: string;
  townshipName: string | null;
  year: number;
  /** The case type counted as events (grid_event; tests count another registered type through the same code). */
  eventType?: string;
  petitionType?: string;
  /** The categories read as 事故 and as 案件 (default the lists above; tests count another type's). */
  accidentCategories?: readonly string[];
  crimeCategories?: readonly string[];
  tiles?: CommandMap['tiles'];
};

type Area = { id: string; parent_id: string | null; name: string; kind: 'village' | 'grid' };
const count = (n: unknown): number => Number(n ?? 0);

/**
 * The command map's figures for every village and grid of a township the caller may see
 * (GET /api/geo/command-map). Every count runs on the caller's scoped connection, so
 * row-level security keeps out what the caller may not see, and a case type the caller may
 * not read is not counted at all (its figures are then "unknown", never a false zero).
 *
 * - events: events received this year, not cancelled (status kind 'terminal'); open: those of
 *   them still open (the engine's status kind); unresolvedRate = open / events.
 * - overdue / dueSoon: open events (any year) by their earliest running duty clock — before
 *   today, or from today to DUE_SOON_WORKING_DAYS working days on (as the overdue board and
 *   the case list's due filter count).
 * - petitions: petitions received this year whose village (data.villageId, or the org they were
 *   registered at) is the village — 零上访; accidents / crimes: this year's events of the
 *   categories above — 零事故, 零案件. Per grid, petitions are not tracked (null).
 */
export const commandMapFigures = async (ctx: CaseCtx, o: AreaOptions): Promise<CommandMap> => {
  const eventType = o.eventType ?? GRID_EVENT_TYPE;
  const petitionType = o.petitionType ?? PETITION_TYPE;
  const readable = (code: string): boolean => {
    const t = ctx.engine.types.get(code);
    return t !== undefined && (ctx.principal?.permissions.has(t.readPermission) ?? false);
  };
  const eventsAvailable = readable(eventType);
  const petitionsAvailable = readable(petitionType);
  const accidentCategories = [...(o.accidentCategories ?? ACCIDENT_CATEGORIES)];
  const crimeCategories = [...(o.crimeCategories ?? CRIME_CATEGORIES)];
  const today = ctx.engine.today();
  const from = `${o.year}-01-01`;
  const to = `${o.year}-12-31`;
  const areas = (await ctx.client.query<Area>(
    `SELECT o.id, o.parent_id, o.name, o.kind FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id
      WHERE o.township_id = $1 AND o.kind IN ('village', 'grid')
      ORDER BY CASE WHEN o.kind = 'grid' THEN p.sort_order ELSE o.sort_order END, o.kind DESC, o.sort_order, o.code`, [o.townshipId])).rows;
  const ids = areas.map((a) => a.id);
  const villageIds = areas.filter((a) => a.kind === 'village').map((a) => a.id);

  const events = new Map<string, { events: number; open: number; accidents: number; crimes: number }>();
  const due = new Map<string, { overdue: number; dueSoon: number }>();
  if (eventsAvailable && ids.length > 0) {
    const { rows } = await ctx.client.query<{ org_id: string; events: string; open: string; accidents: string; crimes: string }>(
      `SELECT a.ancestor_id AS org_id, count(*) AS events, count(*) FILTER (WHERE k.status_kind = 'open') AS open,
              count(*) FILTER (WHERE k.category = ANY ($6)) AS accidents, count(*) FILTER (WHERE k.category = ANY ($7)) AS crimes
         FROM cases k JOIN org_closure a ON a.descendant_id = k.org_id
        WHERE k.township_id = $1 AND k.case_type = $2 AND k.received_on BETWEEN $3 AND $4 AND k.status_kind <> 'terminal' AND a.ancestor_id = ANY ($5)
        GROUP BY a.ancestor_id`, [o.townshipId, eventType, from, to, ids, accidentCategories, crimeCategories]);
    for (const r of rows) events.set(r.org_id, { events: count(r.events), open: count(r.open), accidents: count(r.accidents), crimes: count(r.crimes) });

    const duty = clockKeysOfKind(ctx.engine.types, 'duty').filter((k) => k.startsWith(`${eventType}/`));
    if (duty.length > 0) {
      const soon = addWorkingDays(await ctx.engine.calendars.forTownship(o.townshipId), today, DUE_SOON_WORKING_DAYS);
      const { rows: dueRows } = await ctx.client.query<{ org_id: string; overdue: string; soon: string }>(
        `WITH next AS (
           SELECT k.id, k.org_id, min(d.due_date) AS due
             FROM cases k JOIN case_deadlines d ON d.case_id = k.id
            WHERE k.township_id = $1 AND k.case_type = $2 AND k.status_kind = 'open' AND d.status = 'running' AND k.case_type || '/' || d.key = ANY ($3)
            GROUP BY k.id, k.org_id)
         SELECT a.ancestor_id AS org_id, count(*) FILTER (WHERE n.due < $4) AS overdue, count(*) FILTER (WHERE n.due >= $4 AND n.due <= $5) AS soon
           FROM next n JOIN org_closure a ON a.descendant_id = n.org_id
          WHERE a.ancestor_id = ANY ($6)
          GROUP BY a.ancestor_id`, [o.townshipId, eventType, duty, today, soon, ids]);
      for (const r of dueRows) due.set(r.org_id, { overdue: count(r.overdue), dueSoon: count(r.soon) });
    }
  }

  const petitions = new Map<string, number>();
  if (petitionsAvailable && villageIds.length > 0) {
    // A petition is the village's when it names the village (data.villageId, as the counter and
    // the portal record it) or was registered at the village or one of its grids.
    const { rows } = await ctx.client.query<{ org_id: string; n: string }>(
      `SELECT v.id AS org_id, count(k.id) AS n
         FROM unnest($4::uuid[]) AS v(id)
         JOIN cases k ON k.township_id = $1 AND k.case_type = $2 AND k.received_on BETWEEN $3 AND $5
          AND (k.data->>'villageId' = v.id::text OR k.org_id IN (SELECT c.descendant_id FROM org_closure c WHERE c.ancestor_id = v.id))
        GROUP BY v.id`, [o.townshipId, petitionType, from, villageIds, to]);
    for (const r of rows) petitions.set(r.org_id, count(r.n));
  }

  const figures = (a: Area): AreaFigures => {
    const e = events.get(a.id);
    const d = due.get(a.id);
    const n = e?.events ?? 0;
    const open = e?.open ?? 0;
    return {
      orgId: a.id, parentId: a.parent_id, name: a.name, kind: a.kind,
      events: n, open, unresolvedRate: n > 0 ? open / n : null,
      overdue: d?.overdue ?? 0, dueSoon: d?.dueSoon ?? 0,
      petitions: a.kind === 'village' && petitionsAvailable ? (petitions.get(a.id) ?? 0) : null,
      accidents: eventsAvailable ? (e?.accidents ?? 0) : null,
      crimes: eventsAvailable ? (e?.crimes ?? 0) : null,
    };
  };
  return {
    townshipId: o.townshipId, townshipName: o.townshipName, year: o.year, today,
    eventType, eventsAvailable, petitionsAvailable,
    accidentCategories, crimeCategories,
    tiles: o.tiles ?? null,
    villages: areas.filter((a) => a.kind === 'village').map(figures),
    grids: areas.filter((a) => a.kind === 'grid').map(figures),
  };
};
