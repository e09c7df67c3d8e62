import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config.ts';
import { StartupError } from '../platform/errors.ts';
import { bootDatabase, createLogger } from '../boot.ts';
import { runSystem } from '../platform/platform.ts';
import { verifyAudit } from '../platform/audit/audit.ts';
import { generateInitialPassword, hashPassword } from '../platform/auth/password.ts';
import { revokeAllSessions } from '../platform/auth/sessions.ts';
import { appendAudit } from '../platform/audit/audit.ts';
import { loadDemo } from '../seed/demo.ts';
import { computeMediationStats } from '../modules/mediation/mediation.metrics.ts';
import { startServer } from '../server.ts';
import { buildRegistry, describeCaseType } from '../platform/cases/definition.ts';
import { modules } from '../modules/index.ts';
import { caseTypesOf } from '../platform/modules.ts';
import { computeDeadline, createCalendar, isIsoDate, type Calendar, type IsoDate } from '../platform/calendar/index.ts';

const help = `fazhi — 法治 platform command line

  fazhi start                       start the server (embedded PostgreSQL unless DATABASE_URL is set)
  fazhi migrate                     apply database migrations and exit
  fazhi seed --demo                 load the demo town into an empty database
  fazhi user create --username U --name N --org ORGCODE [--role ROLECODE --scope subtree|org|self|all]
  fazhi user reset-password --username U
  fazhi audit verify [--json]       check the SM3 chains of the audit trail; exit 1 if tampered
  fazhi keygen                      print a new FAZHI_MASTER_KEY
  fazhi calendar due --from YYYY-MM-DD --days N --unit wd|cd [--json]
                                    a statutory due date on the working-day calendar
  fazhi mediation stats --township NAME --year YYYY [--json]
  fazhi bench [--quick]             the foundation benchmark (docs/performance.md)
  fazhi case-types [--json]         every registered case type: states, transitions, deadlines
`;

type Out = { print: (s: string) => void; error: (s: string) => void };
const stdio: Out = { print: (s) => process.stdout.write(`${s}\n`), error: (s) => process.stderr.write(`${s}\n`) };

const withDatabase = async <T>(fn: (b: Awaited<ReturnType<typeof bootDatabase>>) => Promise<T>): Promise<T> => {
  const config = loadConfig();
  const booted = await bootDatabase(config, createLogger({ ...config, logLevel: 'warn' }));
  try {
    return await fn(booted);
  } finally {
    await booted.shutdown();
  }
};

