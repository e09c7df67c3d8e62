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
    // A merged title spans the row: only its first cell counts.
    if (cell.isMerged && cell.master.address !== cell.address) return;
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
 * Reads every sheet of an uploaded ledger (one sheet per year is the custom): finds the
 * header row among the first ten, maps columns by their header (in any order, under the
 * usual alternative names) and returns the data rows. Blank rows and a closing 合计 row are
 * skipped. The workbook is read whole, in memory (about 16 KB a row while it is read, hence
 * the row limit): exceljs's streaming reader splits multi-byte characters at chunk
 * boundaries and garbles Chinese text (exceljs issues #2063, #2084; unfixed in 4.4).
 */
export const readLedgerWorkbook = async (file: Buffer): Promise<{ lines: RawLine[]; problems: LedgerProblem[] }> => {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new AppError('LEDGER_FILE_INVALID');
  }
  const lines: RawLine[] = [];
  const problems: LedgerProblem[] = [];
  for (const ws of wb.worksheets) {
    if (ws.actualRowCount === 0) continue;
    let header: Header | null = null;
    for (let r = 1; r <= Math.min(10, ws.rowCount) && !header; r++) header = headerIn(ws.getRow(r));
    if (!header) {
      problems.push({ sheet: ws.name, row: 1, column: '', message: '未找到表头行：表头应包含“受理日期”“纠纷类型”“申请人”等列' });
      continue;
    }
    problems.push(...sheetProblems(ws.name, header));
    const { rowNo, columns } = header;
    ws.eachRow({ includeEmpty: false }, (row) => {
      if (row.number <= rowNo) return;
      const cells: RawLine['cells'] = {};
      let any = false;
      for (const [col, key] of columns) {
        const v = row.getCell(col).value;
        cells[key] = v;
        if (cellText(v) !== '' && key !== 'no') any = true;
      }
      if (!any || /^(合计|总计|小计)$/.test(cellText(cells.no ?? null))) return;
      lines.push({ sheet: ws.name, rowNo: row.number, cells });
    });
    if (lines.length > MAX_ROWS) throw new AppError('LEDGER_TOO_MANY_ROWS', { max: MAX_ROWS });
  }
  if (lines.length === 0 && problems.length === 0) problems.push({ sheet: wb.worksheets[0]?.name ?? '', row: 1, column: '', message: '文件中没有台账数据' });
  return { lines, problems };
};
