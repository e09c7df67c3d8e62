import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import pino, { type Logger } from 'pino';
import { loadConfig, type Config } from '../config.ts';
import { StartupError } from '../platform/errors.ts';
import { createPool, inTransaction, type Client } from '../platform/db/pools.ts';
import { DatabaseUnreachable } from '../platform/db/embedded.ts';
import { classifyDatabaseError } from '../platform/db/db-errors.ts';
import type { Calendar, IsoDate } from '../platform/calendar/index.ts';

// Commands load what they use when they run (dynamic imports): the server's and the modules'
// code takes longer to load than a command beside a running server takes to answer.

const help = `fazhi — 法治 platform command line

  fazhi start                       start the server (embedded PostgreSQL unless DATABASE_URL is set)
  fazhi migrate                     apply database migrations and exit
  fazhi seed --demo                 load the demo town into an empty database
  fazhi user create --username U --name N --org ORGCODE [--role ROLECODE --scope subtree|org|self|all]
  fazhi user reset-password --username U
  fazhi audit verify [--json]       check the audit trail's chains and its latest signed checkpoint; exit 1 if tampered
  fazhi audit checkpoint [--json]   write every chain's head, signed, to the checkpoint folder (also a daily job)
  fazhi backup [--out DIR] [--format auto|pg_dump|copy] [--json] the database, attachments and audit checkpoints into one folder with a manifest
  fazhi restore --from DIR [--json] a backup into an empty database and data folder (the same master key); exit 1 if counts differ
  fazhi keygen                      print a new FAZHI_MASTER_KEY
  fazhi calendar due --from YYYY-MM-DD --days N --unit wd|cd [--json]
                                    a statutory due date on the working-day calendar
  fazhi mediation stats --township NAME --year YYYY [--json]
  fazhi metrics --org ORGCODE --year YYYY [--metric CODE] [--json]
                                    registered figures (metrics registry) for an org's subtree and a year
  fazhi transparency report --township NAME --year YYYY --out FILE.docx [--json]
  fazhi report annual --township NAME --year YYYY --out FILE.docx
                                    the yearly disclosure report (第四十九、五十条), figures from the metrics registry
  fazhi bench [--quick]             the foundation benchmark (docs/performance.md)
  fazhi case-types [--json]         every registered case type: states, transitions, deadlines

Beside a running server the commands use its PostgreSQL. Exit codes: 0 done; 1 a finding
(audit trail tampered, restored row counts differ); 2 could not run (arguments, configuration, no database).
`;

type Out = { print: (s: string) => void; error: (s: string) => void };
const stdio: Out = { print: (s) => process.stdout.write(`${s}\n`), error: (s) => process.stderr.write(`${s}\n`) };

/** A command's database: the owner connection, as the server's platform internals use it. */
type Db = {
  config: Config;
  ownerUrl: string;
  appUrl: string;
  master: Buffer;
  log: Logger;
  /** A small owner pool (application_name fazhi-cli). */
  system: pg.Pool;
  /** One transaction on the owner pool, like the platform's runSystem. */
  run: <T>(fn: (c: Client) => Promise<T>) => Promise<T>;
};

/**
 * Runs fn on the database: DATABASE_URL, or the embedded PostgreSQL that is running on the
 * data folder (the server's: used as it is, never a second one started), or else the embedded
 * one started for this command and stopped after it. Logs go to stderr, so --json output stays clean.
 */
