import { disputeCategories } from '../mediation.workflow.ts';
import {
  cellText, isMaskedPhone, isPhone, parseConfirmation, parseDay, splitFollowUp, splitList, splitSummary,
} from './ledger.cells.ts';
import { agreementFormOf, headerOf, isLedgerResult, type AgreementForm, type LedgerKey, type LedgerResult } from './ledger.columns.ts';
import type { LedgerProblem, RawLine } from './ledger.read.ts';

/** A ledger row as the import understands it (the phone numbers travel apart: they are sealed). */
export type LedgerFields = {
  ref: string | null;
  receivedOn: string | null;
  category: string | null;
  village: string;
  committee: string;
  applicants: string[];
  respondents: string[];
  title: string;
  body: string;
  mediators: string;
  result: LedgerResult | null;
  agreementForm: AgreementForm | null;
  terms: string;
  performance: string;
  confirmation: { applied: boolean; court: string | null };
  closedOn: string | null;
  followUpOn: string | null;
  followUpText: string;
};
export type ParsedLine = { sheet: string; rowNo: number; fields: LedgerFields; phones: string[]; problems: LedgerProblem[] };

/** What clerks write in a cell that has nothing to say. */
const BLANK = new Set(['/', '／', '\\', '无', '-', '—', '——', '－', '暂无']);
const categories: readonly string[] = disputeCategories;

/** 邻里纠纷 → 邻里; 婚姻家庭类 → 婚姻家庭. */
const categoryOf = (s: string): string | null => {
  const bare = s.replace(/(纠纷|类|案件)+$/u, '');
  if (categories.includes(s)) return s;
  if (categories.includes(bare)) return bare;
  if (bare === '交通事故') return '道路交通事故';
  if (bare === '宅基地' || bare === '房屋') return '房屋宅基地';
  return null;
};

/**
 * Checks one row on its own (formats, required cells, dates that exist and follow each
 * other); the checks that need the database (villages, rights, duplicates) come after.
 */
export const parseLine = (line: RawLine, today: string): ParsedLine => {
  const problems: LedgerProblem[] = [];
  const problem = (key: LedgerKey, message: string): void => { problems.push({ sheet: line.sheet, row: line.rowNo, column: headerOf(key), message }); };
  const text = (key: LedgerKey): string => {
    const t = cellText(line.cells[key] ?? null);
    return BLANK.has(t) ? '' : t;
  };
  const day = (key: LedgerKey, label: string): string | null => {
    const raw = line.cells[key];
    const d = parseDay(text(key) === '' ? null : raw);
    if (!d.ok) { problem(key, `${label}“${cellText(raw ?? null)}”不是有效日期（应为 2023-01-05 这样的日期）`); return null; }
    if (d.value && d.value > today) { problem(key, `${label}${d.value}晚于今天`); return null; }
    return d.value;
  };

  const receivedOn = text('receivedOn') ? day('receivedOn', '受理日期') : null;
  if (!text('receivedOn')) problem('receivedOn', '受理日期不能为空');
  const categoryText = text('category');
  const category = categoryText ? categoryOf(categoryText) : null;
  if (!categoryText) problem('category', '纠纷类型不能为空');
  else if (!category) problem('category', `纠纷类型“${categoryText}”不在规定的16类之中（${categories.join('、')}）`);

  const village = text('village');
  const committee = text('committee');

  const applicants = splitList(text('applicants'));
  if (applicants.length === 0) problem('applicants', '申请人不能为空');
  const phones = splitList(text('phones'));
  for (const p of phones) {
    if (isMaskedPhone(p)) problem('phones', `联系电话“${p}”是脱敏后的号码，不能导入（请用有权查看完整信息的账号导出）`);
    else if (!isPhone(p.replace(/[()（）\s]/g, ''))) problem('phones', `联系电话“${p}”格式不正确（应为11位手机号或带区号的固定电话）`);
  }
  if (phones.length > Math.max(applicants.length, 1)) problem('phones', `联系电话有${phones.length}个，多于申请人人数`);
  const respondents = splitList(text('respondents'));

  const summary = text('summary');
  if (!summary) problem('summary', '纠纷简要情况不能为空');
  const { title, body } = splitSummary(summary);

  const resultText = text('result');
  const result = isLedgerResult(resultText) ? resultText : null;
  if (!resultText) problem('result', '调解结果不能为空');
  else if (!result) problem('result', `调解结果“${resultText}”应为：调解成功、调解不成、移交、在办、不予调解、撤回之一`);

  const formText = text('agreementForm');
  const agreementForm = formText ? agreementFormOf(formText) : null;
  if (formText && !agreementForm) problem('agreementForm', `协议形式“${formText}”应为“书面”或“口头”`);
  if (result === '调解成功' && !formText) problem('agreementForm', '调解成功的案件须填写协议形式（书面或口头，人民调解法第二十八条）');

  const confirmationText = text('confirmation');
  const confirmation = parseConfirmation(confirmationText);
  if (!confirmation) problem('confirmation', `是否申请司法确认“${confirmationText}”应为“是”或“否”`);
  else if (confirmation.applied && result !== null && result !== '调解成功') problem('confirmation', '只有达成调解协议的案件才能申请司法确认');

  const closedOn = day('closedOn', '结案日期');
  if (closedOn && receivedOn && closedOn < receivedOn) problem('closedOn', `结案日期${closedOn}早于受理日期${receivedOn}`);
  if (closedOn && result === '在办') problem('closedOn', '在办案件不应填写结案日期');

  const followUp = splitFollowUp(text('followUp'));
  if (followUp.badDate) problem('followUp', '回访情况开头的日期不是有效日期');
  if (followUp.on && followUp.on > today) problem('followUp', `回访日期${followUp.on}晚于今天`);
  if (followUp.on && (closedOn ?? receivedOn) && followUp.on < (closedOn ?? receivedOn ?? '')) problem('followUp', '回访日期早于结案日期');

  const ref = text('ref') || null;
  if (ref && ref.length > 64) problem('ref', '案件编号过长（最多64个字符）');
  if (title.length > 200) problem('summary', '纠纷简要情况的第一行（事项标题）过长');

  return {
    sheet: line.sheet, rowNo: line.rowNo, phones: phones.map((p) => p.replace(/[()（）\s]/g, '')), problems,
    fields: {
      ref, receivedOn, category, village, committee, applicants, respondents, title, body, mediators: text('mediators'), result, agreementForm,
      terms: text('terms'), performance: text('performance'), confirmation: confirmation ?? { applied: false, court: null },
      closedOn, followUpOn: followUp.on, followUpText: followUp.text,
    },
  };
};
