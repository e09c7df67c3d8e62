import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { runOnce } from 'graphile-worker';
import type { Agent, Harness, Response } from '../../../test/harness.ts';
import { workerLogger } from '../../../platform/jobs/jobs.ts';
import { cellText } from './ledger.cells.ts';
import { ledgerColumns } from './ledger.columns.ts';
import { ledgerJobTasks } from './ledger.jobs.ts';

/** Test helpers for the ledger: files in and out, and the import job worked once. */

export const headers = ledgerColumns.map((c) => c.header);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A ledger as a clerk might keep it: one sheet, a title row, the header, the given rows (by header). */
export const ledgerFile = async (rows: Record<string, string | number | Date>[], o: { columns?: string[]; sheet?: string } = {}): Promise<Buffer> => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(o.sheet ?? '2023年');
  const columns = o.columns ?? headers;
  ws.addRow(['某镇人民调解案件登记台账']);
  ws.mergeCells(1, 1, 1, columns.length);
  ws.addRow(columns);
  for (const r of rows) ws.addRow(columns.map((h) => r[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
};

/** A full GET with the agent's session, body as bytes. */
/** An export, as the web client asks for it: a POST with the session's CSRF header. */
export const download = async (h: Harness, agent: Agent, url: string): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> => {
  const res = await h.app.inject({ method: 'POST', url, payload: {}, headers: { cookie: agent.cookie, 'x-csrf-token': agent.me.csrfToken } });
  return { status: res.statusCode, headers: res.headers, body: res.rawPayload };
};

/** A multipart/form-data upload of one file in the field `file`. */
export const upload = (agent: Agent, url: string, file: Buffer, fileName = 'ledger.xlsx'): Promise<Response> => {
  const boundary = `----fazhi${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${XLSX}\r\n\r\n`);
  const payload = Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return agent.request('POST', url, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
};

export type Sheet = { name: string; title: string; header: string[]; rows: string[][]; merged: boolean; frozenRows: number; dateFormats: string[] };

/** Every sheet of a workbook as text (dates as yyyy-mm-dd), with what matters of its layout. */
export const readSheets = async (file: Buffer): Promise<Sheet[]> => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const rows: string[][] = [];
    ws.eachRow((row, n) => {
      if (n <= 2) return;
      rows.push(headers.map((_, i) => cellText(row.getCell(i + 1).value)));
    });
    const view = ws.views[0];
    return {
      name: ws.name, title: cellText(ws.getCell(1, 1).value), header: headers.map((_, i) => cellText(ws.getCell(2, i + 1).value)), rows,
      merged: ws.getCell(1, headers.length).isMerged, frozenRows: view && 'ySplit' in view ? (view.ySplit ?? 0) : 0,
      dateFormats: ws.rowCount > 2 ? [ws.getCell(3, 3).numFmt, ws.getCell(3, 17).numFmt] : [],
    };
  });
};

/** Works the job queue once, as the server's worker would (the queue's schema must be installed). */
export const runImportJobs = (h: Harness): Promise<void> =>
  runOnce({ connectionString: h.ownerUrl, taskList: ledgerJobTasks(h.platform), logger: workerLogger(h.platform.log), noHandleSignals: true });

export const col = (key: (typeof ledgerColumns)[number]['key']): number => ledgerColumns.findIndex((c) => c.key === key);
