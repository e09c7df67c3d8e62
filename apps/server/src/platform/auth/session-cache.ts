import type { Principal } from '../access/principal.ts';

/**
 * The sessions this server process checked on the owner pool in the last `freshMs`, by the
 * hash of their id, with what the check found: the user, the session's CSRF token and the
 * user's principal version (issue 11).
 *
 * A route that declares `sessionInTransaction` (platform/http/access.ts) takes a kept session
 * on trust and has it checked again inside its own transaction (`fazhi_session_assert`,
 * migration 20261214100000): nothing here decides on its own that a session is valid. Kept
 * sessions are checked again on the owner pool once they are `freshMs` old, which also keeps
 * `last_seen_at` written (platform/auth/sessions.ts) and so the idle timeout true.
 */
export type KeptSession = { userId: string; csrfToken: string; authVersion: number };

export type SessionCache = {
  /** A session checked on the owner pool less than freshMs ago, if any. */
  fresh: (hash: string) => KeptSession | undefined;
  set: (hash: string, session: KeptSession) => void;
  drop: (hash: string) => void;
  size: () => number;
};

export const createSessionCache = (opts: { max?: number; freshMs?: number; now?: () => number } = {}): SessionCache => {
  const max = opts.max ?? 10_000;
  const freshMs = opts.freshMs ?? 50_000;
  const now = opts.now ?? Date.now;
  const kept = new Map<string, KeptSession & { at: number }>();
  return {
    fresh: (hash) => {
      const k = kept.get(hash);
      if (!k) return undefined;
      if (now() - k.at >= freshMs) {
        kept.delete(hash);
        return undefined;
      }
      return k;
    },
    set: (hash, s) => {
      kept.delete(hash);
      if (kept.size >= max) {
        // The oldest entry goes (a Map keeps insertion order; a set moves the session to the end).
        const first = kept.keys().next();
        if (!first.done) kept.delete(first.value);
      }
      kept.set(hash, { ...s, at: now() });
    },
    drop: (hash) => { kept.delete(hash); },
    size: () => kept.size,
  };
};

/**
 * A session taken on trust for one request (issue 11): the request's first scoped transaction
 * sends `sql` with BEGIN and the scope, where it raises, before any of the route's statements
 * runs, if the session is gone (FZS01), has expired (FZS02) or its user's principal changed
 * (FZS03): platform/platform.ts runScoped. `verify` is the check on the owner pool, as for any other
 * route: it loads the principal again, admits it to the route (or throws), and makes it the
 * request's. A request that ends without a scoped transaction is verified before its answer
 * is sent.
 */
export type SessionCheck = {
  pending: boolean;
  sql: string;
  verify: () => Promise<Principal>;
  /** The session is gone or over: it is not kept any longer. */
  forget: () => void;
};
