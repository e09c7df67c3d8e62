import type { CellValue } from 'exceljs';
import { unsafeCellText } from '../../../platform/files/spreadsheet-safe.ts';

/**
 * Reading what clerks type into a ledger: cells as text, dates in the forms found in real
 * ledgers (a date cell, 2023-02-03, 2023/2/3, 2023.2.3, 2023年2月3日, 20230203, or an Excel
 * day number), phone numbers, lists of names. Pure functions: the import's checks use them.
 */

const pad = (n: number): string => String(n).padStart(2, '0');
const isoOf = (y: number, m: number, d: number): string => `${y}-${pad(m)}-${pad(d)}`;

/** A real calendar day? (2023-02-30 is not.) */
export const isRealDay = (y: number, m: number, d: number): boolean => {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
};

/** Excel's day number (1900 system, with its phantom 1900-02-29) as a date. */
const fromSerial = (n: number): string | null => {
  if (!Number.isFinite(n) || n < 1 || n > 73050) return null;
  const dt = new Date(Date.UTC(1899, 11, 30) + Math.floor(n) * 86_400_000);
  return isoOf(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
};

const DATE_FORMS = [
  /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/,
  /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];

export type DateParse = { ok: true; value: string | null } | { ok: false };

/** A date cell's value: null when blank, not ok when it is not a real day. */
export const parseDay = (v: CellValue | undefined): DateParse => {
  if (v === null || v === undefined || v === '') return { ok: true, value: null };
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return { ok: false };
    return { ok: true, value: isoOf(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate()) };
  }
  if (typeof v === 'number') {
    const d = fromSerial(v);
    return d ? { ok: true, value: d } : { ok: false };
  }
  const text = cellText(v);
  if (text === '') return { ok: true, value: null };
  for (const form of DATE_FORMS) {
    const m = form.exec(text);
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isRealDay(y, mo, d) ? { ok: true, value: isoOf(y, mo, d) } : { ok: false };
  }
  return { ok: false };
};

/** Any cell as trimmed text (rich text joined, formulas by their result, hyperlinks by their text). */
export const cellText = (v: CellValue | undefined): string => {
  if (v === null || v === undefined) return '';
  // An apostrophe a Fazhi export put before formula-like text (platform/files/spreadsheet-safe.ts) is not part of it.
  if (typeof v === 'string') return unsafeCellText(v.trim()).trim();
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : isoOf(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  if ('richText' in v) return v.richText.map((r) => r.text).join('').trim();
  if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: CellValue }).result ?? null);
  if ('hyperlink' in v) return cellText((v as { text?: CellValue }).text ?? null);
  if ('error' in v) return '';
  return '';
};

/** 王建国、李秀英 / 王建国,李秀英 / 王建国 李秀英 → two names. */
export const splitList = (s: string): string[] => s.split(/[、,，;；/\s]+/u).map((x) => x.trim()).filter(Boolean);
export const joinList = (xs: readonly string[]): string => xs.join('、');

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$/;
/** A mainland mobile (13812345678) or landline (0375-1234567) number. */
export const isPhone = (s: string): boolean => MOBILE.test(s) || LANDLINE.test(s);
export const isMaskedPhone = (s: string): boolean => s.includes('*');

/**
 * 纠纷简要情况 holds the case's title and its description: Fazhi writes the title on the
 * first line and the description below it. A ledger written elsewhere has one paragraph:
 * a short one is the title; a long one gives its first sentence (at most 40 characters) as
 * the title and stays whole as the description.
 */
export const TITLE_MAX = 40;
export const splitSummary = (text: string): { title: string; body: string } => {
  const t = text.replace(/\r\n?/g, '\n').trim();
  const nl = t.indexOf('\n');
  if (nl > 0) {
    const first = t.slice(0, nl).trim();
    if (first.length <= 200) return { title: first, body: t.slice(nl + 1).trim() };
  }
  if (t.length <= TITLE_MAX) return { title: t, body: '' };
  const sentence = /^(.+?)[。；;！!？?]/u.exec(t)?.[1] ?? t;
  const title = sentence.length <= TITLE_MAX ? sentence : `${[...sentence].slice(0, TITLE_MAX - 1).join('')}…`;
  return { title, body: t };
};
export const joinSummary = (title: string, body: string): string => (body && body !== title ? `${title}\n${body}` : title);

/** Names ending like these are organisations, not people (a ledger does not say which). */
const ENTERPRISE = /(公司|厂|合作社|商店|超市|店|中心|医院|卫生室|卫生院|学校|委员会|作坊|窑厂|物业|银行|集团|工作室|酒店|饭店|农场|养殖场)$/u;
export const partyKindOf = (name: string): 'person' | 'enterprise' => (ENTERPRISE.test(name) ? 'enterprise' : 'person');

/** 回访情况 may begin with the visit's date: "2023-03-15 电话回访，当事人表示满意". */
export const splitFollowUp = (text: string): { on: string | null; text: string; badDate: boolean } => {
  const m = /^(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)[\s，,：:]*(.*)$/su.exec(text.trim());
  if (!m) return { on: null, text: text.trim(), badDate: false };
  const d = parseDay(m[1]?.replace(/\s/g, '') ?? '');
  if (!d.ok || !d.value) return { on: null, text: text.trim(), badDate: true };
  return { on: d.value, text: (m[2] ?? '').trim(), badDate: false };
};
export const joinFollowUp = (on: string | null, text: string): string => [on ?? '', text].filter(Boolean).join(' ');

/** 是 / 是（宝丰县人民法院） / 否 / blank. */
export const parseConfirmation = (s: string): { applied: boolean; court: string | null } | null => {
  if (s === '' || s === '否') return { applied: false, court: null };
  const m = /^是(?:\s*[（(](.+)[）)])?$/u.exec(s);
  return m ? { applied: true, court: m[1]?.trim() || null } : null;
};
