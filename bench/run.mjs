#!/usr/bin/env node
// `npm run bench`: runs the benchmarks' TypeScript through tsx's loader (no build step),
// like bin/fazhi.mjs does for the server. Options: `npm run bench -- --help`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./foundation.ts');
process.exitCode = await main(process.argv.slice(2));
