import type { ReportBlock, ReportContent, ReportHint, ReportSection, ReportSectionKey } from '@fazhi/contracts';
import { chineseNumber } from '../../platform/documents/chinese-text.ts';
import { reportAreas, type ReportArea, type ReportPart } from '../../platform/metrics/metrics.ts';

/**
 * The statutory outline of the annual report (法治政府建设与责任落实督察工作规定, 2019;
 * LAW.md "The annual report"), in the seed's order: how the principal leaders performed their
 * duties as first responsible persons; measures and results; shortcomings, their causes and
 * fixes; next year's plan; other matters when there are any.
 */
export const outline: readonly { key: ReportSectionKey; heading: string }[] = [
  { key: 'preface', heading: '' },
  { key: 'duties', heading: '一、党政主要负责人履行推进法治建设第一责任人职责情况' },
  { key: 'measures', heading: '二、推进法治政府建设的主要举措和成效' },
  { key: 'shortcomings', heading: '三、推进法治政府建设存在的不足和原因' },
  { key: 'plans', heading: '四、下一年度推进法治政府建设的主要安排' },
];

/** The areas of 二 (主要举措和成效), each the work the platform's modules record, and what to write when none does. */
export const areaLabels: Record<ReportArea, string> = {
  government: '依法全面履行政府职能',
  decisions: '重大行政决策',
  enforcement: '行政执法',
  transparency: '政务公开',
  supervision: '行政权力制约和监督',
  disputes: '矛盾纠纷化解',
  petitions: '信访和群众诉求办理',
  education: '普法和法治宣传教育',
};

export const reportTitle = (year: number): string => `关于${year}年法治政府建设情况的报告`;

const paragraph = (text: string): ReportBlock => ({ kind: 'paragraph', text });
const heading = (text: string): ReportBlock => ({ kind: 'heading', text });

/**
 * The first draft of a township's report: the outline, and under 二 one heading per module part
 * in use that year, with its sentences and their figures as live fields. A part whose module
 * had no records that year, and an area no module records, get no text (nothing is invented):
 * the editor is told (hints) and writes it by hand or leaves it out.
 */
export const draftContent = (year: number, township: string, parts: readonly ReportPart[], inUse: ReadonlySet<string>): ReportContent => {
  const used = reportAreas.flatMap((a) => parts.filter((p) => p.area === a && inUse.has(p.key)));
  const measures: ReportBlock[] = used.flatMap((p, i) => [heading(`（${chineseNumber(i + 1)}）${p.heading.zh}`), paragraph(p.sentences.join(''))]);
  // 一: the parts that record the leaders' own work (the leadership group's meetings, their law study), one paragraph.
  const duties = parts.filter((p) => p.area === 'duties' && inUse.has(p.key));
  const sections: ReportSection[] = outline.map((o) => ({
    key: o.key, heading: o.heading,
    blocks: o.key === 'preface' ? [paragraph(`${year}年以来，${township}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，认真落实上级关于法治政府建设的决策部署，现将本年度法治政府建设情况报告如下。`)]
      : o.key === 'measures' ? measures
        : o.key === 'duties' && duties.length > 0 ? [paragraph(duties.flatMap((p) => p.sentences).join(''))] : [],
  }));
  return { title: reportTitle(year), sections };
};

/** What the editor is told about 二 before writing: parts left out for want of records, areas no module records. */
export const draftHints = (parts: readonly ReportPart[], inUse: ReadonlySet<string>, labels: ReadonlyMap<string, string>): ReportHint[] => {
  const hints: ReportHint[] = [];
  for (const p of parts) {
    if (!inUse.has(p.key)) hints.push({ sectionKey: 'measures', message: `“${labels.get(p.key) ?? p.heading.zh}”本年度在系统中没有记录，未生成数字；如有此项工作，请据实撰写，否则不写。` });
  }
  for (const a of reportAreas) {
    if (!parts.some((p) => p.area === a)) hints.push({ sectionKey: 'measures', message: `“${areaLabels[a]}”尚无系统记录可引用，请据实撰写，系统不代填数字。` });
  }
  for (const key of ['duties', 'shortcomings', 'plans'] as const) {
    const figures = key === 'duties' && parts.some((p) => p.area === 'duties' && inUse.has(p.key));
    hints.push({ sectionKey: key, message: `${outline.find((o) => o.key === key)?.heading ?? ''}：${figures ? '已按系统记录写入会议和学法次数，其余' : ''}由起草人据实撰写。` });
  }
  return hints;
};

