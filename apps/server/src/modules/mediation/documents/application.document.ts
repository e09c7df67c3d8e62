import { renderOfficialDocument } from '../../../platform/documents/official-document.ts';
import type { Block } from '../../../platform/documents/blocks.ts';
import type { MediationFile } from './mediation-file.ts';
import { isApplicant, partyLine } from './party-text.ts';

/**
 * 人民调解申请书: a party applies to the committee (人民调解法 第十七条). Filled from the
 * case as registered, for the applicant to check and sign (or put a fingerprint to).
 */
export const renderApplication = (f: MediationFile): Promise<Buffer> => {
  const applicants = f.parties.filter(isApplicant);
  const signers = applicants.length > 0 ? applicants : f.parties;
  const sections: Block[] = [
    ...f.parties.map((p): Block => ({ kind: 'paragraph', text: partyLine(p) })),
    { kind: 'paragraph', text: [{ text: '申请事项：', font: 'heading1' }, { text: `请求${f.committee}依法调解${f.title}。` }] },
    { kind: 'paragraph', text: [{ text: '事实和理由：', font: 'heading1' }] },
    ...paragraphs(f.body),
    { kind: 'paragraph', text: '申请人自愿申请人民调解，保证如实陈述纠纷事实，遵守调解秩序，尊重对方当事人行使权利（人民调解法第二十四条）。' },
    { kind: 'paragraph', text: '此致' },
    { kind: 'paragraph', text: f.committee, indent: false },
    { kind: 'blank' },
    { kind: 'signatures', entries: signers.map((p) => ({ label: `${p.role}（签名或按指印）` })) },
  ];
  return renderOfficialDocument({
    title: '人民调解申请书', sections, date: f.receivedOn, sealRoom: false,
    meta: { subject: f.title, keywords: f.ref },
  });
};

/** A case's free text as body paragraphs, one per line of the original. */
export const paragraphs = (text: string): Block[] => text.split(/\r?\n/).map((t) => t.trim()).filter((t) => t !== '')
  .map((t): Block => ({ kind: 'paragraph', text: t }));
