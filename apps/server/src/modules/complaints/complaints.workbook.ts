import ExcelJS, { type CellValue } from 'exceljs';
import { safeCell } from '../../platform/files/spreadsheet-safe.ts';
import { cellText, parseDay } from '../mediation/ledger/ledger.cells.ts';
import { complaintCategories } from './complaints.workflow.ts';

/** The columns of a 12345 work-order sheet, in order, as the template heads them. */
export const workOrderColumns = [
  { key: 'workOrderNo', header: '工单编号', width: 22, note: '必填；12345热线派发的工单编号（字母、数字、短横线），本乡镇内唯一' },
  { key: 'receivedOn', header: '派单日期', width: 14, note: '必填；如 2026-12-01，不能晚于今天' },
  { key: 'workOrderDue', header: '办理时限', width: 14, note: '选填；热线规定的办结日期，不能早于派单日期' },
  { key: 'name', header: '来电人', width: 12, note: '必填' },
  { key: 'phone', header: '联系电话', width: 16, note: '选填；手机号或带区号的座机号，加密保存' },
  { key: 'category', header: '诉求类别', width: 12, note: `必填；${complaintCategories.join('、')}之一` },
  { key: 'subject', header: '被投诉单位或事项', width: 24, note: '必填' },
  { key: 'facts', header: '诉求内容', width: 60, note: '必填' },
] as const;
type ColumnKey = (typeof workOrderColumns)[number]['key'];
export type WorkOrderRow = {
  row: number; workOrderNo: string; receivedOn: string; workOrderDue: string | null; name: string; phone: string | null; category: string; subject: string; facts: string;
};
export type RowProblem = { row: number; column: string | null; message: string };

export const MAX_WORK_ORDERS = 2000;
const SHEET = '12345工单';
const PHONE = /^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/;
const WORK_ORDER = /^[A-Za-z0-9-]{3,40}$/;

