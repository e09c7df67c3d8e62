import type { DecisionDocumentKind } from '@fazhi/contracts';
import type { CaseDocumentDef } from '../../../platform/documents/case-document.ts';
import { renderOfficialDocument } from '../../../platform/documents/official-document.ts';
import type { Block } from '../../../platform/documents/blocks.ts';
import { chineseDate } from '../../../platform/documents/chinese-text.ts';
import { namesIn } from '../decisions.workflow.ts';
import type { DecisionFile } from './decision-file.ts';

const s = (v: unknown): string => (typeof v === 'string' ? v : '');
const n = (v: unknown): number => (typeof v === 'number' ? v : 0);
const para = (text: string): Block => ({ kind: 'paragraph', text });
const when = (f: DecisionFile, t: string): string => { const d = f.on.get(t); return d ? chineseDate(d) : ''; };
const government = (f: DecisionFile): string => `${f.township}人民政府`;

/**
 * 合法性审查意见书 (重大行政决策程序暂行条例 第二十七、二十八条): what was sent, the review of
 * authority, procedure and content, the conclusion, the issues and changes proposed, signed by
 * the reviewer (the legal adviser, 第二十八条).
 */
const renderOpinion = (f: DecisionFile): Promise<Buffer> => {
  const sent = f.steps.submit_review ?? {};
  const o = f.steps.legal_opinion ?? {};
  return renderOfficialDocument({
    title: '重大行政决策合法性审查意见书', number: `编号：${f.ref}`, addressee: s(f.steps.start?.leadUnit) || f.orgName,
    sections: [
      para(`你单位于${when(f, 'submit_review')}送请审查的《${f.title}》决策草案及相关材料（${s(sent.materials)}）收悉。根据《重大行政决策程序暂行条例》第二十五条至第二十八条的规定，经审查，提出如下意见：`),
      { kind: 'heading', level: 1, title: '审查内容' },
      para(s(o.opinion)),
      { kind: 'heading', level: 1, title: '审查结论', text: `${s(o.conclusion)}。` },
      ...(s(o.issues) ? [{ kind: 'heading', level: 1, title: '发现的问题及修改建议' } as Block, para(s(o.issues))] : []),
      para(s(o.conclusion) === '不合法'
        ? '依照《重大行政决策程序暂行条例》第二十五条第二款的规定，决策草案经审查不合法的，不得提交决策机关讨论。请根据本意见修改后重新送审。'
        : '请根据本意见对决策草案进行必要的调整或者补充（第二十八条），并将本意见随决策草案一并提交决策机关讨论（第二十九条第五项）。'),
      { kind: 'signatures', entries: [{ label: '审查人', name: s(o.reviewer) }] },
    ],
    issuer: `${government(f)}法律顾问`, date: f.on.get('legal_opinion') ?? null, sealRoom: false, meta: { subject: f.title, keywords: f.ref },
  });
};

/**
 * 集体讨论决定会议纪要 (第三十条): the meeting, who was due and who attended, the quorum as
 * computed, the head speaking last, the votes, dissent recorded as it was said, the reasons
 * for deciding against the majority, and the decision, with the materials of 第二十九条.
 */