const withDatabase = async <T>(fn: (db: Db) => Promise<T>, opts: { migrate?: boolean } = {}): Promise<T> => {
  const config = loadConfig();
  const level = ['debug', 'trace'].includes(config.logLevel) ? config.logLevel : config.logLevel === 'silent' ? 'silent' : 'warn';
  const log = pino({ level, base: undefined }, pino.destination(2));
  const { openDatabase } = await import('../database.ts');
  const opened = await openDatabase(config, log, 'command', opts);
  // The audit chain's key, for the commands that append or verify without a platform (the
  // server sets it once, in createPlatform).
  const { useAuditKey } = await import('../platform/audit/audit.ts');
  useAuditKey(opened.master);
  const system = createPool(opened.ownerUrl, 2, 'fazhi-cli', () => undefined, {
    acquireTimeoutMs: config.db.acquireTimeoutMs, statementTimeoutMs: config.db.statementTimeoutMs,
    idleInTransactionTimeoutMs: config.db.idleInTransactionTimeoutMs,
  });
  try {
    return await fn({ ...opened, config, log, system, run: (f) => inTransaction(system, async () => undefined, f) });
  } finally {
    await system.end();
    const cluster = opened.cluster;
    if (cluster?.startedHere) {
      // Started for this command; a server that started meanwhile has taken it over: leave it to it.
      const { liveServer } = await import('../server-pid.ts');
      if (liveServer(config.dataDir) !== null) cluster.detach();
      else await cluster.stop();
    }
  }
};

/** The platform with every module, for the commands that need the modules (the demo town). */
const withPlatform = async <T>(db: Db, fn: (p: import('../platform/platform.ts').Platform) => Promise<T>): Promise<T> => {
  const [{ createPlatform }, { modules }] = await Promise.all([import('../platform/platform.ts'), import('../modules/index.ts')]);
  const platform = createPlatform(db.config, { owner: db.ownerUrl, app: db.appUrl }, db.master, db.log, { modules });
  try {
    return await fn(platform);
  } finally {
    await platform.close();
  }
};

/** A listed message on one line: `heading:\n  - a\n  - b` → `heading: a; b`. */
const oneLine = (s: string): string => s.trim().replace(/:\s*\n\s*-\s+/, ': ').replace(/\s*\n\s*-\s+/g, '; ').replace(/\s*\n\s*/g, ' ');

/** What an error says, with the messages of an AggregateError's parts (every address refused). */
const describe = (e: unknown): string => {
  if (!(e instanceof Error)) return String(e);
  const inner = e instanceof AggregateError ? e.errors.map((x) => (x instanceof Error ? x.message : String(x))).filter(Boolean) : [];
  const code = (e as { code?: unknown }).code;
  return oneLine(e.message || inner.join('; ') || (typeof code === 'string' ? code : e.name));
};

// Refused credentials, a database that does not exist: reaching the database failed as well.
const CANNOT_CONNECT_STATES = new Set(['28P01', '28000', '3D000']);

/**
 * Exit 2 with one line in Chinese and English: the command could not run. No stack trace
 * (LOG_LEVEL=debug prints it); exit 1 stays for a command's finding (a tampered audit trail).
 */
const couldNotRun = (cmd: string | undefined, e: unknown, out: Out): number => {
  const code = (e as { code?: unknown } | null)?.code;
  if (e instanceof StartupError || e instanceof DatabaseUnreachable) out.error(oneLine(e.message));
  else if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) out.error(`参数有误：${describe(e)} / Bad arguments: ${describe(e)} (fazhi help)`);
  else if (classifyDatabaseError(e) === 'DATABASE_UNAVAILABLE' || (typeof code === 'string' && CANNOT_CONNECT_STATES.has(code))) {
    out.error(`无法连接数据库：${describe(e)} / Cannot reach the database: ${describe(e)}`);
  } else if (cmd === 'start') out.error(`服务器未能启动：${describe(e)} / The server could not start: ${describe(e)}`);
  else out.error(`命令未能完成：${describe(e)} / The command did not complete: ${describe(e)}`);
  if (['debug', 'trace'].includes(process.env.LOG_LEVEL ?? '') && e instanceof Error && e.stack) out.error(e.stack);
  return 2;
};

