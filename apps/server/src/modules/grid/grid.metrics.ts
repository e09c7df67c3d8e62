import { gridCategoryCodes } from '@fazhi/contracts';
import type { MetricDef } from '../../platform/metrics/metrics.ts';
import type { Label } from '../../platform/cases/definition.ts';
import { gridCategories } from './grid.workflow.ts';

/**
 * The year's grid events of the townships in reach, within the org's subtree ($1 year, $2
 * townships, $3 org), as rows the figures filter on. What was filed, settled on the spot,
 * sent back and closed is read from the engine's record of steps (`steps`) and timeline
 * (each 退回重办 is a transition event); whether a stage kept its limit from its clock's
 * on-time flag, written when the clock stopped (`clocks`: clock key → on time). The village
 * is the one the event was reported in (the case's facts, written by the module), so an
 * event passed to an office still names where it happened.
 */
const base = `
  SELECT k.id, k.ref, k.title, k.status, k.received_on, k.ended_on, o.name AS org_name, k.org_id, k.township_id, k.category,
         v.name AS village_name, coalesce(k.facts #>> '{grid,channel}', k.data ->> 'channel') AS channel,
         k.steps ? 'solve_on_spot' AS self_handled, k.steps ? 'file' AS filed, k.status = 'cancelled' AS cancelled,
         k.status IN ('verified', 'closed') AS done, k.steps -> 'evaluate' ->> 'grade' AS grade,
         (SELECT count(*)::int FROM case_events e WHERE e.case_id = k.id AND e.kind = 'transition' AND e.transition = 'rework') AS reworks,
         coalesce((SELECT jsonb_object_agg(d.key, d.on_time) FROM case_deadlines d WHERE d.case_id = k.id AND d.on_time IS NOT NULL), '{}') AS clocks
    FROM cases k
    JOIN orgs o ON o.id = k.org_id
    LEFT JOIN orgs v ON v.id::text = k.facts #>> '{grid,villageId}'
   WHERE k.case_type = 'grid_event' AND k.year = $1 AND k.township_id = ANY($2::uuid[])
     AND k.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $3)`;

/** The stages whose limits are counted, each with the clocks that time it (a rework's handling, a self-handled event's check). */
const stages: readonly { name: string; zh: string; en: string; clocks: readonly string[] }[] = [
  { name: 'accept', zh: '受理核实', en: 'Verify and file', clocks: ['accept'] },
  { name: 'dispatch', zh: '派遣', en: 'Dispatch', clocks: ['dispatch'] },
  { name: 'handle', zh: '处置', en: 'Handle', clocks: ['handle', 'rework'] },
  { name: 'reportBack', zh: '反馈', en: 'Report back', clocks: ['report_back'] },
  { name: 'verify', zh: '核查', en: 'Verify', clocks: ['verify', 'verify_on_spot'] },
];
const arr = (keys: readonly string[]): string => `array[${keys.map((k) => `'${k}'`).join(', ')}]`;
/** The stage was timed: one of its clocks stopped with a flag. */
const timed = (keys: readonly string[]): string => `m.clocks ?| ${arr(keys)}`;
/** ... and none of them late. */
const kept = (keys: readonly string[]): string => `${timed(keys)} AND NOT (${keys.map((k) => `coalesce(m.clocks ->> '${k}', 'true') = 'false'`).join(' OR ')})`;

const cockpit: Record<string, number> = { received: 10, closed: 20, selfHandledShare: 30, closedOnTimeRate: 40 };
const place = (name: string) => (cockpit[name] ? { cockpit: { order: cockpit[name] } } : {});
const count = (name: string, label: Label, definition: Label, where: string): MetricDef => ({
  code: `grid.${name}`, label, definition, unit: 'count', readPermission: 'grid.read',
  records: `WITH m AS (${base}) SELECT m.* FROM m WHERE ${where}`, ...place(name),
});
const rate = (name: string, label: Label, definition: Label, numerator: string, denominator: string): MetricDef => ({
  code: `grid.${name}`, label, definition, unit: 'rate', readPermission: 'grid.read', numerator: `grid.${numerator}`, denominator: `grid.${denominator}`, ...place(name),
});
const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const camel = (code: string): string => code.split('_').map((w) => `${w[0]?.toUpperCase() ?? ''}${w.slice(1)}`).join('');

