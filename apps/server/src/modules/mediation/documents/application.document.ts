import type { DocumentPart } from '../../../platform/documents/official-document.ts';
import type { Block } from '../../../platform/documents/blocks.ts';
import type { MediationFile } from './mediation-file.ts';
import { isApplicant, partyLine } from './party-text.ts';

/** A case's free text as body paragraphs, one per line of the original. */
export const paragraphs = (text: string): Block[] => text.split(/\r?\n/).map((t) => t.trim()).filter((t) => t !== '')
  .map((t): Block => ({ kind: 'paragraph', text: t }));

/** The title as a document names the dispute: without a channel note such as （网上申请） that older records carry. */
export const disputeName = (title: string): string => title.replace(/（(网上|窗口|电话)申请）$/, '').trim();

/**
 * The registration form and the portal keep an application as "事实与理由：…\n调解请求：…":
 * split it back, so a document prints each under its own heading and never a label twice.
 */
export const splitApplication = (body: string): { facts: string; claims: string | null } => {
  const m = /^\s*事实(?:与|和)理由[:：]\s*([\s\S]*?)(?:\n\s*调解请求[:：]\s*([\s\S]*))?$/.exec(body);
  if (!m) return { facts: body.trim(), claims: null };
  return { facts: (m[1] ?? '').trim(), claims: m[2]?.trim() || null };
};

/**
 * 人民调解申请书: a party applies to the committee (人民调解法 第十七条). Filled from the
 * case as registered, for the applicant to check and sign (or put a fingerprint to): the
 * parties, what is asked (申请事项, the applicant's own request), the facts and reasons as the
 * applicant gave them.
 */
export const applicationPart = (f: MediationFile): DocumentPart => {
  const applicants = f.parties.filter(isApplicant);
  const signers = applicants.length > 0 ? applicants : f.parties;
  const { facts, claims } = splitApplication(f.body);
  const sections: Block[] = [
    ...f.parties.map((p): Block => ({ kind: 'paragraph', text: partyLine(p) })),
    { kind: 'paragraph', text: [{ text: '申请事项：', font: 'heading1' }, { text: claims ?? `请求${f.committee}依法调解${disputeName(f.title)}。` }] },
    { kind: 'paragraph', text: [{ text: '事实和理由：', font: 'heading1' }] },
    ...paragraphs(facts),
    { kind: 'paragraph', text: '申请人自愿申请人民调解，保证如实陈述纠纷事实，遵守调解秩序，尊重对方当事人行使权利（人民调解法第二十四条）。' },
    { kind: 'paragraph', text: '此致' },
    { kind: 'paragraph', text: f.committee, indent: false },
    { kind: 'blank' },
    { kind: 'signatures', entries: signers.map((p) => ({ label: `${p.role}（签名或按指印）` })) },
  ];
  return { kind: 'official', spec: {
    title: '人民调解申请书', sections, date: f.receivedOn, sealRoom: false,
    meta: { subject: f.title, keywords: f.ref },
  } };
};