export const main = async (argv: string[], out: Out = stdio): Promise<number> => {
  const [cmd, sub] = argv;
  try {
    switch (cmd) {
      case 'start': {
        const config = loadConfig();
        // The signal handlers come first: a SIGTERM while the server is still starting (it may
        // already answer /readyz) must not end the process before the PostgreSQL it started or
        // took over is stopped. Such a stop waits for the start to finish, then stops in order.
        let stopAfterStart = false;
        let stop: (() => void) | null = null;
        const onSignal = (): void => { if (stop) stop(); else stopAfterStart = true; };
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        const { startServer } = await import('../server.ts');
        const running = await startServer(config, { printAccounts: true });
        stop = () => {
          running.stop().then(() => process.exit(0), (e: unknown) => { out.error(`停止时出错 / Error while stopping: ${describe(e)}`); process.exit(1); });
        };
        if (stopAfterStart) stop();
        await new Promise(() => undefined);
        return 0;
      }
      case 'migrate':
        await withDatabase(async () => undefined);
        out.print('migrations applied');
        return 0;
      case 'seed': {
        const { values } = parseArgs({ args: argv.slice(1), options: { demo: { type: 'boolean' } } });
        if (!values.demo) { out.error('usage: fazhi seed --demo'); return 2; }
        return await withDatabase((db) => withPlatform(db, async (platform) => {
          const { loadDemo } = await import('../seed/demo.ts');
          if (!(await loadDemo(platform))) { out.error('数据库中已有机构，演示数据只能载入空数据库 / The database already has orgs: the demo town loads only into an empty database'); return 2; }
          out.print('demo town loaded');
          return 0;
        }));
      }
      case 'user': return await userCommand(sub, argv.slice(2), out);
      case 'audit': {
        if (sub !== 'verify' && sub !== 'checkpoint') break;
        const { values } = parseArgs({ args: argv.slice(2), options: { json: { type: 'boolean' } } });
        const [{ verifyAudit }, { checkpointDir, verifyCheckpoint, writeCheckpoint }] = await Promise.all([
          import('../platform/audit/audit.ts'), import('../platform/audit/checkpoint.ts')]);
        if (sub === 'checkpoint') {
          const written = await withDatabase((db) => db.run((c) => writeCheckpoint(c, db.master, checkpointDir(db.config.dataDir))));
          if (values.json) out.print(JSON.stringify(written));
          else out.print(`audit checkpoint written: ${written.file} (${written.chains} chains); copy it off this machine`);
          return 0;
        }
        const { result, checkpoint } = await withDatabase((db) => db.run(async (c) => ({
          result: await verifyAudit(c), checkpoint: await verifyCheckpoint(c, db.master, checkpointDir(db.config.dataDir)),
        })));
        const broken = [...result.broken, ...checkpoint.broken];
        const ok = broken.length === 0;
        if (values.json) out.print(JSON.stringify({ ok, checked: result.checked, broken, checkpoint: { file: checkpoint.file, at: checkpoint.at } }));
        else {
          if (ok) out.print(`audit trail intact: ${result.checked} rows checked`);
          else {
            out.print(`AUDIT TRAIL TAMPERED: ${broken.length} problem(s) in ${result.checked} rows`);
            for (const b of broken) out.print(`  chain ${b.chain} row id ${b.id} seq ${b.seq}: ${b.reason}`);
          }
          out.print(checkpoint.file ? `checked against the checkpoint ${checkpoint.file} of ${checkpoint.at ?? '?'}` : 'no audit checkpoint yet (fazhi audit checkpoint)');
        }
        return ok ? 0 : 1;
      }
      case 'calendar': {
        if (sub !== 'due') break;
        return await calendarDue(argv.slice(2), out);
      }
      case 'case-types': {
        const { values } = parseArgs({ args: argv.slice(1), options: { json: { type: 'boolean' } } });
        const [{ buildRegistry, describeCaseType }, { caseTypesOf }, { modules }] = await Promise.all([
          import('../platform/cases/definition.ts'), import('../platform/modules.ts'), import('../modules/index.ts')]);
        const types = [...buildRegistry(caseTypesOf(modules)).values()].map(describeCaseType);
        if (values.json) out.print(JSON.stringify(types, null, 2));
        else for (const t of types) {
          out.print(`${t.code} ${t.label.zh} (${t.label.en})`);
          for (const d of t.deadlines) out.print(`  ${d.label.zh}: ${d.length} ${d.unit === 'wd' ? '个工作日' : '日'}, from ${d.startOn}, stops on ${d.stopOn.join('/')} — ${d.basis}`);
        }
        return 0;
      }
      case 'mediation': {
        if (sub !== 'stats') break;
        const { values } = parseArgs({ args: argv.slice(2), options: { township: { type: 'string' }, year: { type: 'string' }, json: { type: 'boolean' } } });
        const year = Number(values.year);
        if (!values.township || !Number.isInteger(year)) { out.error('usage: fazhi mediation stats --township 张八桥镇 --year 2023 [--json]'); return 2; }
        const { computeMediationStats } = await import('../modules/mediation/mediation.metrics.ts');
        return await withDatabase((db) => db.run(async (c) => {
          const t = (await c.query<{ id: string }>("SELECT id FROM orgs WHERE kind = 'township' AND (name = $1 OR code = $1)", [values.township])).rows[0];
          if (!t) { out.error(`没有名为 ${values.township} 的乡镇 / No township ${values.township}`); return 2; }
          const stats = await computeMediationStats(c, year, [t.id]);
          if (values.json) out.print(JSON.stringify(stats));
          else out.print(`${values.township} ${year}年 人民调解：受理 ${stats.received} 起，调解成功 ${stats.resolved} 起，引导走法律途径 ${stats.guided} 起，移交 ${stats.transferred} 起，在办 ${stats.ongoing} 起`);
          return 0;
        }));
      }
      case 'metrics': return await metricsCommand(argv.slice(1), out);
      case 'report': {
        if (sub !== 'annual') break;
        const { annualReportCommand } = await import('../modules/annual-report/annual-report.command.ts');
        return await annualReportCommand(argv.slice(2), out, (fn) => withDatabase((db) => db.run(fn)));
      }
      case 'transparency': {
        if (sub !== 'report') break;
        const { transparencyReportCommand } = await import('../modules/disclosure/transparency-report.command.ts');
        return await transparencyReportCommand(argv.slice(2), out, (fn) => withDatabase((db) => db.run(fn)));
      }
      case 'bench': {
        // A development tool: needs the devDependencies (autocannon) and PostgreSQL binaries.
        const { main: bench } = await import('../../../../bench/foundation.ts');
        return await bench(argv.slice(1));
      }
      case 'backup': return await backupCommand(argv.slice(1), out);
      case 'restore': return await restoreCommand(argv.slice(1), out);
      case 'keygen':
        out.print(randomBytes(32).toString('hex'));
        return 0;
      case undefined: case 'help': case '--help':
        out.print(help);
        return 0;
    }
    out.error(`unknown command: ${argv.join(' ')}\n\n${help}`);
    return 2;
  } catch (e) {
    return couldNotRun(cmd, e, out);
  }
};

