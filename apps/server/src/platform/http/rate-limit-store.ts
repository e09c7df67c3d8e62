import { createHmac } from 'node:crypto';
import type pg from 'pg';

type Counted = { current: number; ttl: number };
type Callback = (err: Error | null, result?: Counted) => void;
/** What @fastify/rate-limit passes to a store: the plugin's options merged with a route's (`routeInfo`, the route). */
type StoreOptions = object;
const routeOf = (options: StoreOptions): string => {
  const info = (options as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo;
  return info && typeof info.url === 'string' ? `${String(info.method)} ${info.url}` : '*';
};

/** Counts a request and returns the window's count and the milliseconds left of it. */
const COUNT = `INSERT INTO rate_limit_hits AS r (key_hash, hits, window_ends)
  VALUES ($1, 1, clock_timestamp() + $2 * interval '1 millisecond')
  ON CONFLICT (key_hash) DO UPDATE SET
    hits = CASE WHEN r.window_ends <= clock_timestamp() THEN 1 ELSE r.hits + 1 END,
    window_ends = CASE WHEN r.window_ends <= clock_timestamp() THEN clock_timestamp() + $2 * interval '1 millisecond' ELSE r.window_ends END
  RETURNING hits, greatest(0, ceil(extract(epoch FROM r.window_ends - clock_timestamp()) * 1000))::int AS ttl`;
const READ = `SELECT hits, greatest(0, ceil(extract(epoch FROM window_ends - clock_timestamp()) * 1000))::int AS ttl
  FROM rate_limit_hits WHERE key_hash = $1 AND window_ends > clock_timestamp()`;

/**
 * A store for @fastify/rate-limit that keeps the counts in PostgreSQL (`rate_limit_hits`), so
 * that several server processes behind one address enforce one limit together instead of one
 * each (docs/operations.md, "Scale"). One statement per counted request, on the owner pool,
 * outside any transaction; a route's counts are its own (the key names the route). The daily
 * throttle sweep removes ended windows.
 */
export const postgresRateLimitStore = (db: Pick<pg.Pool, 'query'>, secret: Buffer) => {
  const hash = (route: string, key: string): Buffer => createHmac('sha256', secret).update(`rate\0${route}\0${key}`).digest();
  return class PostgresRateLimitStore {
    readonly route: string;
    constructor(options: StoreOptions = {}) {
      this.route = routeOf(options);
    }

    incr(key: string, cb: Callback, timeWindow: number): void {
      db.query<{ hits: number; ttl: number }>(COUNT, [hash(this.route, key), timeWindow])
        .then((r) => cb(null, { current: r.rows[0]!.hits, ttl: r.rows[0]!.ttl }), (err: Error) => cb(err));
    }

    read(key: string, cb: Callback): void {
      db.query<{ hits: number; ttl: number }>(READ, [hash(this.route, key)])
        .then((r) => cb(null, { current: r.rows[0]?.hits ?? 0, ttl: r.rows[0]?.ttl ?? 0 }), (err: Error) => cb(err));
    }

    child(routeOptions: StoreOptions): PostgresRateLimitStore {
      return new PostgresRateLimitStore(routeOptions);
    }
  };
};
