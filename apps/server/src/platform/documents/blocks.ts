import {
  AlignmentType, BorderStyle, HeightRule, LineRuleType, PageReference, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun,
  VerticalAlignTable, WidthType, type IBorderOptions,
} from 'docx';
import { chineseNumber } from './chinese-text.ts';
import { CHAR_TWIPS, FONT, LINE_PITCH_TWIPS, SIZE, TEXT_WIDTH_TWIPS, type FontName } from './gb9704.ts';

/** A piece of text in one of the standard's fonts; `underline` draws the blank of a form. */
export type Run = { text: string; font?: keyof typeof FONT; underline?: boolean };
export type Align = 'left' | 'center' | 'right' | 'justify';
/** `pageOf`: the page a bookmark (a dossier's document) starts on, as a PAGEREF field Word and LibreOffice fill in. */
export type TableCellSpec = { text: string | readonly string[]; span?: number; label?: boolean; align?: Align; pageOf?: string };
export type TableRowSpec = { cells: readonly TableCellSpec[]; minLines?: number };
export type TableSpec = { columns: readonly number[]; rows: readonly TableRowSpec[]; size?: 'body' | 'small' };
/** One signer: the label printed, and the name when the signature is already on record. */
export type SignatureEntry = { label: string; name?: string; note?: string };

/**
 * The content of a document. Headings are numbered here, in the standard's sequence
 * (GB/T 9704-2012 7.3.3: 一、 → （一） → 1. → （1）), so a document cannot break it.
 */
export type Block =
  | { kind: 'paragraph'; text: string | readonly Run[]; indent?: boolean; align?: Align }
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; title: string; text?: string }
  /** A further title inside one file (e.g. the second session's record, after a page break). */
  | { kind: 'title'; text: string | readonly string[] }
  | ({ kind: 'table' } & TableSpec)
  | { kind: 'signatures'; entries: readonly SignatureEntry[] }
  | { kind: 'blank'; lines?: number }
  | { kind: 'pageBreak' };

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT, justify: AlignmentType.JUSTIFIED } as const;

/** A font for every character set, so Word and LibreOffice use it for Chinese text too (w:eastAsia). */
export const fontOf = (name: FontName) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name, hint: 'eastAsia' });

export type RunStyle = { font?: FontName; size?: number; underline?: boolean };
/** A run of text; the 28-a-line condensing comes from the document defaults (gb9704.ts). */
export const textRun = (text: string, s: RunStyle = {}): TextRun => new TextRun({
  text, font: fontOf(s.font ?? FONT.body), size: s.size ?? SIZE.body, language: { eastAsia: 'zh-CN' },
  ...(s.underline ? { underline: {} } : {}),
});

const exact = (line: number) => ({ line, lineRule: LineRuleType.EXACT, before: 0, after: 0 });
/** "空二字": the first line of every body paragraph and heading starts two characters in. */
const TWO_CHARS = { firstLineChars: 200, firstLine: Math.round(2 * CHAR_TWIPS) };

export const bodyParagraph = (runs: readonly TextRun[], opts: { indent?: boolean; align?: Align; pageBreakBefore?: boolean } = {}): Paragraph => new Paragraph({
  children: [...runs], spacing: exact(LINE_PITCH_TWIPS), alignment: ALIGN[opts.align ?? 'justify'],
  ...(opts.indent === false ? {} : { indent: TWO_CHARS }), ...(opts.pageBreakBefore ? { pageBreakBefore: true } : {}),
});

export const blankLine = (): Paragraph => new Paragraph({ children: [], spacing: exact(LINE_PITCH_TWIPS) });

/** The title: 2号 小标宋, centred, each given line a line of its own (7.2: 梯形或菱形). */
export const titleParagraphs = (title: string | readonly string[], pageBreakBefore = false): Paragraph[] =>
  (typeof title === 'string' ? [title] : title).map((line, i) => new Paragraph({
    children: [textRun(line, { font: FONT.title, size: SIZE.title })], alignment: AlignmentType.CENTER, spacing: exact(LINE_PITCH_TWIPS),
    keepNext: true, ...(pageBreakBefore && i === 0 ? { pageBreakBefore: true } : {}),
  }));

const runsOf = (text: string | readonly Run[]): TextRun[] =>
  (typeof text === 'string' ? [{ text }] : text).map((r) => textRun(r.text, { font: FONT[r.font ?? 'body'], underline: r.underline }));

const line = (size: 'body' | 'small'): number => (size === 'body' ? LINE_PITCH_TWIPS : 400);
const border = (size: number): IBorderOptions => ({ style: BorderStyle.SINGLE, size, color: '000000' });