/**
 * The due date on the calendar the server uses: official schedule plus administrators'
 * entries when a database is reachable (DATABASE_URL or the embedded one), else the official
 * schedule alone (the answer says which).
 */
const calendarDue = async (args: string[], out: Out): Promise<number> => {
  const { values } = parseArgs({ args, options: { from: { type: 'string' }, days: { type: 'string' }, unit: { type: 'string' }, json: { type: 'boolean' }, offline: { type: 'boolean' } } });
  const { computeDeadline, createCalendar, isIsoDate } = await import('../platform/calendar/index.ts');
  const days = Number(values.days);
  if (!values.from || !isIsoDate(values.from) || !Number.isInteger(days) || days < 1 || (values.unit !== 'wd' && values.unit !== 'cd')) {
    out.error('usage: fazhi calendar due --from YYYY-MM-DD --days N --unit wd|cd [--json] [--offline]');
    return 2;
  }
  const compute = (cal: Calendar) => computeDeadline(cal, { start: values.from as IsoDate, length: days, unit: values.unit as 'wd' | 'cd' });
  const r = values.offline ? compute(createCalendar()) : await withDatabase(async (db) => {
    const { createCalendarStore } = await import('../platform/calendar/store.ts');
    return compute(await createCalendarStore(db.system, { log: db.log }).forTownship(null));
  });
  if (values.json) out.print(JSON.stringify({ due: r.due, provisional: r.provisional, explanation: r.explanation }));
  else out.print(`${r.due}${r.provisional ? '（暂定）' : ''}\n${r.explanation.join('\n')}`);
  return 0;
};