/** The template to download: the header row, a note per column, the category as a drop-down. */
export const workOrderTemplate = async (): Promise<Buffer> => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  ws.columns = workOrderColumns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const [i, c] of workOrderColumns.entries()) ws.getCell(1, i + 1).note = c.note;
  for (let r = 2; r <= 501; r++) {
    ws.getCell(r, 6).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${complaintCategories.join(',')}"`] };
    for (const col of [2, 3]) ws.getCell(r, col).numFmt = 'yyyy-mm-dd';
  }
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ header: '列', width: 18 }, { header: '填写要求', width: 80 }];
  for (const c of workOrderColumns) help.addRow([c.header, c.note]);
  help.addRow([]);
  help.addRow(['说明', '同一文件可重复导入：本乡镇已有的工单编号不会重复登记。任何一行不符合要求时整个文件都不导入，请按提示逐行修改。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
};

/**
 * Reads a work-order sheet: every row checked (required cells, a real day not after today,
 * the due date not before the dispatch date, the category, the phone, the number's form and
 * no number twice in the file), each problem in Chinese with its row and column.
 */
export const readWorkOrders = async (file: Buffer, today: string): Promise<{ rows: WorkOrderRow[]; problems: RowProblem[] }> => {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    return { rows: [], problems: [{ row: 0, column: null, message: '无法读取该文件，请使用下载的模板（.xlsx格式）填写' }] };
  }
  const ws = wb.getWorksheet(SHEET) ?? wb.worksheets[0];
  if (!ws) return { rows: [], problems: [{ row: 0, column: null, message: '文件中没有工作表' }] };
  // Columns are found by their header, so a sheet with the columns in another order still reads.
  const at = new Map<ColumnKey, number>();
  ws.getRow(1).eachCell((cell, col) => {
    const c = workOrderColumns.find((x) => x.header === cellText(cell.value));
    if (c) at.set(c.key, col);
  });
  const missing = workOrderColumns.filter((c) => !at.has(c.key) && c.key !== 'workOrderDue' && c.key !== 'phone');
  if (missing.length > 0) return { rows: [], problems: [{ row: 1, column: null, message: `表头缺少列：${missing.map((c) => c.header).join('、')}（请使用下载的模板）` }] };
  const rows: WorkOrderRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  let filled = 0;
  const header = (k: ColumnKey): string => workOrderColumns.find((c) => c.key === k)?.header ?? k;
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const raw = (k: ColumnKey): CellValue | undefined => { const col = at.get(k); return col ? row.getCell(col).value : undefined; };
    const text = (k: ColumnKey): string => cellText(raw(k));
    if (workOrderColumns.every((c) => text(c.key) === '')) continue;
    if (++filled > MAX_WORK_ORDERS) return { rows: [], problems: [{ row: 0, column: null, message: `一次最多导入${MAX_WORK_ORDERS}条工单，请分文件导入` }] };
    const bad = (k: ColumnKey | null, message: string): void => { problems.push({ row: r, column: k ? header(k) : null, message }); };
    const before = problems.length;
    for (const k of ['workOrderNo', 'name', 'category', 'subject', 'facts', 'receivedOn'] as const) if (text(k) === '') bad(k, `${header(k)}不能为空`);
    const no = text('workOrderNo');
    if (no && !WORK_ORDER.test(no)) bad('workOrderNo', '工单编号只能由字母、数字和短横线组成（3至40位）');
    if (no && seen.has(no)) bad('workOrderNo', `工单编号与第${seen.get(no)}行重复`);
    if (no && !seen.has(no)) seen.set(no, r);
    const received = parseDay(raw('receivedOn'));
    const due = parseDay(raw('workOrderDue'));
    if (!received.ok) bad('receivedOn', '派单日期不是有效日期（如 2026-12-01）');
    if (!due.ok) bad('workOrderDue', '办理时限不是有效日期（如 2026-12-08）');
    const receivedOn = received.ok ? received.value : null;
    const dueOn = due.ok ? due.value : null;
    if (receivedOn && receivedOn > today) bad('receivedOn', `派单日期（${receivedOn}）晚于今天，请检查`);
    if (receivedOn && dueOn && dueOn < receivedOn) bad('workOrderDue', `办理时限（${dueOn}）早于派单日期（${receivedOn}）`);
    const category = text('category');
    if (category && !(complaintCategories as readonly string[]).includes(category)) bad('category', `诉求类别“${category}”不在可选范围内（${complaintCategories.join('、')}）`);
    const phone = text('phone').replace(/\s/g, '');
    if (phone && !PHONE.test(phone)) bad('phone', '联系电话格式不正确（手机号11位，或带区号的座机号）');
    if ([...text('name')].length > 32) bad('name', '来电人姓名过长（最多32个字）');
    if ([...text('subject')].length > 200) bad('subject', '被投诉单位或事项过长（最多200个字）');
    if ([...text('facts')].length > 5000) bad('facts', '诉求内容过长（最多5000个字）');
    if (problems.length > before || !receivedOn) continue;
    rows.push({ row: r, workOrderNo: no, receivedOn, workOrderDue: dueOn, name: text('name'), phone: phone || null, category, subject: text('subject'), facts: text('facts') });
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ row: 0, column: null, message: '文件中没有工单' });
  return { rows, problems };
};

export type ExportRow = {
  ref: string; work_order_no: string | null; received_on: string; channel: string; category: string | null; subject: string | null; complainant: string | null;
  status: string; replied_on: string | null; on_time: boolean | null; satisfaction: string | null; org_name: string;
};
const channelZh: Record<string, string> = { portal: '网上投诉', phone: '电话', hotline: '12345热线', visit: '来访' };

/** The year's complaints as a sheet; every text cell neutralised against formula injection (safeCell). */
export const complaintsWorkbook = async (year: number, rows: readonly ExportRow[], statusLabel: (s: string) => string): Promise<Buffer> => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${year}年投诉件`);
  ws.columns = [
    { header: '编号', width: 20 }, { header: '工单编号', width: 20 }, { header: '收到日期', width: 12 }, { header: '渠道', width: 10 }, { header: '类别', width: 10 },
    { header: '被投诉单位或事项', width: 24 }, { header: '投诉人', width: 10 }, { header: '承办单位', width: 18 }, { header: '状态', width: 14 },
    { header: '答复日期', width: 12 }, { header: '按期答复', width: 10 }, { header: '满意度', width: 10 },
  ];
  ws.getRow(1).font = { bold: true };
  const s = (v: string | null): string => safeCell(v ?? '');
  for (const r of rows) {
    ws.addRow([s(r.ref), s(r.work_order_no), r.received_on, channelZh[r.channel] ?? s(r.channel), s(r.category), s(r.subject), s(r.complainant), s(r.org_name),
      statusLabel(r.status), r.replied_on ?? '', r.on_time === null ? '' : r.on_time ? '是' : '否', s(r.satisfaction)]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
};
