import type { DocumentPart } from '../../../platform/documents/official-document.ts';
import type { TableRowSpec } from '../../../platform/documents/blocks.ts';
import { chineseDate } from '../../../platform/documents/chinese-text.ts';
import type { MediationFile } from './mediation-file.ts';
import { disputeName } from './application.document.ts';
import { splitTerms } from './agreement.document.ts';

const sources: Record<string, string> = {
  staff: '当事人申请（窗口登记）', public: '当事人网上申请', grid: '网格排查上报', transfer: '有关部门移送', hotline: '12345热线转办',
};

/** What became of the case, from the fields its transitions recorded. */
const outcome = (f: MediationFile): string[] => {
  const lines: string[] = [];
  const day = (t: string): string => (f.on.get(t) ? `${chineseDate(f.on.get(t) ?? '')}` : '');
  if (f.refusal) lines.push(`${day('refuse')}不予调解（人民调解法第十七条）：${f.refusal.reason}`);
  if (f.agreement) lines.push(`${day('reach_agreement')}达成${f.agreement.form === 'oral' ? '口头' : '书面'}调解协议：${splitTerms(f.agreement.terms).map((t, i) => `${i + 1}. ${t}`).join('')}`);
  if (f.confirmation) lines.push(`${day('apply_confirmation')}申请司法确认：${f.confirmation.court}`);
  if (f.followUp) lines.push(`${day('follow_up')}回访：${f.followUp.performance}${f.followUp.visit ? `；${f.followUp.visit}` : ''}`);
  if (f.failure) lines.push(`${day('fail')}调解不成，终止调解（人民调解法第二十六条）：${f.failure.legalRoute}`);
  if (f.transfer) lines.push(`${day('transfer')}移交${f.transfer.transferTo}`);
  return lines.length > 0 ? lines : ['调解中'];
};

/**
 * 人民调解受理登记表: the registration the committee keeps on file (人民调解法 第二十七条:
 * 调解登记、调解工作记录、调解协议书 are archived).
 */
export const registrationPart = (f: MediationFile): DocumentPart => {
  const accepted = f.on.get('accept');
  const rows: TableRowSpec[] = [
    { cells: [{ text: '调解组织', label: true }, { text: f.committee, span: 3 }] },
    { cells: [{ text: '纠纷名称', label: true }, { text: disputeName(f.title), span: 3 }] },
    { cells: [{ text: '纠纷类型', label: true }, { text: f.category ?? '' }, { text: '纠纷来源', label: true }, { text: sources[f.source] ?? f.source }] },
    ...f.parties.flatMap((p): TableRowSpec[] => [
      { cells: [{ text: p.role, label: true }, { text: [p.name, ...(p.sex ? [p.sex] : [])].join('　') }, { text: '联系电话', label: true }, { text: p.phone ?? '' }] },
      { cells: [
        { text: p.kind === 'enterprise' ? '信用代码' : '身份证号码', label: true }, { text: p.idNumber ?? '' },
        { text: p.kind === 'enterprise' ? '住所地' : '住址', label: true }, { text: p.address ?? '' },
      ] },
    ]),
    { cells: [{ text: '纠纷简要情况', label: true }, { text: f.body.split(/\r?\n/), span: 3 }], minLines: 4 },
    { cells: [{ text: '受理意见', label: true }, { text: accepted ? `同意受理（${chineseDate(accepted)}）` : '待审查', span: 3 }], minLines: 2 },
    { cells: [{ text: '人民调解员', label: true }, { text: f.mediators.join('、'), span: 3 }] },
    { cells: [{ text: '调解结果', label: true }, { text: outcome(f), span: 3 }], minLines: 2 },
    { cells: [{ text: '登记人', label: true }, { text: f.registeredBy ?? '' }, { text: '受理日期', label: true }, { text: accepted ? chineseDate(accepted) : '' }] },
  ];
  return { kind: 'form', spec: {
    title: '人民调解受理登记表', caption: { left: `编号：${f.ref}`, right: `登记日期：${chineseDate(f.receivedOn)}` },
    columns: [1900, 2750, 1400, 2795], rows, meta: { subject: f.title, keywords: f.ref },
  } };
};
