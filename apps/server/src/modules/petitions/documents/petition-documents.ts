import type { PetitionDocumentKind } from '@fazhi/contracts';
import type { CaseDocumentDef } from '../../../platform/documents/case-document.ts';
import { renderOfficialDocument } from '../../../platform/documents/official-document.ts';
import type { Block } from '../../../platform/documents/blocks.ts';
import { chineseDate } from '../../../platform/documents/chinese-text.ts';
import { litigationRoutes } from '../petitions.workflow.ts';
import type { PetitionFile } from './petition-file.ts';

const issuerOf = (f: PetitionFile): string => `${f.township}人民政府`;
const addressee = (f: PetitionFile): string => f.petitioners.join('、');
const received = (f: PetitionFile): string => `${chineseDate(f.receivedOn)}${f.data.channel ? `以${f.data.channel === '转送交办' ? '上级转送、交办' : f.data.channel}形式` : ''}`;

/** 送达回执: the proof of delivery goes back on file with the case (送达). */
const receipt = (f: PetitionFile, title: string) => ({ title: '送达回执', blocks: [{ kind: 'table', size: 'body', columns: [2, 3], rows: [
  { cells: [{ text: '送达文书', label: true }, { text: `${title}（${f.ref}）` }], minLines: 2 },
  ...f.petitioners.map((n) => ({ cells: [{ text: '受送达人（信访人）', label: true }, { text: `${n}　　签收：` }], minLines: 2 })),
  { cells: [{ text: '送达方式', label: true }, { text: '' }], minLines: 2 },
  { cells: [{ text: '送达日期', label: true }, { text: '　　　　年　　月　　日' }], minLines: 2 },
  { cells: [{ text: '送达人', label: true }, { text: '' }], minLines: 2 },
] }] as Block[] });

/** 受理告知书 (信访工作条例 第二十三条): received, accepted, how and by when it will be handled. */
const renderAcceptance = (f: PetitionFile): Promise<Buffer> => {
  const on = f.on.get('accept') ?? null;
  return renderOfficialDocument({
    title: '信访事项受理告知书', number: `编号：${f.ref}`, addressee: addressee(f),
    sections: [
      { kind: 'paragraph', text: `你${f.petitioners.length > 1 ? '们' : ''}于${received(f)}提出的信访事项（${f.title}）收悉。` },
      ...(f.data.request ? [{ kind: 'paragraph' as const, text: `你的信访请求是：${f.data.request}` }] : []),
      { kind: 'paragraph', text: `经审查，该事项属于本机关职权范围，根据《信访工作条例》第二十三条、第三十一条的规定，本机关决定予以受理${on ? `（受理日期：${chineseDate(on)}）` : ''}。` },
      { kind: 'paragraph', text: '根据《信访工作条例》第三十四条的规定，本机关将自受理之日起60日内办结并出具信访处理意见书；情况复杂的，经本机关负责人批准，可以适当延长办理期限，但延长期限不超过30日，并告知你延期理由。' },
      { kind: 'paragraph', text: '你可以凭受理编号和查询码在门户网站“办件查询”查询办理进展和结果。' },
      { kind: 'paragraph', text: '特此告知。' },
    ],
    attachments: [receipt(f, '信访事项受理告知书')],
    issuer: issuerOf(f), date: on, meta: { subject: f.title, keywords: f.ref },
  });
};

/** 转送/不予受理告知书: routed to a legal procedure (第三十一条, 诉访分离 第二十八条) or not accepted (第十九条, 第三十六条). */
const renderRouting = (f: PetitionFile): Promise<Buffer> => {
  const route = f.steps.route;
  const refusal = f.steps.not_accept;
  const on = f.on.get('route') ?? f.on.get('not_accept') ?? null;
  const sections: Block[] = [{ kind: 'paragraph', text: `你${f.petitioners.length > 1 ? '们' : ''}于${received(f)}提出的信访事项（${f.title}）收悉。` }];
  if (route) {
    const litigation = route.route ? litigationRoutes.includes(route.route) : false;
    sections.push(
      { kind: 'paragraph', text: `经审查，你反映的事项依法应当通过${route.route ?? '法定'}途径解决。根据《信访工作条例》第三十一条${litigation ? '、第二十八条（诉讼与信访分离）' : ''}的规定，本机关不作为信访事项受理，请你依法向${route.routedTo ?? '有权处理的机关'}提出。` },
      ...(route.notice ? [{ kind: 'paragraph' as const, text: route.notice }] : []),
      { kind: 'paragraph', text: '请注意有关法律规定的时效和期限。' },
    );
  } else if (refusal) {
    sections.push(
      { kind: 'paragraph', text: `经审查，本机关决定不予受理。理由：${refusal.ground ?? ''}。${refusal.reason ?? ''}` },
      { kind: 'paragraph', text: '依据：《信访工作条例》第十九条、第二十三条、第三十六条。' },
    );
  }
  sections.push({ kind: 'paragraph', text: '特此告知。' });
  return renderOfficialDocument({
    title: route ? '信访事项转送（导入法定途径）告知书' : '信访事项不予受理告知书', number: `编号：${f.ref}`, addressee: addressee(f), sections,
    attachments: [receipt(f, route ? '信访事项转送告知书' : '信访事项不予受理告知书')],
    issuer: issuerOf(f), date: on, meta: { subject: f.title, keywords: f.ref },
  });
};

