import type { ReportContent, ReportFigure, ReportFinding, ReportSectionKey } from '@fazhi/contracts';
import { taggedWords } from '../../platform/cases/search-text.ts';
import { FIGURE_FIELD, type ReportPart } from '../../platform/metrics/metrics.ts';
import { typedFigurePattern } from './annual-report.outline.ts';

/**
 * What a careful reviewer of an annual report catches, caught before one has to (issue: the
 * seed names 岩头寨镇 once, a paste from another town's report; its 二(二)4 and 二(三)3 say the
 * same thing word for word; its 四 numbers （1）, （二）, （三）): another township's name, a
 * passage repeated, numbering that breaks its sequence, and a figure typed by hand that
 * differs from the records.
 */
export type CheckContext = {
  township: string;
  /** Other townships' names in the deployment (a county's other towns). */
  otherTownships: readonly string[];
  figures: ReadonlyMap<string, ReportFigure>;
  parts: readonly ReportPart[];
};

type Place = { sectionKey: ReportSectionKey; block: number; text: string };

const placesOf = (content: ReportContent): Place[] => content.sections.flatMap((s) => [
  ...(s.heading ? [{ sectionKey: s.key, block: -1, text: s.heading }] : []),
  ...s.blocks.map((b, i) => ({ sectionKey: s.key, block: i, text: b.text })),
]);

/** Function words and verbs a place name is never made of (jieba's tags). */
const NOT_NAME = new Set(['p', 'r', 'v', 'vn', 'vd', 'd', 'ad', 'c', 'u', 'uj', 'ul', 'uz', 'ug', 'uv', 'ud', 'x', 'w', 'q', 'f', 'y', 'e', 'o', 'l', 'i']);
const CJK = /^[\u4e00-\u9fff]$/;

/**
 * Township-like names in a text: every deployment township named in it, and a name jieba does
 * not know ending in 镇 or 乡 (it splits an unknown name into single characters: 岩/头/寨/镇,
 * while 全镇, 依法治镇, 我镇 and 法治乡镇 are words or verbs it recognises).
 */
export const townshipNamesIn = (text: string, known: readonly string[]): string[] => {
  const found = new Set(known.filter((n) => n && text.includes(n)));
  const words = taggedWords(text.replace(FIGURE_FIELD, '，'));
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!w || (w.word !== '镇' && w.word !== '乡')) continue;
    let name = '';
    for (let j = i - 1; j >= 0 && name.length < 4; j--) {
      const p = words[j];
      if (!p) break;
      if (p.word.length === 1 && CJK.test(p.word) && !NOT_NAME.has(p.tag)) name = p.word + name;
      else if (name === '' && p.word.length >= 2 && (p.tag === 'ns' || p.tag === 'nz')) { name = p.word; break; }
      else break;
    }
    if (name.length >= 2) found.add(name + w.word);
  }
  return [...found];
};

const stripMarker = (t: string): string => t.replace(/^\s*([（(]?\s*[一二三四五六七八九十\d]+\s*[)）、.．]|[一二三四五六七八九十]+是)\s*/, '');
const WINDOW = 30;

/** Passages of 30 characters or more that appear in two places (or twice in one paragraph). */
const repeatedPassages = (places: readonly Place[]): ReportFinding[] => {
  const seen = new Map<string, { place: number; at: number }>();
  const hits = new Map<number, { other: number; from: number; to: number }>();
  places.forEach((p, pi) => {
    const t = stripMarker(p.text).replace(FIGURE_FIELD, '#');
    for (let at = 0; at + WINDOW <= t.length; at++) {
      const key = t.slice(at, at + WINDOW);
      const first = seen.get(key);
      if (!first) { seen.set(key, { place: pi, at }); continue; }
      if (first.place === pi && at - first.at < WINDOW) continue;
      const h = hits.get(pi);
      if (h && h.other === first.place && at <= h.to) h.to = at + WINDOW;
      else if (!h) hits.set(pi, { other: first.place, from: at, to: at + WINDOW });
    }
  });
  return [...hits.entries()].map(([pi, h]) => {
    const p = places[pi] as Place;
    const other = places[h.other] as Place;
    const excerpt = stripMarker(p.text).replace(FIGURE_FIELD, '#').slice(h.from, h.to);
    return {
      kind: 'repeated_text', sectionKey: p.sectionKey, block: p.block, excerpt,
      message: `这段文字（${excerpt.length}字）与${other.sectionKey === p.sectionKey && other.block === p.block ? '本段前文' : '报告其他段落'}重复：“${excerpt.slice(0, 24)}…”。请删去重复内容或改写。`,
    } satisfies ReportFinding;
  });
};

