// Entry of every platform thread (threads.ts): a worker thread starts without its parent's
// TypeScript loader, so it registers tsx itself, as bin/fazhi.mjs does, then loads its module.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
