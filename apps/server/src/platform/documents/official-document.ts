import { AlignmentType, Paragraph, Tab, TabStopType, TextRun, type Table } from 'docx';
import { blankLine, bodyParagraph, renderBlocks, renderTable, textRun, titleParagraphs, type Block, type TableRowSpec } from './blocks.ts';
import { chineseDate, displayWidth } from './chinese-text.ts';
import { CHAR_TWIPS, FONT, LINE_PITCH_TWIPS, SIZE, TEXT_WIDTH_TWIPS } from './gb9704.ts';
import { packDocument, type DocumentMeta } from './docx-package.ts';

export type Attachment = { title: string; blocks: readonly Block[] };

export type OfficialDocumentSpec = {
  /** One string, or the lines of a title that runs over several lines. */
  title: string | readonly string[];
  /** A line under the title, e.g. the document's number (编号：…), right-aligned. */
  number?: string;
  /** The addressee line (主送机关 / the parties told), flush left, before the body. */
  addressee?: string;
  sections: readonly Block[];
  attachments?: readonly Attachment[];
  /** 发文机关署名 and 成文日期 (ISO date): placed at the end, right, with room for the seal. */
  issuer?: string;
  date?: string | null;
  /** Three blank lines above the organ for the seal (default); false: one, for a party's own paper. */
  sealRoom?: boolean;
  meta?: Omit<DocumentMeta, 'title'>;
};

const exact = { line: LINE_PITCH_TWIPS, lineRule: 'exact' as const, before: 0, after: 0 };
const rightChars = (chars: number): number => Math.round(chars * CHAR_TWIPS);

/**
 * 发文机关署名 and 成文日期 (GB/T 9704-2012 7.3.5.1, a sealed document): the date four
 * characters in from the right, the organ centred over it; an organ longer than the date
 * stands two characters in and the date is centred under it. Three blank lines above
 * leave room for the seal, which overlaps both.
 */
export const issuerBlock = (issuer: string | undefined, date: string | null | undefined, sealRoom = true): Paragraph[] => {
  const when = date ? chineseDate(date) : '\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日';
  const wIssuer = issuer ? displayWidth(issuer) : 0;
  const wDate = displayWidth(when);
  const issuerRight = wIssuer >= wDate ? 2 : 4 + (wDate - wIssuer) / 2;
  const dateRight = wIssuer >= wDate ? 2 + (wIssuer - wDate) / 2 : 4;
  const line = (text: string, right: number, keepNext: boolean): Paragraph => new Paragraph({
    children: [textRun(text)], alignment: AlignmentType.RIGHT, indent: { right: rightChars(right) }, spacing: exact, keepNext, keepLines: true,
  });
  const room = (sealRoom ? [1, 2, 3] : [1]).map(() => new Paragraph({ children: [], spacing: exact, keepNext: true }));
  return [...room, ...(issuer ? [line(issuer, issuerRight, true)] : []), line(when, dateRight, false)];
};

/** "附件：1. …" under the body: the names after the colon aligned (7.3.4). */
const attachmentList = (attachments: readonly Attachment[]): Paragraph[] => {
  if (attachments.length === 0) return [];
  const single = attachments.length === 1;
  return [blankLine(), ...attachments.map((a, i) => new Paragraph({
    children: [textRun(`${i === 0 ? '附件：' : ''}${single ? '' : `${i + 1}. `}${a.title}`)], spacing: exact,
    indent: i === 0 ? { left: rightChars(5), hanging: rightChars(3) } : { left: rightChars(5) },
  }))];
};

/** Each attachment on a new page, "附件1" top left in 黑体, its title centred (7.3.4, 8). */
const attachmentPages = (attachments: readonly Attachment[]): (Paragraph | Table)[] => attachments.flatMap((a, i) => [
  new Paragraph({ children: [textRun(attachments.length === 1 ? '附件' : `附件${i + 1}`, { font: FONT.heading1 })], pageBreakBefore: true, spacing: exact }),
  blankLine(), ...titleParagraphs(a.title), blankLine(), ...renderBlocks(a.blocks),
]);

