import type { Writable } from 'node:stream';
import ExcelJS, { type Borders, type Style, type Worksheet } from 'exceljs';
import { safeCell } from '../../../platform/files/spreadsheet-safe.ts';
import { ledgerColumns, sheetName, sheetTitle, type LedgerLine } from './ledger.columns.ts';

const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
const border: Partial<Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const FONT = '宋体';

/** yyyy-mm-dd → an Excel date (UTC midnight: exceljs writes UTC day numbers). */
const excelDate = (iso: string): Date | null => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
};

const LINE_HEIGHT = 13.5;
const MAX_LINES = 8;
/** Lines a text takes in a column of `width` characters (a Chinese character is two wide). */
const linesOf = (text: string, width: number): number =>
  text.split('\n').reduce((n, para) => n + Math.max(1, Math.ceil([...para].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0) / (width - 1))), 0);

export type LedgerWriter = {
  /** Starts a sheet (one per year): title row merged across, styled header row, frozen below it. */
  openSheet: (orgName: string, year: number | null) => void;
  addLine: (line: LedgerLine) => void;
  /**
   * Resolves when the zip writer has taken in the rows added so far. exceljs writes each row
   * into the zip entry without waiting, and the compression runs only as the event loop turns:
   * a caller that adds rows faster than that must wait here, or the whole sheet's XML (about
   * 800 bytes a row) piles up uncompressed in memory.
   */
  settle: () => Promise<void>;
  /** Closes the last sheet and the workbook; resolves when everything is in the stream. */
  finish: () => Promise<void>;
};

/** The part of exceljs's sheet stream (a StreamBuf piped into archiver's entry) that tells how far the zip is behind. */
type Piped = { pipes?: { _writableState?: { needDrain?: boolean }; once: (e: 'drain', f: () => void) => void }[] };

/**
 * The ledger written with exceljs's streaming writer: each row is committed as it is added,
 * so memory stays flat however many cases there are. Inline strings (no shared-string table
 * held until the end); dates are real Excel dates shown as yyyy-mm-dd.
 */
export const createLedgerWriter = (out: Writable): LedgerWriter => {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Fazhi 法治';
  wb.created = new Date();
  let ws: Worksheet | null = null;
  let no = 0;
  const openSheet = (orgName: string, year: number | null): void => {
    ws?.commit();
    no = 0;
    const sheet = wb.addWorksheet(sheetName(year), {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 2 }],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2' },
    });
    sheet.columns = ledgerColumns.map((c) => ({ key: c.key, width: c.width }));
    sheet.mergeCells(1, 1, 1, ledgerColumns.length);
    const title = sheet.getRow(1);
    title.height = 32;
    title.getCell(1).value = safeCell(sheetTitle(orgName, year));
    title.getCell(1).font = { name: FONT, size: 16, bold: true };
    title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
    title.commit();
    const header = sheet.getRow(2);
    header.height = 30;
    ledgerColumns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header;
      cell.font = { name: FONT, size: 11, bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = border;
    });
    header.commit();
    ws = sheet;
  };
  // One style object per column, shared by all its cells: exceljs then finds the style by
  // identity instead of comparing it anew for every cell (a large share of the export's CPU).
  const styles: Partial<Style>[] = ledgerColumns.map((c) => ({
    font: { name: FONT, size: 10 }, border,
    alignment: { vertical: 'top', wrapText: 'wrap' in c && c.wrap === true },
    ...('date' in c && c.date ? { numFmt: 'yyyy-mm-dd' } : {}),
  }));
  const addLine = (line: LedgerLine): void => {
    if (!ws) throw new Error('openSheet first');
    no += 1;
    const row = ws.addRow([]);
    // Spreadsheet programs do not grow a written row to fit wrapped text: give it the height.
    row.height = LINE_HEIGHT * Math.min(MAX_LINES, Math.max(1, ...ledgerColumns.map((c) => ('wrap' in c && c.wrap ? linesOf(line[c.key as keyof LedgerLine] ?? '', c.width) : 1))));
    ledgerColumns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (c.key === 'no') cell.value = no;
      else if ('date' in c && c.date) cell.value = excelDate(line[c.key]) ?? (line[c.key] ? safeCell(line[c.key]) : null);
      else cell.value = line[c.key] === '' ? null : safeCell(line[c.key]);
      cell.style = styles[i] ?? {};
    });
    row.commit();
  };
  const settle = async (): Promise<void> => {
    const pipes = (ws as unknown as { stream?: Piped } | null)?.stream?.pipes ?? [];
    for (const p of pipes) {
      while (p._writableState?.needDrain) await new Promise<void>((resolve) => { p.once('drain', resolve); });
    }
  };
  const finish = async (): Promise<void> => {
    ws?.commit();
    await wb.commit();
  };
  return { openSheet, addLine, settle, finish };
};
