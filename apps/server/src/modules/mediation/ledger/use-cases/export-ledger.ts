import { PassThrough, type Readable } from 'node:stream';
import { assertCanAt, orgsWithPermission } from '../../../../platform/access/scope.ts';
import type { Principal } from '../../../../platform/access/principal.ts';
import { runScoped, type Actor, type Platform, type Tx } from '../../../../platform/platform.ts';
import { sheetTitle } from '../ledger.columns.ts';
import { createLedgerWriter } from '../ledger.workbook.ts';
import { ledgerLineOf } from '../ledger-line.ts';
import { closeLedgerCursor, fetchLedgerRows, loadOrgInfo, openLedgerCursor, orgWithTownship, type LedgerCaseRow } from '../ledger-export.repository.ts';

/**
 * Cases fetched per round trip: big enough to amortise it, small enough that a batch's
 * objects die young (fewer promoted to V8's old space: lower peak memory of the process).
 */
const BATCH = 200;

export type LedgerExport = { fileName: string; stream: Readable; done: Promise<number> };
type Options = { platform: Platform; actor: Actor & { principal: Principal }; year: number | null; orgId: string | null };

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

/** Waits while the receiver is behind, so unread output does not pile up in memory; stops if it left. */
const drained = async (out: PassThrough): Promise<void> => {
  while (out.writableNeedDrain && !out.destroyed) await untilDrainOrClose(out);
  if (out.destroyed) throw new Error(GONE);
  await new Promise((resolve) => setImmediate(resolve));
};

type Heading = { name: string; orgId: string; townshipId: string | null };

const writeRows = async (platform: Platform, tx: Tx, out: PassThrough, o: Options, heading: Heading): Promise<number> => {
  const writer = createLedgerWriter(out);
  const orgs = await loadOrgInfo(tx.client);
  const unmaskAt = new Map<string, boolean>();
  // Full numbers go out only where the caller holds pii.unmask at the case's org. Before the
  // first one leaves, the view is audited (pii.view) in its own transaction, committed at
  // once: logged even if the download then breaks off.
  let audited = false;
  const auditView = async (): Promise<void> => {
    audited = true;
    await runScoped(platform, o.actor, (t) => t.audit({ orgId: heading.orgId, townshipId: heading.townshipId, action: 'pii.view', entity: 'mediation_ledger',
      entityId: o.year === null ? null : String(o.year), after: { field: 'phone', export: 'xlsx', year: o.year, orgId: o.orgId } }));
  };
  await openLedgerCursor(tx.client, o.year, o.orgId);
  let year: number | null = null;
  let opened = false;
  let n = 0;
  // The next batch is fetched while this one is written: PostgreSQL and the workbook's
  // rendering then work at the same time (two cores).
  const prefetch = (): Promise<LedgerCaseRow[]> => {
    const p = fetchLedgerRows(tx.client, BATCH);
    p.catch(() => undefined);
    return p;
  };
  let next = prefetch();
  for (;;) {
    const rows = await next;
    if (rows.length === 0) break;
    const unknown = [...new Set(rows.map((r) => r.org_id))].filter((id) => !unmaskAt.has(id));
    if (unknown.length > 0) {
      const may = await orgsWithPermission(tx.client, tx.principal, 'pii.unmask', unknown);
      for (const id of unknown) unmaskAt.set(id, may.has(id));
    }
    next = rows.length < BATCH ? Promise.resolve([]) : prefetch();
    for (const r of rows) {
      const unmask = unmaskAt.get(r.org_id) === true;
      if (unmask && !audited && r.party_phones?.some((x, i) => x !== null && r.party_roles?.[i] === '申请人')) await auditView();
      if (!opened || r.year !== year) { writer.openSheet(heading.name, r.year); year = r.year; opened = true; }
      writer.addLine(ledgerLineOf(r, orgs.get(r.org_id), unmask, platform.keys.fields));
      n++;
    }
    await drained(out);
  }
  await closeLedgerCursor(tx.client);
  if (!opened) writer.openSheet(heading.name, o.year);
  // The workbook is complete when the last bytes are taken; a receiver that leaves first ends it.
  const left = new Promise<never>((_, reject) => out.once('close', () => { if (!out.writableFinished) reject(new Error(GONE)); }));
  left.catch(() => undefined);
  await Promise.race([writer.finish(), left]);
  return n;
};

/**
 * Exports the mediation ledger of a year (or every year, a sheet each) as .xlsx, streamed:
 * the cases are read through a cursor inside the caller's data scope (row-level security
 * keeps a village to its own cases) and written row by row. The checks come first, in their
 * own transaction, so that a refusal is an ordinary 403/404 and not a broken download.
 */
export const startLedgerExport = async (o: Options): Promise<LedgerExport> => {
  const heading = await runScoped(o.platform, o.actor, async (tx): Promise<Heading> => {
    if (o.orgId) await assertCanAt(tx.client, tx.principal, 'mediation.read', o.orgId);
    const org = await orgWithTownship(tx.client, headingOrg(tx.principal, o.orgId));
    return { name: org?.name ?? tx.principal.orgName, orgId: org?.id ?? tx.principal.orgId, townshipId: org?.township_id ?? tx.principal.townshipId };
  });
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  const done = runScoped(o.platform, o.actor, (tx) => writeRows(o.platform, tx, out, o, heading));
  done.catch((err: unknown) => {
    o.platform.log.error({ err }, 'ledger export failed mid-stream');
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return { fileName: `${sheetTitle(heading.name, o.year)}.xlsx`, stream: out, done };
};