/** 延期告知书 (第三十四条): the extension approved by the head, its reasons and the new limit. */
const renderExtension = (f: PetitionFile): Promise<Buffer> => {
  const ext = f.handling?.extensions ?? [];
  const days = ext.reduce((n, e) => n + e.length, 0);
  const last = ext[ext.length - 1];
  return renderOfficialDocument({
    title: '信访事项延期办理告知书', number: `编号：${f.ref}`, addressee: addressee(f),
    sections: [
      { kind: 'paragraph', text: `你${f.petitioners.length > 1 ? '们' : ''}提出的信访事项（${f.title}），本机关已于${chineseDate(f.on.get('accept') ?? f.receivedOn)}受理。` },
      { kind: 'paragraph', text: `因${ext.map((e) => e.reason).join('；')}，情况复杂，经本机关负责人批准，根据《信访工作条例》第三十四条的规定，办理期限延长${days}日，至${chineseDate(f.handling?.due ?? '')}届满。` },
      { kind: 'paragraph', text: '特此告知。' },
    ],
    attachments: [receipt(f, '信访事项延期办理告知书')],
    issuer: issuerOf(f), date: last ? last.at.slice(0, 10) : null, meta: { subject: f.title, keywords: f.ref },
  });
};

/** 信访处理意见书 (第三十二条): the request, the facts and reasons, the decision and its legal basis; and the rights to 复查 (第三十五条). */
const renderOpinion = (f: PetitionFile): Promise<Buffer> => {
  const a = f.steps.answer ?? {};
  const on = f.on.get('answer') ?? null;
  const outcome = a.outcome === '支持' ? '予以支持' : a.outcome === '解释说明' ? '作出解释说明' : '不予支持';
  return renderOfficialDocument({
    title: '信访处理意见书', number: `编号：${f.ref}`, addressee: addressee(f),
    sections: [
      { kind: 'paragraph', text: `你${f.petitioners.length > 1 ? '们' : ''}于${received(f)}提出的信访事项，本机关已于${chineseDate(f.on.get('accept') ?? f.receivedOn)}依法受理。经调查核实，现提出处理意见如下：` },
      { kind: 'heading', level: 1, title: '信访请求' },
      { kind: 'paragraph', text: f.data.request ?? f.title },
      { kind: 'heading', level: 1, title: '查明的事实和理由' },
      { kind: 'paragraph', text: a.facts ?? '' },
      { kind: 'heading', level: 1, title: '处理意见' },
      { kind: 'paragraph', text: `${a.decision ?? ''}本机关对你的信访请求${outcome}。` },
      { kind: 'heading', level: 1, title: '法律法规依据' },
      { kind: 'paragraph', text: `${a.legalBasis ?? ''}；《信访工作条例》第三十二条。` },
      { kind: 'paragraph', text: '你如对本处理意见不服，可以自收到本意见书之日起30日内，向本机关的上一级机关请求复查（《信访工作条例》第三十五条）。' },
    ],
    attachments: [receipt(f, '信访处理意见书')],
    issuer: issuerOf(f), date: on, meta: { subject: f.title, keywords: f.ref },
  });
};

type Def = CaseDocumentDef<PetitionFile>;
/** The documents of a petition: each available once the step it records was taken. */
export const petitionDocuments: Record<PetitionDocumentKind, Def> = {
  acceptance_notice: { title: () => '信访事项受理告知书', personalData: false, unavailable: (f) => (f.steps.accept ? null : 'not_accepted'), render: renderAcceptance },
  routing_notice: {
    title: (f) => (f.steps.route ? '信访事项转送告知书' : '信访事项不予受理告知书'), personalData: false,
    unavailable: (f) => (f.steps.route || f.steps.not_accept ? null : 'not_routed'), render: renderRouting,
  },
  extension_notice: { title: () => '信访事项延期办理告知书', personalData: false, unavailable: (f) => ((f.handling?.extensions.length ?? 0) > 0 ? null : 'not_extended'), render: renderExtension },
  opinion: { title: () => '信访处理意见书', personalData: false, unavailable: (f) => (f.steps.answer ? null : 'not_answered'), render: renderOpinion },
};