/** The grid-event figures of the metrics registry: each count with the events behind it. */
export const gridMetrics = (): MetricDef[] => [
  count('received', { zh: '网格事件', en: 'Grid events' }, { zh: '当年上报的网格事件（网格员上报、群众随手拍、Open311）', en: 'Grid events reported in the year (grid workers, citizens, Open311)' }, 'true'),
  ...gridCategories.map((k) => count(`received${camel(gridCategoryCodes[k])}`, { zh: `网格事件：${k}`, en: `Grid events: ${gridCategoryCodes[k]}` },
    { zh: `当年上报的“${k}”类网格事件`, en: `Grid events of the category ${k} reported in the year` }, `m.category = ${quote(k)}`)),
  count('fromCitizens', { zh: '群众随手拍', en: 'Reported by citizens' }, { zh: '群众通过门户随手拍或Open311接口上报的网格事件', en: 'Events citizens reported on the portal or through Open311' }, "m.channel IN ('portal', 'open311')"),
  count('filed', { zh: '立案', en: 'Filed' }, { zh: '经核实立案的网格事件', en: 'Events verified and filed' }, 'm.filed'),
  count('cancelled', { zh: '不予立案', en: 'Not filed' }, { zh: '经核实不予立案的网格事件', en: 'Events not filed after verification' }, 'm.cancelled'),
  count('selfHandled', { zh: '就地办结', en: 'Solved on the spot' }, { zh: '网格员就地办结的网格事件', en: 'Events the grid worker settled on the spot' }, 'm.self_handled'),
  count('reworked', { zh: '退回重办', en: 'Sent back for rework' }, { zh: '核查时退回重办过的网格事件（清单列出每件的重办次数）', en: 'Events sent back at verification (the list gives how often)' }, 'm.reworks > 0'),
  count('closed', { zh: '核查结案', en: 'Closed' }, { zh: '经核查结案的网格事件', en: 'Events verified and closed' }, 'm.done'),
  count('closedOnTime', { zh: '按期结案', en: 'Closed on time' }, { zh: '结案且各环节均未超过时限的网格事件', en: 'Closed events none of whose stages ran late' },
    "m.done AND NOT EXISTS (SELECT 1 FROM jsonb_each_text(m.clocks) c WHERE c.value = 'false')"),
  count('evaluated', { zh: '已评价', en: 'Evaluated' }, { zh: '结案后作出评价的网格事件', en: 'Events evaluated after closing' }, 'm.grade IS NOT NULL'),
  count('satisfied', { zh: '评价满意（含基本满意）', en: 'Evaluated satisfied' }, { zh: '评价为满意或基本满意的网格事件', en: 'Events evaluated satisfied or fairly satisfied' }, "m.grade IN ('满意', '基本满意')"),
  ...stages.flatMap((s) => [
    count(`${s.name}Timed`, { zh: `${s.zh}环节已计时`, en: `${s.en}: timed` }, { zh: `${s.zh}环节计时已结束的网格事件`, en: `Events whose ${s.en} clock has stopped` }, timed(s.clocks)),
    count(`${s.name}OnTime`, { zh: `${s.zh}按时`, en: `${s.en}: on time` }, { zh: `${s.zh}环节在时限内完成的网格事件`, en: `Events whose ${s.en} stage kept its limit` }, kept(s.clocks)),
    rate(`${s.name}OnTimeRate`, { zh: `${s.zh}按时率`, en: `${s.en}: on-time rate` }, { zh: `${s.zh}按时件数 ÷ ${s.zh}环节已计时件数`, en: `${s.en} on time ÷ timed` }, `${s.name}OnTime`, `${s.name}Timed`),
  ]),
  rate('selfHandledShare', { zh: '就地办结率', en: 'Share solved on the spot' }, { zh: '就地办结件数 ÷ 上报件数', en: 'Solved on the spot ÷ reported' }, 'selfHandled', 'received'),
  rate('closedOnTimeRate', { zh: '按期结案率', en: 'Closed on time' }, { zh: '按期结案件数 ÷ 结案件数', en: 'Closed on time ÷ closed' }, 'closedOnTime', 'closed'),
  rate('reworkRate', { zh: '重办率', en: 'Rework rate' }, { zh: '退回重办件数 ÷ 结案件数', en: 'Reworked ÷ closed' }, 'reworked', 'closed'),
  rate('satisfactionRate', { zh: '满意率', en: 'Satisfaction' }, { zh: '评价满意（含基本满意）件数 ÷ 已评价件数', en: 'Satisfied ÷ evaluated' }, 'satisfied', 'evaluated'),
];