const renderMinutes = (f: DecisionFile): Promise<Buffer> => {
  const d = f.steps.decide ?? {};
  const m = f.facts.meeting;
  const present = n(d.present);
  return renderOfficialDocument({
    title: [`${s(d.meeting)}纪要`], number: `编号：${f.ref}`,
    sections: [
      para(`${when(f, 'decide')}，${government(f)}召开${s(d.meeting)}，集体讨论《${f.title}》决策草案。`),
      { kind: 'table', size: 'body', columns: [2, 5], rows: [
        { cells: [{ text: '会议组成人员', label: true }, { text: `${n(d.membersDue)}人` }] },
        { cells: [{ text: '出席人员', label: true }, { text: `${namesIn(s(d.attendees)).join('、')}（${present}人）` }] },
        ...(s(d.absentees) ? [{ cells: [{ text: '缺席人员', label: true }, { text: s(d.absentees) }] }] : []),
        { cells: [{ text: '法定人数', label: true }, { text: m ? `${m.rule}（至少${m.needed}人），${m.quorate ? '符合' : '不符合'}` : '' }] },
        { cells: [{ text: '表决情况', label: true }, { text: `同意${n(d.votesFor)}人，不同意${n(d.votesAgainst)}人，弃权${n(d.votesAbstain)}人` }] },
      ] },
      { kind: 'heading', level: 1, title: '会议审议的材料' },
      para(`决策草案及起草说明；${f.steps.close_comment ? `社会公众意见的研究采纳情况（${s(f.steps.close_comment.adoption).replace(/[。；;，,\s]+$/u, '')}）；` : ''}${f.steps.expert_argument ? '专家论证意见；' : ''}${f.steps.risk_assessment ? '风险评估报告；' : ''}合法性审查意见（${s(f.steps.legal_opinion?.conclusion)}）。`),
      { kind: 'heading', level: 1, title: '讨论情况' },
      para(`会议组成人员充分发表了意见，${d.leaderSpokeLast === true ? '行政首长最后发表意见' : ''}。`),
      ...(s(d.dissent) ? [para(`不同意见：${s(d.dissent)}`)] : [para('会上无不同意见。')]),
      ...(s(d.againstMajorityReason) ? [para(`行政首长作出的决定与会议组成人员多数人的意见不一致，已在会上说明理由：${s(d.againstMajorityReason)}`)] : []),
      { kind: 'heading', level: 1, title: '会议决定' },
      para(s(d.decision)),
      { kind: 'signatures', entries: [{ label: '主持人' }, { label: '记录人' }] },
    ],
    issuer: government(f), date: f.on.get('decide') ?? null, meta: { subject: f.title, keywords: f.ref },
  });
};

/**
 * 决策文件 as published (第三十二条): the decision, its basis and procedure, how public and
 * expert opinions were taken up, the executing unit (第三十四条), and the answers to the
 * public's comments as an attachment.
 */
const renderDecision = (f: DecisionFile): Promise<Buffer> => {
  const p = f.steps.publish ?? {};
  const d = f.steps.decide ?? {};
  const procedure = [
    f.steps.open_comment || f.steps.open_comment_short ? `向社会公开征求意见（收到意见${f.commentCount}条）` : '',
    f.steps.hearing ? '举行听证会' : '', f.steps.expert_argument ? '组织专家论证' : '', f.steps.risk_assessment ? '开展风险评估' : '',
    f.steps.legal_opinion ? '经合法性审查' : '',
  ].filter((x) => x !== '');
  return renderOfficialDocument({
    title: [`${government(f)}`, `关于${f.title.replace(new RegExp(`^${f.township}`), '')}的决定`], number: s(p.docNo) || undefined,
    addressee: '各村（社区）、镇直各单位',
    sections: [
      para(`${procedure.length > 0 ? `本决策事项${procedure.join('、')}，` : ''}经${when(f, 'decide')}${s(d.meeting)}集体讨论决定，现将有关事项公布如下：`),
      para(s(d.decision)),
      para(`本决定由${s(p.executor)}负责执行。公民、法人或者其他组织认为本决策及其实施存在问题的，可以向镇人民政府或者决策执行单位提出意见建议（《重大行政决策程序暂行条例》第三十五条）。`),
      { kind: 'heading', level: 1, title: '公众意见和专家论证意见的采纳情况' },
      para(s(p.adoptionNote)),
    ],
    attachments: f.comments.length > 0 ? [{ title: '公众意见及答复情况', blocks: [{ kind: 'table', size: 'small', columns: [1, 5, 5, 2], rows: [
      { cells: [{ text: '序号', label: true }, { text: '意见内容', label: true }, { text: '答复', label: true }, { text: '采纳情况', label: true }] },
      ...f.comments.map((c, i) => ({ cells: [{ text: String(i + 1), align: 'center' as const }, { text: c.body }, { text: c.answer }, { text: c.adoption, align: 'center' as const }] })),
    ] }] }] : [],
    issuer: government(f), date: f.on.get('publish') ?? null, meta: { subject: f.title, keywords: f.ref },
  });
};

/** A decision's documents: each available once its step is on record. */
export const decisionDocuments: Record<DecisionDocumentKind, CaseDocumentDef<DecisionFile>> = {
  legal_opinion: { title: () => '合法性审查意见书', personalData: false, unavailable: (f) => (f.steps.legal_opinion ? null : 'no_legal_opinion'), render: renderOpinion },
  minutes: { title: () => '会议纪要', personalData: false, unavailable: (f) => (f.steps.decide ? null : 'not_decided'), render: renderMinutes },
  decision: { title: () => '决策文件', personalData: false, unavailable: (f) => (f.steps.publish ? null : 'not_published'), render: renderDecision },
};
