import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * Chinese word segmentation for full-text search: PostgreSQL's `simple` configuration
 * indexes the space-separated words jieba finds. The domain dictionary keeps the terms
 * clerks search by in one piece (宅基地, 占道经营, 土地承包 …).
 */
const domainWords = [
  '宅基地', '占道经营', '土地承包', '土地流转', '邻里纠纷', '婚姻家庭', '赡养', '抚养', '继承', '山林土地', '征地拆迁', '拆迁补偿',
  '环境污染', '劳动争议', '拖欠工资', '欠薪', '农民工工资', '消费纠纷', '医疗纠纷', '交通事故', '道路交通事故', '物业纠纷', '村务管理',
  '损害赔偿', '合同纠纷', '生产经营', '人民调解', '调解协议', '司法确认', '信访事项', '依申请公开', '政府信息公开', '行政执法',
  '行政处罚', '网格员', '网格长', '综治中心', '司法所', '法律援助', '法律明白人', '安置帮教', '流动人口', '三调联动', '一村一法律顾问',
];

let instance: Jieba | null = null;
const jieba = (): Jieba => {
  if (!instance) {
    instance = Jieba.withDict(dict);
    instance.loadDict(Buffer.from(domainWords.map((w) => `${w} 100000 n`).join('\n')));
  }
  return instance;
};

/**
 * Loads the dictionaries now (235 ms on the bench machine), so that the first search or case
 * after a start does not wait for them (server.ts, before it listens).
 */
export const loadSegmenter = (): void => { jieba(); };

const PUNCT = /^[\s\p{P}\p{S}]+$/u;

/** Words with their parts of speech (jieba's tags: n, v, p, ns …), e.g. to find place names in a report. */
export const taggedWords = (text: string): { word: string; tag: string }[] => jieba().tag(text);

/** Words for the index: search mode also emits the parts of long words (宅基地 → 宅基, 基地). */
export const segmentForIndex = (text: string): string =>
  jieba().cutForSearch(text.toLowerCase(), true).filter((w) => !PUNCT.test(w)).join(' ');

/**
 * A case's words for the index (`cases.search_text`): its title, body, category, the parties'
 * names and the text fields of its data the type declares searchable, segmented.
 */
export const caseIndexText = (c: { title: string; body?: string | null; category?: string | null; parties?: readonly { name: string }[]; data?: unknown },
  searchFields: readonly string[] = []): string => {
  const data = typeof c.data === 'object' && c.data !== null ? (c.data as Record<string, unknown>) : {};
  const extra = searchFields.map((f) => data[f]).filter((v): v is string => typeof v === 'string');
  return segmentForIndex([c.title, c.body ?? '', c.category ?? '', ...(c.parties ?? []).map((p) => p.name), ...extra].join(' '));
};

/** Words of a query, each of which must match. */
export const queryTerms = (q: string): string[] =>
  [...new Set(jieba().cut(q.toLowerCase(), true).map((w) => w.trim()).filter((w) => w && !PUNCT.test(w)))];

export type Snippet = { text: string; marks: [number, number][] };

/** A short excerpt around the first hit, with the positions of every term in it (no HTML). */
export const snippetOf = (text: string, terms: string[], width = 60): Snippet => {
  const lower = text.toLowerCase();
  const first = terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0).sort((a, b) => a - b)[0] ?? 0;
  const start = Math.max(0, first - Math.floor(width / 3));
  const slice = text.slice(start, start + width);
  const sliceLower = slice.toLowerCase();
  const marks: [number, number][] = [];
  for (const t of terms) {
    for (let i = sliceLower.indexOf(t); i >= 0; i = sliceLower.indexOf(t, i + t.length)) marks.push([i, i + t.length]);
  }
  marks.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const m of marks) {
    const last = merged[merged.length - 1];
    if (last && m[0] <= last[1]) last[1] = Math.max(last[1], m[1]);
    else merged.push([m[0], m[1]]);
  }
  return { text: `${start > 0 ? '…' : ''}${slice}${start + width < text.length ? '…' : ''}`, marks: merged.map(([a, b]) => [a + (start > 0 ? 1 : 0), b + (start > 0 ? 1 : 0)]) };
};