const NUMERALS = '一二三四五六七八九十';
const valueOf = (s: string): number => {
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '十') return 10;
  if (s.startsWith('十')) return 10 + NUMERALS.indexOf(s[1] ?? '') + 1;
  if (s.endsWith('十')) return (NUMERALS.indexOf(s[0] ?? '') + 1) * 10;
  if (s.length === 3) return (NUMERALS.indexOf(s[0] ?? '') + 1) * 10 + NUMERALS.indexOf(s[2] ?? '') + 1;
  return NUMERALS.indexOf(s) + 1;
};
/** A numbering marker at the start of a heading or paragraph: its level, style and value. */
const markerOf = (text: string): { level: 'paren' | 'dot' | 'list'; style: 'cn' | 'ar'; value: number; raw: string } | null => {
  const t = text.trim();
  let m = /^[（(]\s*([一二三四五六七八九十]+|\d+)\s*[)）]/.exec(t);
  if (m?.[1]) return { level: 'paren', style: /\d/.test(m[1]) ? 'ar' : 'cn', value: valueOf(m[1]), raw: m[0] };
  m = /^(\d+)[.．、]/.exec(t);
  if (m?.[1]) return { level: 'dot', style: 'ar', value: valueOf(m[1]), raw: m[0] };
  return null;
};

/**
 * Numbering that breaks its sequence, per section: the headings and paragraphs that start with
 * （一）/（1） or 1. must run 1, 2, 3 … in one style (GB/T 9704-2012 7.3.3: 一、（一）1.（1）).
 */
const numbering = (content: ReportContent): ReportFinding[] => {
  const out: ReportFinding[] = [];
  for (const s of content.sections) {
    const runs = new Map<string, { style: 'cn' | 'ar'; value: number }>();
    s.blocks.forEach((b, i) => {
      const m = markerOf(b.text);
      if (!m) return;
      const prev = runs.get(m.level);
      if (prev && m.style !== prev.style) {
        out.push({ kind: 'numbering', sectionKey: s.key, block: i, excerpt: m.raw, message: `序号“${m.raw}”与前面的序号写法不一致（前面用${prev.style === 'cn' ? '汉字' : '阿拉伯数字'}），同一层级的序号应统一。` });
      } else if (prev ? m.value !== prev.value + 1 : m.value !== 1) {
        out.push({ kind: 'numbering', sectionKey: s.key, block: i, excerpt: m.raw, message: `序号“${m.raw}”不连续：${prev ? `上一个是第${prev.value}项` : '应从第一项开始'}。` });
      }
      runs.set(m.level, { style: m.style, value: m.value });
    });
  }
  return out;
};

/** A number typed after a figure's words ("调解成功138起") that is not the figure the records give. */
const typedFigures = (places: readonly Place[], ctx: CheckContext): ReportFinding[] => {
  const out: ReportFinding[] = [];
  for (const part of ctx.parts) {
    for (const [code, words] of Object.entries(part.figureWords ?? {})) {
      const figure = ctx.figures.get(code);
      if (!figure || figure.unit !== 'count' || figure.value === null) continue;
      const re = typedFigurePattern(words);
      for (const p of places) {
        const typed = p.text.replace(FIGURE_FIELD, '〔〕');
        for (const m of typed.matchAll(re)) {
          if (Number(m[2]) === figure.value) continue;
          out.push({
            kind: 'typed_figure', sectionKey: p.sectionKey, block: p.block, excerpt: m[0], code, expected: figure.text,
            message: `手工填写的“${m[0]}”与系统记录不一致：${figure.label}为${figure.text}。请改为引用系统数字字段，或核实记录。`,
          });
        }
      }
    }
  }
  return out;
};

/** Every finding on a text, in the order of the outline. */
export const checkReport = (content: ReportContent, ctx: CheckContext, known: ReadonlySet<string>): ReportFinding[] => {
  const places = placesOf(content);
  // The town's own name is taken out first: jieba may split it (张/八/桥/镇) like an unknown one.
  const foreign: ReportFinding[] = places.flatMap((p) => townshipNamesIn(p.text.replaceAll(ctx.township, '，'), ctx.otherTownships)
    .filter((n) => !ctx.township.includes(n))
    .map((n): ReportFinding => ({ kind: 'foreign_township', sectionKey: p.sectionKey, block: p.block, excerpt: n, message: `文中出现“${n}”，不是本乡镇（${ctx.township}）的名称，可能是从其他乡镇的报告中复制的，请核实。` })));
  const unknown: ReportFinding[] = places.flatMap((p) => [...p.text.matchAll(FIGURE_FIELD)].filter((m) => !known.has(m[1] ?? ''))
    .map((m): ReportFinding => ({ kind: 'unknown_figure', sectionKey: p.sectionKey, block: p.block, excerpt: m[0], message: `数字字段${m[0]}在指标目录中不存在，请删除或更换。` })));
  return [...foreign, ...repeatedPassages(places), ...numbering(content), ...typedFigures(places, ctx), ...unknown];
};
