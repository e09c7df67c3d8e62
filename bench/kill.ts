/**
 * The long run of "nothing lost under kill -9" (docs/reliability.md, section 7): the real
 * server (`fazhi start`) on a throwaway PostgreSQL with the demo town takes 1,000 simultaneous
 * online mediation applications, is killed with SIGKILL in the middle five times and started
 * again, every unacknowledged application is retried with its Idempotency-Key, and the
 * database is compared with what was acknowledged. Prints the counts; exits 1 on any loss,
 * duplicate or half-written case.
 *
 *   node --import tsx bench/kill.ts [--submissions 1000] [--kills 5]
 *   npm run bench:kill
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { startCluster } from '../apps/server/src/platform/db/cluster.ts';
import { appRoleUrl, ensureAppRole, ensureDatabase } from '../apps/server/src/platform/db/bootstrap.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { createPlatform } from '../apps/server/src/platform/platform.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { loadDemo } from '../apps/server/src/seed/demo.ts';
import { modules } from '../apps/server/src/modules/index.ts';
import { runKillSubmissions } from '../apps/server/src/test/kill-submissions.ts';

const freePort = (): Promise<number> => new Promise((resolve, reject) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => {
    const a = s.address();
    s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no free port'))));
  });
});

export const main = async (argv: string[]): Promise<number> => {
  const { values } = parseArgs({ args: argv, options: { submissions: { type: 'string', default: '1000' }, kills: { type: 'string', default: '5' } } });
  const dir = mkdtempSync(path.join(tmpdir(), 'fazhi-kill-bench-'));
  chmodSync(dir, 0o755);
  // Durable like a real server: a kill -9 of the server is the failure here, not of PostgreSQL.
  const cluster = await startCluster({
    dataDir: path.join(dir, 'data'), port: await freePort(), superuser: 'postgres', password: 'kill-owner', settings: { max_connections: '100' },
  });
  try {
    const ownerUrl = cluster.url('fazhi_kill');
    await ensureDatabase(ownerUrl);
    const master = Buffer.alloc(32, 9);
    await ensureAppRole(ownerUrl, master);
    await migrate(ownerUrl);
    const config = loadConfig({ FAZHI_DATA_DIR: path.join(dir, 'files'), LOG_LEVEL: 'silent' });
    const platform = createPlatform(config, { owner: ownerUrl, app: appRoleUrl(ownerUrl, master) }, master, pino({ level: 'silent' }), { modules });
    try {
      await loadDemo(platform);
    } finally {
      await platform.close();
    }
    const r = await runKillSubmissions({
      ownerUrl, masterKeyHex: master.toString('hex'), submissions: Number(values.submissions), kills: Number(values.kills), tag: 'bench',
      progress: (line) => process.stderr.write(`[kill] ${line}\n`),
    });
    console.log(JSON.stringify(r, null, 2));
    const bad = r.lost + r.duplicated + r.mismatched + r.halfWritten + r.orphans + r.replayMismatched + (r.stored === r.submissions ? 0 : 1);
    return bad === 0 ? 0 : 1;
  } finally {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};
process.exitCode = await main(process.argv.slice(2));