const userCommand = async (sub: string | undefined, args: string[], out: Out): Promise<number> => {
  const { values } = parseArgs({ args, options: {
    username: { type: 'string' }, name: { type: 'string' }, org: { type: 'string' }, role: { type: 'string' }, scope: { type: 'string' },
  } });
  if (!values.username || (sub === 'create' && (!values.name || !values.org))) { out.error(help); return 2; }
  if (sub !== 'create' && sub !== 'reset-password') { out.error(help); return 2; }
  const scope = values.scope ?? 'subtree';
  if (!['self', 'org', 'subtree', 'all'].includes(scope)) { out.error('--scope must be self, org, subtree or all'); return 2; }
  const [{ generateInitialPassword, hashPassword }, { revokeAllSessions }, { appendAudit }] = await Promise.all([
    import('../platform/auth/password.ts'), import('../platform/auth/sessions.ts'), import('../platform/audit/audit.ts')]);
  return withDatabase((db) => db.run(async (c) => {
    const initial = generateInitialPassword();
    const hash = await hashPassword(initial);
    if (sub === 'create') {
      const org = (await c.query<{ id: string; township: string | null }>(
        `SELECT id, CASE WHEN kind = 'township' THEN id ELSE township_id END AS township FROM orgs WHERE code = $1`, [values.org])).rows[0];
      if (!org) { out.error(`没有代码为 ${values.org} 的机构 / No org with code ${values.org}`); return 2; }
      // Checked before the user is written: returning commits, so a refusal must come first.
      const role = values.role ? (await c.query<{ id: string }>('SELECT id FROM roles WHERE code = $1', [values.role])).rows[0] : undefined;
      if (values.role && !role) { out.error(`没有角色 ${values.role} / No role ${values.role}`); return 2; }
      const { rows } = await c.query<{ id: string }>(
        `INSERT INTO users (org_id, township_id, username, display_name, password_hash) VALUES ($1,$2,$3,$4,$5)
         ON CONFLICT (username) DO NOTHING RETURNING id`, [org.id, org.township, values.username, values.name, hash]);
      const id = rows[0]?.id;
      if (!id) { out.error(`用户名 ${values.username} 已被使用 / Username ${values.username} is taken`); return 2; }
      if (role) {
        await c.query('INSERT INTO user_grants (user_id, role_id, org_id, township_id, scope) VALUES ($1,$2,$3,$4,$5)', [id, role.id, org.id, org.township, scope]);
      }
      await appendAudit(c, { actorId: null, orgId: org.id, townshipId: org.township, action: 'user.create', entity: 'user', entityId: id, after: { username: values.username, via: 'cli' }, ip: null, requestId: null });
      out.print(`created ${values.username}; initial password (must be changed at first sign-in): ${initial}`);
      return 0;
    }
    if (sub === 'reset-password') {
      const { rows } = await c.query<{ id: string; org_id: string; township_id: string | null }>(
        `UPDATE users SET password_hash = $2, must_change_password = true, updated_at = now()
          WHERE username = $1 RETURNING id, org_id, township_id`, [values.username, hash]);
      const u = rows[0];
      if (!u) { out.error(`没有用户 ${values.username} / No user ${values.username}`); return 2; }
      await revokeAllSessions(c, u.id);
      await appendAudit(c, { actorId: null, orgId: u.org_id, townshipId: u.township_id, action: 'user.reset-password', entity: 'user', entityId: u.id, after: { via: 'cli' }, ip: null, requestId: null });
      out.print(`new initial password for ${values.username} (must be changed at first sign-in): ${initial}`);
      return 0;
    }
    out.error(help);
    return 2;
  }));
};

