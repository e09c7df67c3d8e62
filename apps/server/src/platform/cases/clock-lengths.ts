import type { ClockLengthView } from '@fazhi/contracts';
import { AppError } from '../errors.ts';
import { assertCanAt } from '../access/scope.ts';
import type { CaseCtx } from './context.ts';
import { requireType } from './create-case.ts';


/**
 * The configurable clocks of a type and the lengths a township has in force: one row per
 * clock, and for a clock set by category one more per category (its own length, else the
 * township's).
 */
export const listClockLengths = async (ctx: CaseCtx, typeCode: string, townshipId: string): Promise<ClockLengthView[]> => {
  const type = requireType(ctx, typeCode);
  const set = new Map((await ctx.client.query<{ clock_key: string; category: string; length: number }>(
    'SELECT clock_key, category, length FROM case_clock_lengths WHERE township_id = $1 AND case_type = $2', [townshipId, type.code])).rows
    .map((r) => [`${r.clock_key}|${r.category}`, r.length]));
  return type.deadlines.flatMap((d) => {
    const bounds = d.configurable;
    if (!bounds) return [];
    const general = set.get(`${d.key}|`) ?? d.length;
    const row = (category: string | null, length: number): ClockLengthView => ({
      caseType: type.code, clock: d.key, label: d.label, unit: d.unit, length, declared: d.length, min: bounds.min, max: bounds.max, basis: d.basis, townshipId, category,
    });
    return [row(null, general), ...(bounds.byCategory ? (type.categories ?? []).map((k) => row(k, set.get(`${d.key}|${k}`) ?? general)) : [])];
  });
};

/** Every case type's configurable clocks and the lengths a township has in force: one read for the settings screen. */
export const listAllClockLengths = async (ctx: CaseCtx, townshipId: string): Promise<ClockLengthView[]> => {
  const set = new Map((await ctx.client.query<{ case_type: string; clock_key: string; length: number }>(
    'SELECT case_type, clock_key, length FROM case_clock_lengths WHERE township_id = $1', [townshipId])).rows.map((r) => [`${r.case_type}/${r.clock_key}`, r.length]));
  return [...ctx.engine.types.values()].flatMap((type) => type.deadlines.flatMap((d) => (d.configurable ? [{
    caseType: type.code, clock: d.key, label: d.label, unit: d.unit, length: set.get(`${type.code}/${d.key}`) ?? d.length, declared: d.length,
    min: d.configurable.min, max: d.configurable.max, basis: d.basis, townshipId,
  }] : [])));
};

/**
 * Sets a township's own length of a clock its case type lets it set, within the declared
 * bounds (a township may shorten the customary month of mediation; no one may lengthen a
 * statutory period past its bound). Clocks that start afterwards take it; running ones keep theirs.
 */
export const setClockLength = async (ctx: CaseCtx, typeCode: string, clockKey: string, townshipId: string, length: number, category: string | null = null): Promise<ClockLengthView> => {
  const type = requireType(ctx, typeCode);
  if (!ctx.principal) throw new AppError('FORBIDDEN');
  await assertCanAt(ctx.client, ctx.principal, 'settings.manage', townshipId);
  const township = (await ctx.client.query<{ id: string }>("SELECT id FROM orgs WHERE id = $1 AND kind = 'township'", [townshipId])).rows[0];
  if (!township) throw new AppError('VALIDATION', { field: 'townshipId', reason: 'not a township' });
  const def = type.deadlines.find((d) => d.key === clockKey);
  if (!def) throw new AppError('NOT_FOUND');
  if (!def.configurable) throw new AppError('CLOCK_NOT_CONFIGURABLE', { clock: clockKey, basis: def.basis });
  if (category !== null && !(def.configurable.byCategory && (type.categories ?? []).includes(category))) throw new AppError('VALIDATION', { field: 'category' });
  if (length < def.configurable.min || length > def.configurable.max) throw new AppError('CLOCK_LENGTH_OUT_OF_BOUNDS', { min: def.configurable.min, max: def.configurable.max, unit: def.unit });
  const before = (await ctx.client.query<{ length: number }>(
    'SELECT length FROM case_clock_lengths WHERE township_id = $1 AND case_type = $2 AND clock_key = $3 AND category = $4', [townshipId, type.code, clockKey, category ?? ''])).rows[0]?.length ?? null;
  await ctx.client.query(
    `INSERT INTO case_clock_lengths (township_id, case_type, clock_key, category, length, set_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (township_id, case_type, clock_key, category) DO UPDATE SET length = EXCLUDED.length, set_by = EXCLUDED.set_by, set_at = now()`,
    [townshipId, type.code, clockKey, category ?? '', length, ctx.principal.userId]);
  await ctx.audit({ orgId: townshipId, townshipId, action: 'case_type.clock_length', entity: 'case_type', entityId: null,
    before: { caseType: type.code, clock: clockKey, category, length: before ?? def.length }, after: { caseType: type.code, clock: clockKey, category, length } });
  const views = await listClockLengths(ctx, typeCode, townshipId);
  const view = views.find((v) => v.clock === clockKey && (v.category ?? null) === category);
  if (!view) throw new AppError('INTERNAL');
  return view;
};
