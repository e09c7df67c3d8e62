#!/usr/bin/env node
// The `fazhi` command: runs the TypeScript sources through tsx's loader (no build step).
// Exit codes: 0 done; 1 the command's finding (a tampered audit trail); 2 it could not run.
import { register } from 'tsx/esm/api';

try {
  register();
  const { main } = await import('../apps/server/src/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`fazhi: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
}