/**
 * `fazhi metrics`: every registered figure (or one) for an org's subtree and a year, from the
 * same registry and statements the API and the annual report use; the operator sees all
 * records (owner connection, no data scope).
 */
const metricsCommand = async (args: string[], out: Out): Promise<number> => {
  const { values } = parseArgs({ args, options: { org: { type: 'string' }, year: { type: 'string' }, metric: { type: 'string' }, json: { type: 'boolean' } } });
  const year = Number(values.year);
  if (!values.org || !Number.isInteger(year) || year < 2000 || year > 2100) {
    out.error('usage: fazhi metrics --org ORGCODE --year YYYY [--metric CODE] [--json]');
    return 2;
  }
  const [{ buildMetricRegistry, metricValue, townshipsOf }, { modules }] = await Promise.all([import('../platform/metrics/metrics.ts'), import('../modules/index.ts')]);
  const registry = buildMetricRegistry(modules.flatMap((m) => m.metrics ?? []));
  const codes = values.metric ? [values.metric] : [...registry.keys()];
  const unknown = codes.filter((c) => !registry.has(c));
  if (unknown.length > 0) { out.error(`没有这个指标：${unknown.join('、')} / No such metric: ${unknown.join(', ')}`); return 2; }
  return await withDatabase((db) => db.run(async (c) => {
    const org = (await c.query<{ id: string; name: string }>('SELECT id, name FROM orgs WHERE code = $1 OR name = $1 LIMIT 1', [values.org])).rows[0];
    if (!org) { out.error(`没有这个机构：${values.org} / No org ${values.org}`); return 2; }
    const scope = { year, orgId: org.id, townshipIds: await townshipsOf(c, org.id) };
    const rows = [];
    for (const code of codes) {
      const m = registry.get(code);
      if (!m) continue;
      rows.push({ ...(await metricValue(c, registry, code, scope)), label: m.label, definition: m.definition });
    }
    if (values.json) out.print(JSON.stringify({ org: { code: values.org, name: org.name }, year, metrics: rows }, null, 2));
    else for (const r of rows) out.print(`${r.label.zh}（${r.code}）：${r.value === null ? '—' : r.unit === 'rate' ? `${(r.value * 100).toFixed(1)}%（${r.numerator}/${r.denominator}）` : r.value}`);
    return 0;
  }));
};

/** `fazhi backup`: the database, attachments and audit checkpoints into one folder (docs/operations.md, "Back up"). */
const backupCommand = async (args: string[], out: Out): Promise<number> => {
  const { values } = parseArgs({ args, options: { out: { type: 'string' }, json: { type: 'boolean' }, format: { type: 'string' } } });
  const format = values.format ?? 'auto';
  if (format !== 'auto' && format !== 'pg_dump' && format !== 'copy') { out.error('usage: fazhi backup [--out DIR] [--format auto|pg_dump|copy] [--json]'); return 2; }
  const [{ writeBackup }, { checkpointDir }, path] = await Promise.all([import('../platform/backup/backup.ts'), import('../platform/audit/checkpoint.ts'), import('node:path')]);
  return withDatabase(async (db) => {
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
    const dir = path.resolve(values.out ?? path.join(db.config.dataDir, 'backups', `fazhi-${stamp}`));
    const m = await writeBackup({
      ownerUrl: db.ownerUrl, master: db.master, out: dir, checkpointsDir: checkpointDir(db.config.dataDir), format,
      filesDir: db.config.files.kind === 'local' ? path.join(db.config.dataDir, 'files') : null,
    });
    const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
    if (values.json) out.print(JSON.stringify({ dir, tables: Object.keys(m.tables).length, rows, files: m.files?.length ?? null, auditCheckpoints: m.auditCheckpoints.length, databaseFormat: m.databaseFormat, database: m.database }));
    else {
      out.print(`备份完成 / backup written: ${dir}`);
      out.print(`  ${m.databaseFormat === 'copy' ? 'COPY per table' : `pg_dump (${m.pgDump})`}: ${Object.keys(m.tables).length} tables, ${rows} rows; ${m.files ? `${m.files.length} attachment files` : 'attachments in S3: not included'}; ${m.auditCheckpoints.length} audit checkpoints`);
      out.print('  主密钥不在备份中，请另行妥善保管 / The master key is not in the backup: keep it separately');
    }
    return 0;
  });
};

