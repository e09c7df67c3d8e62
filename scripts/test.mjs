#!/usr/bin/env node
// `npm test`: everything the suite needs, then the suite. Installs Debian's chromium for
// the browser tests, and LibreOffice and poppler for the document tests, when they are
// missing (as root, through apt-get), builds the web app the browser tests load, checks
// the types and lints, then runs Vitest, which starts its own throwaway PostgreSQL.
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

const missing = [];
if (!existsSync('/usr/bin/chromium')) missing.push('chromium');
const missingFonts = spawnSync('sh', ['-c', 'fc-list :lang=zh | grep -q .'], { stdio: 'ignore' }).status !== 0;
if (missingFonts) missing.push('fonts-noto-cjk');
// The official documents are opened in LibreOffice and their PDFs read back with poppler.
if (!existsSync('/usr/bin/soffice')) missing.push('libreoffice-writer-nogui');
if (!existsSync('/usr/bin/pdftotext')) missing.push('poppler-utils');
// The mediation ledger's Excel export is opened in LibreOffice Calc (converted to CSV).
if (!existsSync('/usr/lib/libreoffice/program/libsclo.so')) missing.push('libreoffice-calc-nogui');
if (missing.length > 0) aptInstall(missing);

run('npm', ['run', 'build:web', '--silent']);
run('npx', ['tsc', '-b']);
// The lint has type information; any warning fails the run like an error.
run('npx', ['eslint', '.', '--max-warnings', '0']);
run('npx', ['vitest', 'run', ...process.argv.slice(2)]);
