/**
 * The long run of the schema-driven fuzz (docs/reliability.md, section 3): every API route,
 * thousands of requests built from its schemas with hostile values mixed in, against the real
 * app on a throwaway PostgreSQL with the demo town. Prints the counts per route and every
 * request answered 5xx; exits 1 if there was one.
 *
 *   node --import tsx bench/fuzz.ts [--runs 200] [--seed N] [--answers] [--route 'POST /api/orgs$']
 *   npm run bench:fuzz -- --runs 200
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import pino from 'pino';
import { startCluster, systemBinDir } from '../apps/server/src/platform/db/cluster.ts';
import { appRoleUrl, ensureAppRole, ensureDatabase } from '../apps/server/src/platform/db/bootstrap.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { createPlatform } from '../apps/server/src/platform/platform.ts';
import { caseTypesOf } from '../apps/server/src/platform/modules.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { loadDemo } from '../apps/server/src/seed/demo.ts';
import { modules } from '../apps/server/src/modules/index.ts';
import { buildApp } from '../apps/server/src/app.ts';
import { formatCounts, runSchemaFuzz } from '../apps/server/src/test/schema-fuzz.ts';
import { sampleCaseType } from '../apps/server/src/test/sample-case-type.ts';

const freePort = (): Promise<number> => new Promise((resolve, reject) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => {
    const a = s.address();
    s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no free port'))));
  });
});

export const main = async (argv: string[]): Promise<number> => {
  const { values } = parseArgs({ args: argv, options: { runs: { type: 'string', default: '200' }, seed: { type: 'string' }, answers: { type: 'boolean', default: false }, route: { type: 'string' } } });
  const runs = Number(values.runs);
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
  const dir = mkdtempSync(path.join(tmpdir(), 'fazhi-fuzz-'));
  chmodSync(dir, 0o755);
  const cluster = await startCluster({
    dataDir: path.join(dir, 'data'), port: await freePort(), superuser: 'postgres', password: 'fuzz-owner', binDir: systemBinDir() ?? undefined,
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
  });
  try {
    const ownerUrl = cluster.url('fazhi_fuzz');
    await ensureDatabase(ownerUrl);
    const master = Buffer.alloc(32, 7);
    await ensureAppRole(ownerUrl, master);
    await migrate(ownerUrl);
    // The public routes' own per-minute limits stay; the configurable ones are lifted, as in the tests.
    const config = { ...loadConfig({ FAZHI_DATA_DIR: path.join(dir, 'files'), LOG_LEVEL: 'silent' }), signInRateLimitPerMinute: 100000, publicRateLimitPerMinute: 100000 };
    const platform = createPlatform(config, { owner: ownerUrl, app: appRoleUrl(ownerUrl, master) }, master, pino({ level: process.env.FAZHI_FUZZ_LOG ?? 'silent' }),
      { modules, caseTypes: [sampleCaseType] });
    const db = new pg.Pool({ connectionString: ownerUrl, max: 2 });
    try {
      await loadDemo(platform);
      const app = await buildApp(platform, { logger: process.env.FAZHI_FUZZ_LOG !== undefined });
      await app.ready();
      process.stderr.write(`[fuzz] ${app.fazhiRoutes.length} routes × ${runs} requests, seed ${seed}\n`);
      const result = await runSchemaFuzz({
        app, db, caseTypes: caseTypesOf(modules, [sampleCaseType]), runsPerRoute: runs, seed, ...(values.route ? { only: new RegExp(values.route) } : {}),
        progress: (c) => process.stderr.write(`[fuzz] ${c.route}: ${c.requests} requests, ${c.serverErrors} 5xx\n`),
      });
      console.log(formatCounts(result, values.answers));
      for (const f of result.failures) console.log(`${f.status} ${f.who} ${f.method} ${f.url} ${f.body}\n    → ${f.answer}`);
      await app.close();
      return result.serverErrors === 0 ? 0 : 1;
    } finally {
      await db.end();
      await platform.close();
    }
  } finally {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};

process.exitCode = await main(process.argv.slice(2));
