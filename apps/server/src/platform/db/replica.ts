import type pg from 'pg';
import { withClient } from './pools.ts';

/**
 * What the read replica (DATABASE_READ_URL) is doing, as its own request connection sees it:
 * - `none`: no replica configured; the heavy reads run on the primary.
 * - `unavailable`: configured, but no connection or no answer within the wait; its endpoints
 *   answer 503 REPLICA_UNAVAILABLE meanwhile (decision 0015).
 * - `streaming`: in recovery (a standby), with the time of the last transaction it has
 *   replayed (`replayedAt`) and how far behind it is (`lagSeconds`): 0 when it has replayed
 *   everything it received, else the age of its last replayed transaction. A primary without
 *   writes makes no transactions to replay, so replayedAt may be old on a caught-up replica.
 * - `not-a-standby`: the URL reaches a server that is not in recovery (a primary, or a
 *   promoted standby): reads there are current, but it is not the replica the operator meant.
 */
export type ReplicaState =
  | { state: 'none' }
  | { state: 'unavailable' }
  | { state: 'streaming'; replayedAt: string | null; lagSeconds: number }
  | { state: 'not-a-standby' };

export const replicaState = async (read: pg.Pool, isReplica: boolean, waitMs: number): Promise<ReplicaState> => {
  if (!isReplica) return { state: 'none' };
  const check = withClient(read, async (c): Promise<ReplicaState> => {
    const { rows } = await c.query<{ recovery: boolean; replayed_at: Date | null; lag: number | null }>(
      `SELECT pg_is_in_recovery() AS recovery, pg_last_xact_replay_timestamp() AS replayed_at,
              CASE WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
                   ELSE extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())::float8 END AS lag`);
    const r = rows[0];
    if (!r?.recovery) return { state: 'not-a-standby' };
    return { state: 'streaming', replayedAt: r.replayed_at?.toISOString() ?? null, lagSeconds: Math.max(0, Math.round((r.lag ?? 0) * 1000) / 1000) };
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<ReplicaState>((resolve) => { timer = setTimeout(() => resolve({ state: 'unavailable' }), waitMs); });
  return Promise.race([check.catch((): ReplicaState => ({ state: 'unavailable' })), late]).finally(() => clearTimeout(timer));
};
