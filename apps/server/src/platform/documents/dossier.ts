import { AlignmentType, Bookmark, LineRuleType, Paragraph, type Table } from 'docx';
import { blankLine, renderBlocks, renderTable, textRun, titleParagraphs, type TableRowSpec } from './blocks.ts';
import { FONT } from './gb9704.ts';
import { packSections, type DocumentMeta } from './docx-package.ts';
import { documentPartChildren, type DocumentPart } from './official-document.ts';

/** One document of a case file (卷内文件), in the order it is filed. */
export type DossierEntry = {
  /** Its name in the 卷内目录. */
  title: string;
  /** The day it was made or signed (ISO), or null. */
  date: string | null;
  /** The document itself; absent for a paper item kept in the paper file only (listed, not printed). */
  part: DocumentPart | null;
  /** 备注 in the contents: e.g. "另附纸质原件". */
  note?: string;
};

export type DossierSpec = {
  /** 卷皮: the heading (e.g. 人民调解卷宗) and its lines (卷名, 卷号, …), in order. */
  cover: { heading: string; lines: readonly (readonly [label: string, value: string])[] };
  entries: readonly DossierEntry[];
  meta?: Omit<DocumentMeta, 'title'>;
};

const anchorOf = (i: number): string => `fazhi_doc_${i + 1}`;

/**
 * A whole case file (卷宗) as one Word document: the cover and the contents (卷内目录) on
 * unnumbered pages, then every document, each starting on a new page, the pages numbered
 * from 1 through the whole file. The contents give each document's first page as a page
 * reference to a bookmark at its start, so Word and LibreOffice print the page it really
 * lands on (no counting by guess). Paper-only items are listed with a note and no page.
 */
export const renderDossier = (spec: DossierSpec): Promise<Buffer> => {
  const printed = spec.entries.map((e, i) => ({ ...e, anchor: e.part ? anchorOf(i) : null }));
  const cover = [
    blankLine(), blankLine(), blankLine(),
    ...titleParagraphs(spec.cover.heading), blankLine(), blankLine(), blankLine(),
    ...spec.cover.lines.map(([label, value]) => new Paragraph({
      children: [textRun(`${label}：`, { font: FONT.heading1 }), textRun(value || '\u3000'.repeat(10), { underline: true })],
      indent: { left: 960 }, spacing: { line: 720, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    })),
  ];
  const rows: TableRowSpec[] = [
    { cells: [{ text: '序号', label: true }, { text: '文件题名', label: true }, { text: '日期', label: true }, { text: '页号', label: true }, { text: '备注', label: true }] },
    ...printed.map((e, i): TableRowSpec => ({ cells: [
      { text: String(i + 1), align: 'center' }, { text: e.title }, { text: e.date ? e.date.replaceAll('-', '.') : '', align: 'center' },
      e.anchor ? { text: '', pageOf: e.anchor, align: 'center' } : { text: '—', align: 'center' }, { text: e.note ?? '' },
    ] })),
  ];
  const contents = [
    new Paragraph({ children: [], pageBreakBefore: true }),
    ...titleParagraphs('卷内目录'), blankLine(),
    renderTable({ columns: [1000, 3700, 1800, 1000, 1500], rows, size: 'small' }),
  ];
  const firstPrinted = printed.findIndex((e) => e.anchor !== null);
  const documents: (Paragraph | Table)[] = printed.flatMap((e, i) => {
    if (!e.part || !e.anchor) return [];
    // A one-point line holding the bookmark: the document's first page, without shifting its layout.
    const anchor = new Paragraph({
      children: [new Bookmark({ id: e.anchor, children: [textRun('', { size: 2 })] })],
      spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, ...(i > firstPrinted ? { pageBreakBefore: true } : {}),
      alignment: AlignmentType.LEFT,
    });
    return [anchor, ...documentPartChildren(e.part)];
  });
  return packSections({ title: spec.cover.heading, ...spec.meta }, [
    { children: [...cover, ...contents], pageNumbers: false },
    { children: documents.length > 0 ? documents : renderBlocks([{ kind: 'paragraph', text: '（无）' }]), pageNumbers: true },
  ]);
};