export const main = async (argv: string[], out: Out = stdio): Promise<number> => {
  const [cmd, sub] = argv;
  try {
    switch (cmd) {
      case 'start': {
        const running = await startServer(loadConfig(), { printAccounts: true });
        const onSignal = (): void => { void running.stop().then(() => process.exit(0)); };
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
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
        return await withDatabase(async ({ platform }) => {
          if (!(await loadDemo(platform))) { out.error('the database already has orgs: the demo town loads only into an empty database'); return 1; }
          out.print('demo town loaded');
          return 0;
        });
      }
      case 'user': return await userCommand(sub, argv.slice(2), out);
      case 'audit': {
        if (sub !== 'verify') break;
        const { values } = parseArgs({ args: argv.slice(2), options: { json: { type: 'boolean' } } });
        const result = await withDatabase(({ platform }) => runSystem(platform, (c) => verifyAudit(c)));
        if (values.json) out.print(JSON.stringify(result));
        else if (result.ok) out.print(`audit trail intact: ${result.checked} rows checked`);
        else {
          out.print(`AUDIT TRAIL TAMPERED: ${result.broken.length} problem(s) in ${result.checked} rows`);
          for (const b of result.broken) out.print(`  chain ${b.chain} row id ${b.id} seq ${b.seq}: ${b.reason}`);
        }
        return result.ok ? 0 : 1;
      }
      case 'calendar': {
        if (sub !== 'due') break;
        return await calendarDue(argv.slice(2), out);
      }
      case 'case-types': {
        const { values } = parseArgs({ args: argv.slice(1), options: { json: { type: 'boolean' } } });
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
        return await withDatabase(({ platform }) => runSystem(platform, async (c) => {
          const t = (await c.query<{ id: string }>("SELECT id FROM orgs WHERE kind = 'township' AND (name = $1 OR code = $1)", [values.township])).rows[0];
          if (!t) { out.error(`no township ${values.township}`); return 1; }
          const stats = await computeMediationStats(c, year, [t.id]);
          if (values.json) out.print(JSON.stringify(stats));
          else out.print(`${values.township} ${year}年 人民调解：受理 ${stats.received} 起，调解成功 ${stats.resolved} 起，引导走法律途径 ${stats.guided} 起，移交 ${stats.transferred} 起，在办 ${stats.ongoing} 起`);
          return 0;
        }));
      }
      case 'bench': {
        // A development tool: needs the devDependencies (autocannon) and PostgreSQL binaries.
        const { main: bench } = await import('../../../../bench/foundation.ts');
        return await bench(argv.slice(1));
      }
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
    if (e instanceof StartupError) { out.error(e.message); return 1; }
    throw e;
  }
};

/**
 * The due date on the calendar the server uses: official schedule plus administrators'
 * entries when a database is reachable (DATABASE_URL or the embedded one), else the official
 * schedule alone (the answer says which).
 */
const calendarDue = async (args: string[], out: Out): Promise<number> => {
  const { values } = parseArgs({ args, options: { from: { type: 'string' }, days: { type: 'string' }, unit: { type: 'string' }, json: { type: 'boolean' }, offline: { type: 'boolean' } } });
  const days = Number(values.days);
  if (!values.from || !isIsoDate(values.from) || !Number.isInteger(days) || days < 1 || (values.unit !== 'wd' && values.unit !== 'cd')) {
    out.error('usage: fazhi calendar due --from YYYY-MM-DD --days N --unit wd|cd [--json] [--offline]');
    return 2;
  }
  const compute = (cal: Calendar) => computeDeadline(cal, { start: values.from as IsoDate, length: days, unit: values.unit as 'wd' | 'cd' });
  const r = values.offline ? compute(createCalendar()) : await withDatabase(async ({ platform }) => compute(await platform.cases.calendars.forTownship(null)));
  if (values.json) out.print(JSON.stringify({ due: r.due, provisional: r.provisional, explanation: r.explanation }));
  else out.print(`${r.due}${r.provisional ? '（暂定）' : ''}\n${r.explanation.join('\n')}`);
  return 0;
};

const userCommand = async (sub: string | undefined, args: string[], out: Out): Promise<number> => {
  const { values } = parseArgs({ args, options: {
    username: { type: 'string' }, name: { type: 'string' }, org: { type: 'string' }, role: { type: 'string' }, scope: { type: 'string' },
  } });
  if (!values.username || (sub === 'create' && (!values.name || !values.org))) { out.error(help); return 2; }
  return withDatabase(({ platform }) => runSystem(platform, async (c) => {
    const initial = generateInitialPassword();
    const hash = await hashPassword(initial);
    if (sub === 'create') {
      const org = (await c.query<{ id: string; township: string | null }>(
        `SELECT id, CASE WHEN kind = 'township' THEN id ELSE township_id END AS township FROM orgs WHERE code = $1`, [values.org])).rows[0];
      if (!org) { out.error(`no org with code ${values.org}`); return 1; }
      const { rows } = await c.query<{ id: string }>(
        `INSERT INTO users (org_id, township_id, username, display_name, password_hash) VALUES ($1,$2,$3,$4,$5)
         ON CONFLICT (username) DO NOTHING RETURNING id`, [org.id, org.township, values.username, values.name, hash]);
      const id = rows[0]?.id;
      if (!id) { out.error(`username ${values.username} is taken`); return 1; }
      if (values.role) {
        const scope = values.scope ?? 'subtree';
        if (!['self', 'org', 'subtree', 'all'].includes(scope)) { out.error('--scope must be self, org, subtree or all'); return 2; }
        const role = (await c.query<{ id: string }>('SELECT id FROM roles WHERE code = $1', [values.role])).rows[0];
        if (!role) { out.error(`no role ${values.role}`); return 1; }
        await c.query('INSERT INTO user_grants (user_id, role_id, org_id, township_id, scope) VALUES ($1,$2,$3,$4,$5)', [id, role.id, org.id, org.township, scope]);
      }
      await appendAudit(c, { actorId: null, orgId: org.id, townshipId: org.township, action: 'user.create', entity: 'user', entityId: id, after: { username: values.username, via: 'cli' }, ip: null, requestId: null });
      out.print(`created ${values.username}; initial password (must be changed at first sign-in): ${initial}`);
      return 0;
    }
    if (sub === 'reset-password') {
      const { rows } = await c.query<{ id: string; org_id: string; township_id: string | null }>(
        `UPDATE users SET password_hash = $2, must_change_password = true, failed_attempts = 0, locked_until = NULL, updated_at = now()
          WHERE username = $1 RETURNING id, org_id, township_id`, [values.username, hash]);
      const u = rows[0];
      if (!u) { out.error(`no user ${values.username}`); return 1; }
      await revokeAllSessions(c, u.id);
      await appendAudit(c, { actorId: null, orgId: u.org_id, townshipId: u.township_id, action: 'user.reset-password', entity: 'user', entityId: u.id, after: { via: 'cli' }, ip: null, requestId: null });
      out.print(`new initial password for ${values.username} (must be changed at first sign-in): ${initial}`);
      return 0;
    }
    out.error(help);
    return 2;
  }));
};
