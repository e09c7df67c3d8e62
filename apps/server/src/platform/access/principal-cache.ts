import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Principal } from './principal.ts';

/**
 * Signed-in users' principals (who they are, their roles, grants and data scope), kept between
 * requests so that a request does not load them again (issue 11: loading the principal was
 * half of the owner pool's work per request).
 *
 * Each principal is kept with the version of the user's record it was loaded at
 * (`users.auth_version`, migration 20261208310000_principal_version). Every change that alters
 * a principal bumps that version in its own transaction: the user's name, org, password, forced
 * password change or status, a grant added or removed, a role's permissions or names, an org's
 * name. The session check reads the version with the session on every request, and a kept
 * principal of another version is not used: a change counts from the next request on, in
 * every server process, whatever happened to the notifications below. Sign-out deletes the
 * session itself, which the same check finds gone.
 *
 * The bumps are also sent on the channel `fazhi_principal` (NOTIFY, at commit): every server
 * process listens and drops what it keeps for those users at once, so that stale principals
 * do not stay in memory. While the listening connection is down, everything is dropped and
 * the connection is opened again.
 */
export type PrincipalCache = {
  /** The kept principal of this user at this version, if any. */
  get: (userId: string, version: number) => Principal | undefined;
  set: (userId: string, version: number, principal: Principal) => void;
  /** Drops the given users' principals, or all ('*'). */
  drop: (userIds: readonly string[] | '*') => void;
  size: () => number;
  /** Emits 'notified' (the user ids, or '*') after a notification from the database was applied, and 'listening' when the channel is open. */
  events: EventEmitter;
  /** Resolves once the channel is open (at once when it is). */
  whenListening: () => Promise<void>;
  close: () => Promise<void>;
};

export const PRINCIPAL_CHANNEL = 'fazhi_principal';

export const createPrincipalCache = (opts: { ownerUrl: string | null; log: Logger; max?: number; reconnectMs?: number }): PrincipalCache => {
  const max = opts.max ?? 10_000;
  const kept = new Map<string, { version: number; principal: Principal }>();
  const events = new EventEmitter();
  let closed = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  let listening = false;

  const drop = (ids: readonly string[] | '*'): void => {
    if (ids === '*') kept.clear();
    else for (const id of ids) kept.delete(id);
  };

  const listen = async (): Promise<void> => {
    if (closed || !opts.ownerUrl) return;
    const c = new pg.Client({ connectionString: opts.ownerUrl, application_name: 'fazhi-principal-listener' });
    client = c;
    const lost = (e?: Error): void => {
      if (client !== c) return;
      client = null;
      listening = false;
      // Notifications may have been missed: keep nothing that one could have dropped.
      kept.clear();
      if (closed) return;
      opts.log.warn({ err: e }, 'the principal notifications connection was lost; opening it again');
      timer = setTimeout(() => { timer = null; void listen(); }, opts.reconnectMs ?? 1000);
      timer.unref();
    };
    c.on('error', lost);
    c.on('end', () => lost());
    c.on('notification', (n) => {
      if (n.channel !== PRINCIPAL_CHANNEL) return;
      const ids = !n.payload || n.payload === '*' ? '*' : n.payload.split(',');
      drop(ids);
      events.emit('notified', ids);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${PRINCIPAL_CHANNEL}`);
      if (closed) { await c.end().catch(() => undefined); return; }
      listening = true;
      events.emit('listening');
    } catch (e) {
      lost(e as Error);
      await c.end().catch(() => undefined);
    }
  };
  void listen();

  return {
    get: (userId, version) => {
      const k = kept.get(userId);
      return k && k.version === version ? k.principal : undefined;
    },
    set: (userId, version, principal) => {
      kept.delete(userId);
      if (kept.size >= max) {
        // The oldest entry goes (Map keeps insertion order; a set moves the user to the end).
        const first = kept.keys().next();
        if (!first.done) kept.delete(first.value);
      }
      kept.set(userId, { version, principal });
    },
    drop,
    size: () => kept.size,
    events,
    whenListening: () => (listening ? Promise.resolve() : new Promise((resolve) => { events.once('listening', () => resolve()); })),
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      kept.clear();
      if (c) await c.end().catch(() => undefined);
    },
  };
};
