import { Readable } from 'node:stream';
import ExcelJS, { type CellValue, type Row } from 'exceljs';
import { AppError } from '../../../platform/errors.ts';
import { cellText } from './ledger.cells.ts';
import { ledgerColumns, type LedgerKey } from './ledger.columns.ts';

/** A problem found in the file, where a clerk finds it: sheet, row number, column header. */
export type LedgerProblem = { sheet: string; row: number; column: string; message: string };

/** One data row of a sheet, cells by column, before any check. */
export type RawLine = { sheet: string; rowNo: number; cells: Partial<Record<LedgerKey, CellValue>> };

export const MAX_ROWS = 20_000;

/** The names county templates use for the same columns. */
const aliases: Record<string, LedgerKey> = {
  编号: 'ref', 案号: 'ref', 登记编号: 'ref', 受理时间: 'receivedOn', 登记日期: 'receivedOn', 登记时间: 'receivedOn',
  纠纷类别: 'category', 案件类型: 'category', 所属村: 'village', '村（社区）': 'village', 所在村: 'village',
  调解委员会: 'committee', 联系电话: 'phones', 申请人电话: 'phones', 纠纷情况: 'summary', 简要案情: 'summary',
  调解人员: 'mediators', 结案时间: 'closedOn', 调结日期: 'closedOn', 回访记录: 'followUp', 司法确认: 'confirmation',
};
const normalize = (s: string): string => s.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
const byHeader = new Map<string, LedgerKey>([
  ...ledgerColumns.map((c) => [normalize(c.header), c.key] as const),
  ...Object.entries(aliases).map(([k, v]) => [normalize(k), v] as const),
]);

const REQUIRED: readonly LedgerKey[] = ['receivedOn', 'category', 'applicants', 'summary', 'result'];
const headerText = (key: LedgerKey): string => ledgerColumns.find((c) => c.key === key)?.header ?? key;

type Header = { rowNo: number; columns: Map<number, LedgerKey> };

/** A header row: one naming 受理日期 and at least two more of the ledger's columns. */
const headerIn = (row: Row): Header | null => {
  const columns = new Map<number, LedgerKey>();
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    const key = byHeader.get(normalize(cellText(cell.value)));
    if (key && ![...columns.values()].includes(key)) columns.set(col, key);
  });
  return [...columns.values()].includes('receivedOn') && columns.size >= 3 ? { rowNo: row.number, columns } : null;
};

const sheetProblems = (sheet: string, header: Header): LedgerProblem[] => {
  const present = new Set(header.columns.values());
  const out = REQUIRED.filter((k) => !present.has(k)).map((k) => ({ sheet, row: header.rowNo, column: headerText(k), message: `缺少“${headerText(k)}”列` }));
  if (!present.has('village') && !present.has('committee')) {
    out.push({ sheet, row: header.rowNo, column: '所属村（社区）', message: '缺少“所属村（社区）”列（或“调解组织”列）' });
  }
  return out;
};

/**
 * Reads every sheet of an uploaded ledger (one sheet per year is the custom) with exceljs's
 * streaming reader, so memory does not grow with the ledger: finds the header row among the
 * first ten, maps columns by their header (in any order, under the usual alternative names)
 * and returns the data rows. Blank rows and a closing 合计 row are skipped.
 */
export const readLedgerWorkbook = async (file: Buffer): Promise<{ lines: RawLine[]; problems: LedgerProblem[] }> => {
  const lines: RawLine[] = [];
  const problems: LedgerProblem[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  let sheets = 0;
  try {
    for await (const ws of reader) {
      sheets++;
      const sheet = (ws as unknown as { name: string }).name;
      let header: Header | null = null;
      let rows = 0;
      for await (const row of ws) {
        rows++;
        if (!header) {
          header = row.number <= 10 ? headerIn(row) : null;
          if (header) problems.push(...sheetProblems(sheet, header));
          continue;
        }
        const cells: RawLine['cells'] = {};
        let any = false;
        for (const [col, key] of header.columns) {
          const v = row.getCell(col).value;
          cells[key] = v;
          if (cellText(v) !== '' && key !== 'no') any = true;
        }
        if (!any || /^(合计|总计|小计)$/.test(cellText(cells.no ?? null))) continue;
        lines.push({ sheet, rowNo: row.number, cells });
        if (lines.length > MAX_ROWS) throw new AppError('LEDGER_TOO_MANY_ROWS', { max: MAX_ROWS });
      }
      if (!header && rows > 0) problems.push({ sheet, row: 1, column: '', message: '未找到表头行：表头应包含“受理日期”“纠纷类型”“申请人”等列' });
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('LEDGER_FILE_INVALID');
  }
  if (sheets === 0) throw new AppError('LEDGER_FILE_INVALID');
  if (lines.length === 0 && problems.length === 0) problems.push({ sheet: '', row: 1, column: '', message: '文件中没有台账数据' });
  return { lines, problems };
};
