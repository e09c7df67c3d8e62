import { AlignmentType, Document, DocumentGridType, Footer, LineRuleType, Packer, PageNumber, PageOrientation, Paragraph, TextRun, type Table } from 'docx';
import { fontOf } from './blocks.ts';
import {
  CHAR_SPACING_TWIPS, FONT, FOOTER_DISTANCE_TWIPS, FOOTER_LINE_TWIPS, LINE_PITCH_TWIPS, MARGIN_TWIPS, mmToTwips, PAGE_NUMBER_INSET_TWIPS, PAGE_TWIPS, SIZE,
} from './gb9704.ts';

export type DocumentMeta = { title: string; subject?: string; description?: string; keywords?: string };

/**
 * The page number of GB/T 9704-2012 7.5: "— 1 —" in 4号 半角宋体, odd pages at the right and
 * even pages at the left, one character in from the edge of the text block.
 */
const pageNumberFooter = (side: 'odd' | 'even'): Footer => {
  const run = { font: fontOf(FONT.pageNumber), size: SIZE.pageNumber, language: { eastAsia: 'zh-CN' } };
  return new Footer({
    children: [new Paragraph({
      alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
      indent: side === 'odd' ? { right: PAGE_NUMBER_INSET_TWIPS } : { left: PAGE_NUMBER_INSET_TWIPS },
      spacing: { line: FOOTER_LINE_TWIPS, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      children: [new TextRun({ ...run, children: ['— ', PageNumber.CURRENT, ' —'] })],
    })],
  });
};

/**
 * Packs content into a .docx on the standard's page: A4, the margins giving a 156 × 225 mm
 * text block, fixed line spacing giving 22 lines a page, body text condensed to 28
 * characters a line, 仿宋_GB2312 3号 as the default text,
 * and the page numbers. Word substitutes fonts it lacks; LibreOffice uses the CJK fonts it has.
 */
export const packDocument = (meta: DocumentMeta, children: readonly (Paragraph | Table)[], opts: { pageNumbers?: boolean } = {}): Promise<Buffer> =>
  packSections(meta, [{ children, pageNumbers: opts.pageNumbers ?? true }]);

/** One part of a document on its own run of pages: a dossier's cover and contents go unnumbered, its documents numbered from 1. */
export type DocumentSection = { children: readonly (Paragraph | Table)[]; pageNumbers: boolean };

/** As packDocument, for several sections, each starting on a new page; numbering restarts at 1 in the first numbered one and runs on. */
export const packSections = async (meta: DocumentMeta, sections: readonly DocumentSection[]): Promise<Buffer> => {
  const firstNumbered = sections.findIndex((x) => x.pageNumbers);
  const doc = new Document({
    title: meta.title, subject: meta.subject, description: meta.description, keywords: meta.keywords,
    creator: '法治 Fazhi', lastModifiedBy: '法治 Fazhi',
    evenAndOddHeaderAndFooters: firstNumbered >= 0,
    styles: {
      default: {
        document: {
          // Latin text (digits of a phone number) as en-US: a Chinese line-break rule would split it.
          run: { font: fontOf(FONT.body), size: SIZE.body, characterSpacing: CHAR_SPACING_TWIPS, language: { value: 'en-US', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { line: LINE_PITCH_TWIPS, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
        },
      },
    },
    sections: sections.map((section, i) => ({
      properties: {
        page: {
          size: { width: PAGE_TWIPS.width, height: PAGE_TWIPS.height, orientation: PageOrientation.PORTRAIT },
          margin: {
            top: MARGIN_TWIPS.top, bottom: MARGIN_TWIPS.bottom, left: MARGIN_TWIPS.left, right: MARGIN_TWIPS.right,
            header: mmToTwips(15), footer: FOOTER_DISTANCE_TWIPS, gutter: 0,
          },
          ...(i === firstNumbered ? { pageNumbers: { start: 1 } } : {}),
        },
        // No snapping grid: LibreOffice would give the 22 pt title two grid lines. Every paragraph
        // has the fixed 579-twip spacing instead, which is what gives 22 lines a page.
        grid: { type: DocumentGridType.DEFAULT, linePitch: LINE_PITCH_TWIPS },
      },
      footers: section.pageNumbers ? { default: pageNumberFooter('odd'), even: pageNumberFooter('even') } : { default: new Footer({ children: [] }), even: new Footer({ children: [] }) },
      children: [...section.children],
    })),
  });
  return Packer.toBuffer(doc);
};
