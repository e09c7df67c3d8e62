import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { repoRoot } from '../config.ts';
import { freePort } from './free-port.ts';

/**
 * Nothing lost under `kill -9` (docs/reliability.md): the real server (`fazhi start`, a child
 * process on a given database) takes many simultaneous online mediation applications, each
 * with an Idempotency-Key; in the middle of them it is killed with SIGKILL and started again,
 * and every application that was not acknowledged is sent again with the same key, as a
 * citizen's browser retries. Then what the database holds is compared with what was
 * acknowledged. Used by `kill-submissions.test.ts` (short) and `bench/kill.ts` (long).
 */

export type KillRunOptions = {
  /** Owner connection to a migrated database with the demo town; the server runs on it. */
  ownerUrl: string;
  masterKeyHex: string;
  submissions: number;
  kills: number;
  /** Tag that marks this run's applications in the database (letters and digits). */
  tag: string;
  progress?: (line: string) => void;
};

export type KillRunResult = {
  submissions: number;
  kills: number;
  /** Requests sent, first tries and retries together. */
  requests: number;
  /** Requests that got no answer (the connection was cut by the kill or refused while down). */
  unanswered: number;
  /** Answers by status, over all requests. */
  statuses: Record<string, number>;
  /** Applications acknowledged (200) before a kill, in each killed round. */
  ackedBeforeKill: number[];
  /** Cases stored for this run's applications. */
  stored: number;
  /** Acknowledged applications missing from the database. */
  lost: number;
  /** Applications stored more than once (the same marker, or the same key, on several cases). */
  duplicated: number;
  /** An acknowledged key whose answer named another case than the one stored for it. */
  mismatched: number;
  /** Cases of this run missing a part: two parties, the `created` event, the audit row, the key, the receipt SMS. */
  halfWritten: number;
  /** Keys claimed with no case, and parties, events or receipt messages of no case. */
  orphans: number;
  /**
   * Retries answered as a replay: the first try was committed but its answer was lost with the
   * killed server. The citizen gets the case's number back (the query code only by SMS).
   */
  committedUnanswered: number;
  /** Acknowledged keys sent once more at the end that answered another case, or not as a replay. */
  replayMismatched: number;
  ms: number;
};

type Server = { child: ChildProcess; output: () => string; exited: Promise<void> };

const bin = path.join(repoRoot, 'bin', 'fazhi.mjs');

type Answer = { status: number; id?: string; replayed?: boolean };