/**
 * An official document in the national layout (GB/T 9704-2012): title, optional number and
 * addressee, the body (paragraphs, numbered headings, tables, signature lines), the list of
 * attachments, the issuing organ and date, then the attachments themselves. Returns .docx bytes.
 */
export const officialDocumentChildren = (spec: OfficialDocumentSpec): (Paragraph | Table)[] => {
  const head: Paragraph[] = [...titleParagraphs(spec.title)];
  if (spec.number) head.push(new Paragraph({ children: [textRun(spec.number)], alignment: AlignmentType.RIGHT, spacing: exact }));
  head.push(blankLine());
  if (spec.addressee) head.push(bodyParagraph([textRun(`${spec.addressee}：`)], { indent: false }));
  const attachments = spec.attachments ?? [];
  const close = spec.issuer || spec.date !== undefined ? issuerBlock(spec.issuer, spec.date, spec.sealRoom ?? true) : [];
  return [...head, ...renderBlocks(spec.sections), ...attachmentList(attachments), ...close, ...attachmentPages(attachments)];
};

const titleText = (title: string | readonly string[]): string => (typeof title === 'string' ? title : title.join(''));

export const renderOfficialDocument = (spec: OfficialDocumentSpec): Promise<Buffer> =>
  packDocument({ title: titleText(spec.title), ...spec.meta }, officialDocumentChildren(spec));

export type FormDocumentSpec = {
  title: string;
  /** The line between title and table: left (e.g. 编号) and right (e.g. 登记日期). */
  caption?: { left?: string; right?: string };
  /** Relative column widths; cells span columns. */
  columns: readonly number[];
  rows: readonly TableRowSpec[];
  /** Lines under the table (填表说明, signatures). */
  after?: readonly Block[];
  issuer?: string;
  date?: string | null;
  meta?: Omit<DocumentMeta, 'title'>;
};

/**
 * A register or form (登记表) in the same font system and page: the title in 2号 小标宋, a
 * caption line, and one bordered table across the text block in 4号 仿宋, labels in 黑体.
 */
export const formDocumentChildren = (spec: FormDocumentSpec): (Paragraph | Table)[] => {
  const caption = spec.caption ? [new Paragraph({
    tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH_TWIPS }], spacing: exact,
    children: [textRun(spec.caption.left ?? '', { size: SIZE.small }), new TextRun({ children: [new Tab()] }), textRun(spec.caption.right ?? '', { size: SIZE.small })],
  })] : [];
  const close = spec.issuer || spec.date !== undefined ? issuerBlock(spec.issuer, spec.date) : [];
  return [
    ...titleParagraphs(spec.title), blankLine(), ...caption,
    renderTable({ columns: spec.columns, rows: spec.rows, size: 'small' }),
    ...renderBlocks(spec.after ?? []), ...close,
  ];
};

export const renderFormDocument = (spec: FormDocumentSpec): Promise<Buffer> => packDocument({ title: spec.title, ...spec.meta }, formDocumentChildren(spec));

/** A document as data, before it is packed: alone, or as one part of a file (dossier.ts). */
export type DocumentPart = { kind: 'official'; spec: OfficialDocumentSpec } | { kind: 'form'; spec: FormDocumentSpec };

export const documentPartChildren = (part: DocumentPart): (Paragraph | Table)[] =>
  (part.kind === 'official' ? officialDocumentChildren(part.spec) : formDocumentChildren(part.spec));

export const documentPartTitle = (part: DocumentPart): string => titleText(part.spec.title);

export const renderDocumentPart = (part: DocumentPart): Promise<Buffer> =>
  packDocument({ title: documentPartTitle(part), ...part.spec.meta }, documentPartChildren(part));
