/**
 * The ledger export's reading and rendering, on a thread of its own (started by
 * use-cases/export-ledger.ts through platform/threads). Parsing 100,000 cases' rows and
 * rendering them as a workbook makes a great deal of short-lived garbage; here it is
 * collected against a small heap, so the server's memory stays flat.
 *
 * Messages to the main thread: { type: 'chunk', data } the workbook's bytes in order;
 * { type: 'audit' } before the first full phone number is written (answered 'go');
 * { type: 'batch' } after each batch (answered 'go' when the download has taken the bytes,
 * or 'stop' when it has gone); { type: 'done', rows } at the end; { type: 'failed', message }.
 */
import { Writable } from 'node:stream';
import { orgsWithPermission } from '../../../platform/access/scope.ts';
import type { Principal } from '../../../platform/access/principal.ts';
import type { FieldKeys } from '../../../platform/crypto/sm.ts';
import { runScopedOnThread, threadData, threadPort } from '../../../platform/threads/threads.ts';
import { createLedgerWriter } from './ledger.workbook.ts';
import { ledgerLineOf } from './ledger-line.ts';
import { closeLedgerCursor, fetchLedgerRows, loadOrgInfo, openLedgerCursor, type LedgerCaseRow } from './ledger-export.repository.ts';

export type LedgerExportInput = {
  /** The request role's URL to read with: the replica's when there is one (Platform.readUrl). */
  readUrl: string; principal: Principal; year: number | null; orgId: string | null; headingName: string;
  keys: { enc: Uint8Array; mac: Uint8Array; index: Uint8Array };
};
export type FromLedgerThread = { type: 'chunk'; data: Uint8Array } | { type: 'audit' } | { type: 'batch' } | { type: 'done'; rows: number } | { type: 'failed'; message: string };
export type ToLedgerThread = { type: 'go' } | { type: 'stop' };

/**
 * Cases fetched per round trip: big enough to amortise it, small enough that a batch's
 * objects die young.
 */
const BATCH = 200;
const STOPPED = 'the download was closed before the ledger was complete';

const port = threadPort();
const input = threadData<LedgerExportInput>();
const keys: FieldKeys = { enc: Buffer.from(input.keys.enc), mac: Buffer.from(input.keys.mac), index: Buffer.from(input.keys.index) };
const send = (m: FromLedgerThread): void => { port.postMessage(m); };

/** Sends `m` and waits for the main thread's answer. */
const ask = (m: FromLedgerThread): Promise<void> => new Promise((resolve, reject) => {
  port.once('message', (a: ToLedgerThread) => { if (a.type === 'go') resolve(); else reject(new Error(STOPPED)); });
  send(m);
});

const bytes = new Writable({ write(chunk: Buffer, _enc, cb) { send({ type: 'chunk', data: chunk }); cb(); } });
const written = new Promise<void>((resolve, reject) => { bytes.once('finish', resolve); bytes.once('error', reject); });
const writer = createLedgerWriter(bytes);

const exportRows = async (): Promise<number> => runScopedOnThread(input.readUrl, input.principal, async (c) => {
  const orgs = await loadOrgInfo(c);
  const unmaskAt = new Map<string, boolean>();
  let audited = false;
  await openLedgerCursor(c, input.year, input.orgId);
  let year: number | null = null;
  let opened = false;
  let n = 0;
  // The next batch is fetched while this one is rendered: PostgreSQL and this thread work at once.
  const prefetch = (): Promise<LedgerCaseRow[]> => {
    const p = fetchLedgerRows(c, BATCH);
    p.catch(() => undefined);
    return p;
  };
  let next = prefetch();
  for (;;) {
    const rows = await next;
    if (rows.length === 0) break;
    const unknown = [...new Set(rows.map((r) => r.org_id))].filter((id) => !unmaskAt.has(id));
    if (unknown.length > 0) {
      const may = await orgsWithPermission(c, input.principal, 'pii.unmask', unknown);
      for (const id of unknown) unmaskAt.set(id, may.has(id));
    }
    next = rows.length < BATCH ? Promise.resolve([]) : prefetch();
    for (const r of rows) {
      // Full numbers only where the caller holds pii.unmask at the case's org, and only after
      // the main thread has audited the view (pii.view, committed at once).
      const unmask = unmaskAt.get(r.org_id) === true;
      if (unmask && !audited && r.party_phones?.some((x, i) => x !== null && r.party_roles?.[i] === '申请人')) { await ask({ type: 'audit' }); audited = true; }
      if (!opened || r.year !== year) { writer.openSheet(input.headingName, r.year); year = r.year; opened = true; }
      writer.addLine(ledgerLineOf(r, orgs.get(r.org_id), unmask, keys));
      n++;
    }
    // Wait until the zip writer has compressed the batch, then until the download has taken it.
    await writer.settle();
    await ask({ type: 'batch' });
  }
  await closeLedgerCursor(c);
  if (!opened) writer.openSheet(input.headingName, input.year);
  return n;
}, { readOnly: true });

try {
  const rows = await exportRows();
  await writer.finish();
  await written;
  send({ type: 'done', rows });
} catch (err) {
  send({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
}
