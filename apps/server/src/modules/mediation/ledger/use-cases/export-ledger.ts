import { PassThrough, type Readable } from 'node:stream';
import { assertCanAt } from '../../../../platform/access/scope.ts';
import type { Principal } from '../../../../platform/access/principal.ts';
import { runScoped, runScopedRead, type Actor, type Platform } from '../../../../platform/platform.ts';
import { startThread } from '../../../../platform/threads/threads.ts';
import { sheetTitle } from '../ledger.columns.ts';
import type { FromLedgerThread, LedgerExportInput, ToLedgerThread } from '../ledger.export-thread.ts';
import { orgWithTownship } from '../ledger-export.repository.ts';

export type LedgerExport = { fileName: string; stream: Readable; done: Promise<number> };
type Options = { platform: Platform; actor: Actor & { principal: Principal }; year: number | null; orgId: string | null };

/**
 * The export thread's heap limits (MiB). A batch of rows and exceljs's per-row garbage need a
 * fraction of this; the small limit keeps the thread's collector eager (docs/performance.md).
 */
const THREAD_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 };

/** The ledger's heading org: the one asked for, else the caller's one mediation grant, else their own org. */
const headingOrg = (p: Principal, orgId: string | null): string => {
  if (orgId) return orgId;
  const orgs = [...new Set(p.grants.filter((g) => g.permissions.includes('mediation.read')).map((g) => g.orgId))];
  return orgs.length === 1 && orgs[0] ? orgs[0] : p.orgId;
};

const GONE = 'the download was closed before the ledger was complete';
const untilDrainOrClose = (out: PassThrough): Promise<void> => new Promise((resolve) => {
  const done = (): void => { out.off('drain', done); out.off('close', done); resolve(); };
  out.on('drain', done);
  out.on('close', done);
});

/** Waits while the receiver is behind, so unread output does not pile up in memory; false if it left. */
const drained = async (out: PassThrough): Promise<boolean> => {
  while (out.writableNeedDrain && !out.destroyed) await untilDrainOrClose(out);
  return !out.destroyed;
};

/** The workbook is complete when the last bytes are taken; a receiver that leaves first ends it. */
const taken = (out: PassThrough): Promise<void> => new Promise((resolve, reject) => {
  out.once('finish', resolve);
  out.once('close', () => { if (!out.writableFinished) reject(new Error(GONE)); });
  out.end();
});

type Heading = { name: string; orgId: string; townshipId: string | null };

/**
 * Runs the export thread (ledger.export-thread.ts) and serves it: its bytes go to the
 * download, its request to audit a view of full phone numbers is done here, in the request's
 * name, and it waits after each batch until the download has taken what it wrote.
 */
const runExportThread = (platform: Platform, out: PassThrough, o: Options, heading: Heading): Promise<number> => {
  const input: LedgerExportInput = {
    readUrl: platform.readUrl, principal: o.actor.principal, year: o.year, orgId: o.orgId, headingName: heading.name,
    // Copies of the field keys alone (a Buffer may be a view on a larger shared block).
    keys: { enc: Uint8Array.from(platform.keys.fields.enc), mac: Uint8Array.from(platform.keys.fields.mac), index: Uint8Array.from(platform.keys.fields.index) },
  };
  const thread = startThread(new URL('../ledger.export-thread.ts', import.meta.url), input, THREAD_LIMITS);
  // A pii.view in its own transaction, committed at once: logged even if the download then breaks off.
  const auditView = (): Promise<void> => runScoped(platform, o.actor, (t) => t.audit({ orgId: heading.orgId, townshipId: heading.townshipId,
    action: 'pii.view', entity: 'mediation_ledger', entityId: o.year === null ? null : String(o.year), after: { field: 'phone', export: 'xlsx', year: o.year, orgId: o.orgId } }));
  const answer = (m: ToLedgerThread): void => { thread.postMessage(m); };
  return new Promise<number>((resolve, reject) => {
    let settled = false;
    let ended = false;
    const fail = (e: Error): void => { if (!settled) { settled = true; reject(e); } void thread.terminate(); };
    thread.on('message', (m: FromLedgerThread) => {
      switch (m.type) {
        case 'chunk': if (!out.destroyed) out.write(Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength)); break;
        case 'audit': auditView().then(() => { answer({ type: 'go' }); }, fail); break;
        case 'batch': void drained(out).then((open) => { if (open) answer({ type: 'go' }); else fail(new Error(GONE)); }); break;
        case 'done': ended = true; taken(out).then(() => { settled = true; resolve(m.rows); }, fail); break;
        case 'failed': fail(new Error(m.message)); break;
      }
    });
    thread.on('error', fail);
    thread.on('exit', (code) => { if (!ended) fail(new Error(`ledger export thread ended early (exit code ${code})`)); });
  });
};

/**
 * Exports the mediation ledger of a year (or every year, a sheet each) as .xlsx, streamed:
 * the cases are read through a cursor inside the caller's data scope (row-level security
 * keeps a village to its own cases) and written row by row. The checks come first, in their
 * own transaction, so that a refusal is an ordinary 403/404 and not a broken download. The
 * reading is on the replica when there is one (Platform.readUrl); the pii.view audit is
 * written on the primary, in the request's name.
 */
export const startLedgerExport = async (o: Options): Promise<LedgerExport> => {
  // On the replica, as the rows will be: one that cannot be reached is a 503 here, not a broken download.
  const heading = await runScopedRead(o.platform, o.actor, async (tx): Promise<Heading> => {
    if (o.orgId) await assertCanAt(tx.client, tx.principal, 'mediation.read', o.orgId);
    const org = await orgWithTownship(tx.client, headingOrg(tx.principal, o.orgId));
    return { name: org?.name ?? tx.principal.orgName, orgId: org?.id ?? tx.principal.orgId, townshipId: org?.township_id ?? tx.principal.townshipId };
  });
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  const done = runExportThread(o.platform, out, o, heading);
  done.catch((err: unknown) => {
    o.platform.log.error({ err }, 'ledger export failed mid-stream');
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return { fileName: `${sheetTitle(heading.name, o.year)}.xlsx`, stream: out, done };
};