/**
 * `fazhi restore`: a backup into an empty database (a new data folder, or an empty database
 * at DATABASE_URL) with the master key it was made with; never beside a running server.
 * Exit 1 when the restored row counts differ from the manifest's.
 */
const restoreCommand = async (args: string[], out: Out): Promise<number> => {
  const { values } = parseArgs({ args, options: { from: { type: 'string' }, json: { type: 'boolean' } } });
  if (!values.from) { out.error('usage: fazhi restore --from DIR [--json]'); return 2; }
  const config = loadConfig();
  const [{ checkBackup, restoreBackup, BackupRefused }, { checkpointDir }, path, fs] = await Promise.all([
    import('../platform/backup/backup.ts'), import('../platform/audit/checkpoint.ts'), import('node:path'), import('node:fs')]);
  const from = path.resolve(values.from);
  // The key the data was sealed with is configuration: it must be there before anything is written.
  const keyFile = path.join(config.dataDir, 'keys', 'master.key');
  if (!config.masterKeyHex && !fs.existsSync(keyFile)) {
    throw new BackupRefused(`恢复需要备份时使用的主密钥：请设置 FAZHI_MASTER_KEY，或放入 ${keyFile} / Restoring needs the master key the backup was made with: set FAZHI_MASTER_KEY or put it in ${keyFile}`);
  }
  const { loadMasterKey } = await import('../platform/crypto/keys.ts');
  const manifest = await checkBackup(from, loadMasterKey(config.masterKeyHex, config.dataDir, () => undefined));
  if (!config.databaseUrl) {
    const { liveServer } = await import('../server-pid.ts');
    const pid = liveServer(config.dataDir);
    if (pid !== null) throw new BackupRefused(`Fazhi 服务器（进程 ${pid}）正在使用数据目录 ${config.dataDir}，请先停止 / A Fazhi server (pid ${pid}) is running on the data folder ${config.dataDir}: stop it first`);
  }
  const r = await withDatabase((db) => restoreBackup({
    ownerUrl: db.ownerUrl, manifest, from, checkpointsDir: checkpointDir(db.config.dataDir),
    filesDir: db.config.files.kind === 'local' ? path.join(db.config.dataDir, 'files') : null,
  }), { migrate: false });
  // Migrations newer than the backup, as a start would apply them.
  if (r.differ.length === 0) await withDatabase(async () => undefined);
  if (values.json) out.print(JSON.stringify({ ok: r.differ.length === 0, ...r, from, createdAt: manifest.createdAt }));
  else if (r.differ.length === 0) {
    out.print(`恢复完成 / restored: ${from} (${manifest.createdAt})`);
    out.print(`  ${r.tables} tables, ${r.rows} rows, row counts equal the manifest's; ${r.files} attachment files; ${r.checkpoints} audit checkpoints`);
    out.print('  next: fazhi audit verify');
  } else {
    out.print(`ROW COUNTS DIFFER after restoring ${from}:`);
    for (const d of r.differ) out.print(`  ${d.table}: ${d.found} rows, the backup had ${d.expected}`);
  }
  return r.differ.length === 0 ? 0 : 1;
};
