import type { TaskList } from 'graphile-worker';
import type { Client } from './db/pools.ts';
import type { CaseTypeDef, Label } from './cases/definition.ts';
import type { TypedApp } from './http/types.ts';
import type { Platform } from './platform.ts';
import type { MetricDef, ReportPart } from './metrics/metrics.ts';

/**
 * What a module brings to the platform, declared in `modules/<m>/<m>.module.ts`. The list of
 * modules (`modules/index.ts`) is the one place that names them: the server, the CLI, the
 * demo seed and the tests read it, and the platform takes the modules it is given without
 * importing any (a lint rule keeps `platform/` from importing `modules/`).
 */
export type FazhiModule = {
  /** Lower-case key, e.g. `mediation`: the module's API paths and menu keys start with it. */
  key: string;
  label: Label;
  /** Case types the engine runs for the module (states, transitions, clocks, schemas). */
  caseTypes?: readonly CaseTypeDef[];
  /** The module's HTTP routes, registered under the platform's access and error handling. */
  routes?: readonly ((app: TypedApp, platform: Platform) => void)[];
  /** Background tasks (graphile-worker) and their cron lines. */
  jobs?: (platform: Platform) => TaskList;
  crontab?: readonly string[];
  /** Timeline labels for the module's own event kinds (e.g. mediation's `session`). */
  eventLabels?: Readonly<Record<string, Label>>;
  /** The module's figures (metrics registry): each with its definition and the records behind it. */
  metrics?: readonly MetricDef[];
  /** The module's paragraphs in the annual report on rule-of-law government, with its figures as live fields. */
  reportParts?: readonly ReportPart[];
  /** Demo records, written through the engine into the demo town in the seeding transaction. */
  demo?: (c: Client, platform: Platform, today: string) => Promise<void>;
};

/** The case types of all modules, and any extra ones (tests add a sample type). */
export const caseTypesOf = (modules: readonly FazhiModule[], extra: readonly CaseTypeDef[] = []): CaseTypeDef[] => {
  const out = new Map<string, CaseTypeDef>();
  for (const t of [...modules.flatMap((m) => m.caseTypes ?? []), ...extra]) if (!out.has(t.code)) out.set(t.code, t);
  return [...out.values()];
};

/** Each module's event labels, merged: the engine's own kinds are labelled by the case page. */
export const eventLabelsOf = (modules: readonly FazhiModule[]): ReadonlyMap<string, Label> =>
  new Map(modules.flatMap((m) => Object.entries(m.eventLabels ?? {})));
