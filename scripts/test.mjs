#!/usr/bin/env node
// `npm test`: everything the suite needs, then the suite. Installs Debian's chromium for
// the browser tests when it is missing (as root, through apt-get), builds the web app the
// browser tests load, then runs Vitest, which starts its own throwaway PostgreSQL.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const aptInstall = (pkgs) => {
  if (process.getuid?.() !== 0) {
    console.error(`missing ${pkgs.join(', ')}: install them with apt-get (needs root)`);
    process.exit(1);
  }
  console.log(`installing ${pkgs.join(', ')} from Debian's packages…`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
};

if (!existsSync('/usr/bin/chromium')) aptInstall(['chromium']);
const missingFonts = spawnSync('sh', ['-c', 'fc-list :lang=zh | grep -q .'], { stdio: 'ignore' }).status !== 0;
if (missingFonts) aptInstall(['fonts-noto-cjk']);

run('npm', ['run', 'build:web', '--silent']);
run('npx', ['tsc', '-b']);
run('npx', ['vitest', 'run', ...process.argv.slice(2)]);