/** A bordered table across the text block: forms (登记表) and tables in a document. */
export const renderTable = (spec: TableSpec): Table => {
  const size = spec.size ?? 'small';
  const total = spec.columns.reduce((a, b) => a + b, 0);
  const widths = spec.columns.map((c) => Math.floor((c / total) * TEXT_WIDTH_TWIPS));
  const fontSize = size === 'body' ? SIZE.body : SIZE.small;
  return new Table({
    width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED,
    borders: { top: border(8), bottom: border(8), left: border(8), right: border(8), insideHorizontal: border(4), insideVertical: border(4) },
    rows: spec.rows.map((row) => {
      let col = 0;
      return new TableRow({
        cantSplit: true,
        height: { value: (row.minLines ?? 1) * line(size) + 120, rule: HeightRule.ATLEAST },
        children: row.cells.map((cell) => {
          const span = cell.span ?? 1;
          const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
          col += span;
          const lines = typeof cell.text === 'string' ? [cell.text] : cell.text;
          return new TableCell({
            columnSpan: span, width: { size: width, type: WidthType.DXA }, verticalAlign: VerticalAlignTable.CENTER,
            margins: { top: 60, bottom: 60, left: 100, right: 100 },
            children: lines.map((t) => new Paragraph({
              children: cell.pageOf
                ? [new TextRun({ children: [new PageReference(cell.pageOf)], font: fontOf(FONT.body), size: fontSize })]
                : [textRun(t, { size: fontSize, font: cell.label ? FONT.heading1 : FONT.body })],
              alignment: ALIGN[cell.align ?? (cell.label ? 'center' : 'left')], spacing: exact(line(size)),
            })),
          });
        }),
      });
    }),
  });
};

/**
 * Signature lines: a label and a blank to sign on (or the name already signed, with its
 * time), each followed by a line of room for the hand. Kept together on one page.
 */
const signatureParagraphs = (entries: readonly SignatureEntry[], pageBreakBefore: boolean): Paragraph[] => entries.flatMap((e, i) => {
  const runs = [textRun(`${e.label}：`), e.name ? textRun(e.name) : textRun('\u3000'.repeat(8), { underline: true })];
  if (e.note) runs.push(textRun(e.note));
  const p = new Paragraph({
    children: runs, spacing: exact(LINE_PITCH_TWIPS), indent: TWO_CHARS, keepNext: i < entries.length - 1, keepLines: true,
    ...(pageBreakBefore && i === 0 ? { pageBreakBefore: true } : {}),
  });
  return i < entries.length - 1 ? [p, new Paragraph({ children: [], spacing: exact(LINE_PITCH_TWIPS), keepNext: true })] : [p];
});

/** Renders the blocks in order, numbering the headings. */
export const renderBlocks = (blocks: readonly Block[]): (Paragraph | Table)[] => {
  const counters = [0, 0, 0, 0];
  const out: (Paragraph | Table)[] = [];
  // A page break is carried by the next paragraph (no empty line at the top of the new page).
  let breakNext = false;
  const takeBreak = (): boolean => {
    const b = breakNext;
    breakNext = false;
    return b;
  };
  for (const b of blocks) {
    switch (b.kind) {
      case 'paragraph':
        out.push(bodyParagraph(runsOf(b.text), { indent: b.indent, align: b.align, pageBreakBefore: takeBreak() }));
        break;
      case 'heading': {
        const n = (counters[b.level - 1] ?? 0) + 1;
        counters[b.level - 1] = n;
        for (let l = b.level; l < counters.length; l++) counters[l] = 0;
        const number = [`${chineseNumber(n)}、`, `（${chineseNumber(n)}）`, `${n}.`, `（${n}）`][b.level - 1] ?? '';
        const font = b.level === 1 ? FONT.heading1 : b.level === 2 ? FONT.heading2 : FONT.body;
        const runs = [textRun(`${number}${b.title}`, { font })];
        if (b.text) runs.push(textRun(b.text));
        out.push(new Paragraph({
          children: runs, spacing: exact(LINE_PITCH_TWIPS), indent: TWO_CHARS, alignment: AlignmentType.JUSTIFIED, keepNext: !b.text,
          ...(takeBreak() ? { pageBreakBefore: true } : {}),
        }));
        break;
      }
      case 'title':
        out.push(...titleParagraphs(b.text, takeBreak()), blankLine());
        break;
      case 'table':
        if (takeBreak()) out.push(new Paragraph({ children: [], pageBreakBefore: true, spacing: exact(LINE_PITCH_TWIPS) }));
        out.push(renderTable(b));
        break;
      case 'signatures':
        out.push(...signatureParagraphs(b.entries, takeBreak()));
        break;
      case 'blank':
        for (let i = 0; i < (b.lines ?? 1); i++) out.push(new Paragraph({ children: [], spacing: exact(LINE_PITCH_TWIPS), ...(takeBreak() ? { pageBreakBefore: true } : {}) }));
        break;
      case 'pageBreak':
        breakNext = true;
        break;
      default: {
        const never: never = b;
        throw new Error(`unknown block ${JSON.stringify(never)}`);
      }
    }
  }
  return out;
};