export const runKillSubmissions = async (o: KillRunOptions): Promise<KillRunResult> => {
  const started = Date.now();
  const say = o.progress ?? ((): void => undefined);
  const dir = mkdtempSync(path.join(tmpdir(), 'fazhi-kill-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const { DATABASE_APP_URL: _a, ...rest } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...rest, DATABASE_URL: o.ownerUrl, FAZHI_MASTER_KEY: o.masterKeyHex, FAZHI_DATA_DIR: dir, FAZHI_DEMO: 'never',
    PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error', FAZHI_WEB_DIST: path.join(dir, 'no-web'),
    // Each citizen has an address of their own (the route takes ten applications a minute from one).
    FAZHI_TRUST_PROXY: 'true', FAZHI_PUBLIC_RATE_PER_MINUTE: '100000',
    // A busy shared machine: a slow answer is not a failure here, a lost one is.
    FAZHI_DB_ACQUIRE_TIMEOUT_MS: '60000',
  };

  const start = (): Server => {
    const child = spawn(process.execPath, [bin, 'start'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (b: Buffer): void => { output = (output + b.toString()).slice(-6000); };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    return { child, output: () => output, exited };
  };
  const untilReady = async (s: Server): Promise<void> => {
    const deadline = Date.now() + 180_000;
    let gone = false;
    void s.exited.then(() => { gone = true; });
    for (;;) {
      if (gone) throw new Error(`the server exited during its start:\n${s.output()}`);
      const status = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status, () => 0);
      if (status === 200) return;
      if (Date.now() > deadline) throw new Error(`the server was not ready within 180 s:\n${s.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const db = new pg.Pool({ connectionString: o.ownerUrl, max: 2 });
  // The bench stops its PostgreSQL right after: a connection still closing must not end the process.
  db.on('error', () => undefined);
  const villageId = (await db.query<{ id: string }>(`SELECT id FROM orgs WHERE code = 'S01'`)).rows[0]?.id;
  if (!villageId) throw new Error('the database has no demo village S01');

  const keyOf = (i: number): string => `kill-${o.tag}-${String(i).padStart(5, '0')}`;
  const marker = (i: number): string => `[${keyOf(i)}]`;
  const send = async (i: number): Promise<Answer> => {
    try {
      const res = await fetch(`${base}/api/public/mediation/applications`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json', 'idempotency-key': keyOf(i),
          'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        },
        body: JSON.stringify({
          villageId, category: '邻里',
          applicant: { name: `申请人${i}`, phone: `139${String(i).padStart(8, '0')}` }, respondent: { name: '钱某' },
          facts: `${marker(i)} 邻居在共用通道上堆放杂物，影响通行。`, claims: '请求清除通道杂物。', consent: true,
        }),
        signal: AbortSignal.timeout(120_000),
      });
      const body = (await res.json().catch(() => null)) as { id?: string; replayed?: boolean } | null;
      return { status: res.status, id: body?.id, replayed: body?.replayed };
    } catch {
      return { status: 0 };
    }
  };

  const acked = new Map<number, string>();
  const statuses: Record<string, number> = {};
  let requests = 0;
  let unanswered = 0;
  let mismatched = 0;
  let committedUnanswered = 0;
  const ackedBeforeKill: number[] = [];
  const note = (i: number, a: Answer): void => {
    requests++;
    statuses[a.status] = (statuses[a.status] ?? 0) + 1;
    if (a.status === 0) unanswered++;
    if (a.status !== 200 || !a.id) return;
    if (a.replayed) committedUnanswered++;
    const before = acked.get(i);
    if (before !== undefined && before !== a.id) mismatched++;
    acked.set(i, a.id);
  };

  let server: Server | null = null;
  try {
    for (let round = 0; round <= o.kills; round++) {
      server = start();
      await untilReady(server);
      const pending = Array.from({ length: o.submissions }, (_, i) => i).filter((i) => !acked.has(i));
      if (round < o.kills) {
        // Killed once a third of this round's applications are acknowledged: the rest are in
        // flight, on their way in, inside their transactions or being answered.
        const killAt = Math.max(1, Math.floor(pending.length / 3));
        let ackedNow = 0;
        const s = server;
        let killed = false;
        await Promise.all(pending.map(async (i) => {
          const a = await send(i);
          note(i, a);
          if (a.status === 200 && !killed && ++ackedNow >= killAt) {
            killed = true;
            s.child.kill('SIGKILL');
          }
        }));
        if (!killed) s.child.kill('SIGKILL');
        await s.exited;
        ackedBeforeKill.push(ackedNow);
        say(`round ${round + 1}: ${pending.length} sent, ${ackedNow} acknowledged before the kill, ${acked.size} of ${o.submissions} in all`);
      } else {
        // The last start: every application not yet acknowledged is sent again until it is.
        let left = pending;
        for (let attempt = 0; left.length > 0; attempt++) {
          if (attempt === 20) throw new Error(`${left.length} applications still unacknowledged after 20 tries: ${JSON.stringify(statuses)}`);
          const answers = await Promise.all(left.map(async (i) => [i, await send(i)] as const));
          for (const [i, a] of answers) note(i, a);
          left = left.filter((i) => !acked.has(i));
        }
        say(`last round: ${pending.length} sent again, ${acked.size} of ${o.submissions} acknowledged`);
      }
    }
    // Every acknowledged key once more: the same case, as a replay, nothing new stored.
    let replayMismatched = 0;
    const replays = await Promise.all([...acked].map(async ([i, id]) => ({ id, a: await send(i) })));
    for (const { id, a } of replays) {
      requests++;
      statuses[a.status] = (statuses[a.status] ?? 0) + 1;
      if (a.status !== 200 || a.id !== id || a.replayed !== true) replayMismatched++;
    }
    const last = server;
    server = null;
    if (last) {
      last.child.kill('SIGTERM');
      await last.exited;
    }

    // What the database holds for this run.
    const like = `%[kill-${o.tag}-%`;
    const cases = (await db.query<{ id: string; marker: string }>(
      `SELECT id, substring(body from '\\[kill-[A-Za-z0-9]+-[0-9]+\\]') AS marker FROM cases WHERE body LIKE $1`, [like])).rows;
    const byMarker = new Map<string, number>();
    for (const c of cases) byMarker.set(c.marker, (byMarker.get(c.marker) ?? 0) + 1);
    const storedIds = new Set(cases.map((c) => c.id));
    const lost = [...acked.values()].filter((id) => !storedIds.has(id)).length;
    const keyDupes = (await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT key FROM idempotency_keys WHERE key LIKE $1 GROUP BY scope, key HAVING count(*) > 1) d`, [`kill-${o.tag}-%`])).rows[0]!.n;
    const duplicated = [...byMarker.values()].filter((n) => n > 1).length + keyDupes;
    // Each part a case is written with, counted per case of this run: all must be there once.
    const parts = (await db.query<{ id: string; parties: number; created: number; audited: number; keys: number; sms: number }>(
      `SELECT c.id,
              (SELECT count(*) FROM case_parties p WHERE p.case_id = c.id)::int AS parties,
              (SELECT count(*) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'created')::int AS created,
              (SELECT count(*) FROM audit_log a WHERE a.entity = 'case' AND a.entity_id = c.id::text AND a.action = 'case.create')::int AS audited,
              (SELECT count(*) FROM idempotency_keys k WHERE k.case_id = c.id)::int AS keys,
              (SELECT count(*) FROM outbox m WHERE m.template = 'application.received' AND m.params->>'trackingNo' = c.tracking_no)::int AS sms
         FROM cases c WHERE c.body LIKE $1`, [like])).rows;
    const incomplete = parts.filter((p) => p.parties !== 2 || p.created !== 1 || p.audited !== 1 || p.keys !== 1 || p.sms !== 1);
    if (incomplete.length > 0) say(`incomplete cases, e.g. ${JSON.stringify(incomplete.slice(0, 3))}`);
    const orphans = (await db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM idempotency_keys k WHERE k.key LIKE $1 AND (k.case_id IS NULL OR NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = k.case_id)))
            + (SELECT count(*) FROM case_parties p WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = p.case_id))
            + (SELECT count(*) FROM case_events e WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = e.case_id))
            + (SELECT count(*) FROM outbox m WHERE m.template = 'application.received'
                  AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.tracking_no = m.params->>'trackingNo')) AS n`,
      [`kill-${o.tag}-%`])).rows[0]!.n;
    return {
      submissions: o.submissions, kills: o.kills, requests, unanswered, statuses, ackedBeforeKill, stored: cases.length,
      lost, duplicated, mismatched, committedUnanswered, halfWritten: incomplete.length, orphans: Number(orphans), replayMismatched, ms: Date.now() - started,
    };
  } finally {
    if (server) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    await db.end();
    rmSync(dir, { recursive: true, force: true });
  }
};
