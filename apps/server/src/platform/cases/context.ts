import type { Client } from '../db/pools.ts';
import type { Actor } from '../platform.ts';
import type { Principal } from '../access/principal.ts';
import type { AuditEntry, AuditHeads } from '../audit/audit.ts';
import type { CaseTypeRegistry, Label } from './definition.ts';
import type { CalendarStore } from '../calendar/store.ts';
import type { FieldKeys } from '../crypto/sm.ts';
import type { MetricRegistry } from '../metrics/metrics.ts';

/** What the case engine works with: one transaction, who acts, and the engine's services. */
export type CaseCtx = {
  client: Client;
  actor: Actor;
  /** Null for a citizen's submission through the portal. */
  principal: Principal | null;
  audit: (e: Omit<AuditEntry, 'actorId' | 'ip' | 'requestId'>, locked?: AuditHeads) => Promise<void>;
  engine: CaseEngine;
};

export type CaseEngine = {
  types: CaseTypeRegistry;
  /** The metrics registry, for a step whose effect reads figures (an annual report signed). */
  metrics: MetricRegistry;
  /** Timeline labels of the modules' own event kinds (FazhiModule.eventLabels). */
  eventLabels: ReadonlyMap<string, Label>;
  calendars: CalendarStore;
  keys: FieldKeys;
  /** Today's date in Beijing; replaceable so tests can stand on a given day. */
  today: () => string;
  /** A step dated more than this many days before today is a late entry (补录), for holders of case.late_entry. */
  lateEntryDays: number;
};
