import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { runKillSubmissions } from '../../test/kill-submissions.ts';
import { TEMPLATE_DB, TEST_MASTER_KEY_HEX } from '../../test/constants.ts';

/**
 * Nothing lost under `kill -9` (docs/reliability.md, section 7), the short version: the real
 * server on a database of its own, 100 simultaneous online applications, killed twice in the
 * middle and started again, every unacknowledged one retried with its Idempotency-Key. The
 * long version is `npm run bench:kill` (1,000 × 5).
 */
const withDb = (url: string, db: string): string => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
};
const name = `t_kill_${randomBytes(4).toString('hex')}`;
const admin = (): pg.Client => new pg.Client({ connectionString: withDb(inject('ownerBaseUrl'), 'postgres') });

beforeAll(async () => {
  const a = admin();
  await a.connect();
  await a.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  await a.end();
});
afterAll(async () => {
  const a = admin();
  await a.connect();
  await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await a.end();
});

describe('kill -9 in the middle of simultaneous citizen submissions', () => {
  it('keeps every acknowledged application exactly once and whole, and retried keys never duplicate', async () => {
    const r = await runKillSubmissions({
      ownerUrl: withDb(inject('ownerBaseUrl'), name), masterKeyHex: TEST_MASTER_KEY_HEX, submissions: 100, kills: 2, tag: 'short',
      progress: (line) => console.info(line),
    });
    console.info(`kill -9: ${JSON.stringify(r)}`);
    // Both kills came while applications were in flight.
    expect(r.ackedBeforeKill).toHaveLength(2);
    expect(r.unanswered).toBeGreaterThan(0);
    expect({ stored: r.stored, lost: r.lost, duplicated: r.duplicated, mismatched: r.mismatched, halfWritten: r.halfWritten, orphans: r.orphans, replayMismatched: r.replayMismatched })
      .toEqual({ stored: 100, lost: 0, duplicated: 0, mismatched: 0, halfWritten: 0, orphans: 0, replayMismatched: 0 });
  }, 240_000);
});