const SECTION_HEAD = /^\s*([一二三四五六七八九十]+)、/;
const keyOfHeading = (text: string): ReportSectionKey => {
  if (/第一责任人|主要负责人|履行/.test(text)) return 'duties';
  if (/举措|成效|主要做法/.test(text)) return 'measures';
  if (/不足|问题|原因/.test(text)) return 'shortcomings';
  if (/安排|计划|打算|思路/.test(text)) return 'plans';
  return 'other';
};
/** A sub-heading: a line that starts with a numbering marker and is short, or whose first sentence is its title ("（一）勠力齐心，推进建设法治政府。…"). */
const SUBHEAD = /^\s*[（(]\s*[一二三四五六七八九十\d]+\s*[)）]/;

/**
 * Text pasted from an existing report (Word copied as plain text, one paragraph a line) as
 * the report's sections: the title line, the opening, and each 一、… section with its
 * paragraphs. Figures stay as typed; the checks compare them with the records.
 */
export const importText = (text: string, year: number): ReportContent => {
  const lines = text.split(/\r?\n/).map((l) => l.replace(/\[bookmark:[^\]]*\]/g, '').trim()).filter((l) => l.length > 0);
  let title = reportTitle(year);
  if (lines[0] && /报告$/.test(lines[0]) && lines[0].length <= 60) title = lines.shift() ?? title;
  const sections: ReportSection[] = [{ key: 'preface', heading: '', blocks: [] }];
  for (const line of lines) {
    if (SECTION_HEAD.test(line) && line.length <= 60) {
      sections.push({ key: keyOfHeading(line), heading: line, blocks: [] });
      continue;
    }
    const current = sections[sections.length - 1];
    if (!current) continue;
    current.blocks.push(SUBHEAD.test(line) && line.length <= 40 ? heading(line) : paragraph(line));
  }
  return { title, sections: sections.filter((s) => s.key !== 'preface' || s.blocks.length > 0).slice(0, 10) };
};

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A count typed after one of a figure's words: "调解成功138起", "受理、调解纠纷共143起" (group 1 the words, group 2 the number). */
export const typedFigurePattern = (words: readonly string[]): RegExp => new RegExp(`((?:${words.map(escape).join('|')})(?:共|达|了|为)?)(\\d+)(?=[起件宗次个])`, 'g');

/**
 * Figures typed in an imported text that equal the records become live fields ("调解成功138起"
 * → "调解成功{{mediation.resolved}}起"); a typed figure that differs stays as typed, for the
 * checks to flag. Only counts after a part's own words are recognised.
 */
export const liveFieldsFromTyped = (content: ReportContent, parts: readonly ReportPart[], values: ReadonlyMap<string, number | null>): ReportContent => {
  const rules = parts.flatMap((p) => Object.entries(p.figureWords ?? {}).map(([code, words]) => ({
    code, value: values.get(code), re: typedFigurePattern(words),
  })));
  const convert = (text: string): string => rules.reduce((t, r) => (r.value === undefined || r.value === null ? t
    : t.replace(r.re, (all, lead: string, n: string) => (Number(n) === r.value ? `${lead}{{${r.code}}}` : all))), text);
  return { ...content, sections: content.sections.map((s) => ({ ...s, blocks: s.blocks.map((b) => ({ ...b, text: convert(b.text) })) })) };
};

const MARKED = /^\s*[（(]\s*([一二三四五六七八九十]+|\d+)\s*[)）]/;

/**
 * A pasted text completed with the parts of the modules in use that it does not speak of
 * (none of their figures appear in it): each added under 二 after the text's own headings,
 * numbered on from them, with its figures as live fields. What the office wrote stays as it was.
 */
export const withMissingParts = (content: ReportContent, parts: readonly ReportPart[], inUse: ReadonlySet<string>): ReportContent => {
  const text = JSON.stringify(content);
  const missing = reportAreas.flatMap((a) => parts.filter((p) => p.area === a && inUse.has(p.key)))
    .filter((p) => !Object.keys(p.figureWords ?? {}).concat(p.sentences.flatMap((x) => [...x.matchAll(/\{\{([^}]+)\}\}/g)].map((m) => m[1] ?? ''))).some((code) => text.includes(`{{${code}}}`)));
  if (missing.length === 0) return content;
  const sections = content.sections.some((x) => x.key === 'measures') ? content.sections
    : [...content.sections, { key: 'measures' as const, heading: outline.find((o) => o.key === 'measures')?.heading ?? '', blocks: [] }];
  return {
    ...content,
    sections: sections.map((x) => {
      if (x.key !== 'measures') return x;
      const numbered = x.blocks.filter((b) => MARKED.test(b.text)).length;
      return { ...x, blocks: [...x.blocks, ...missing.flatMap((p, i) => [heading(`（${chineseNumber(numbered + i + 1)}）${p.heading.zh}`), paragraph(p.sentences.join(''))])] };
    }),
  };
};
