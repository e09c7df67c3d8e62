/**
 * The page of GB/T 9704-2012 党政机关公文格式, in Word's units. Every number is derived
 * from the standard's millimetres and points here, so a reviewer can check the arithmetic:
 *
 * - 5.2.1 A4 paper, 210 mm × 297 mm.
 * - 5.2.2 text block (版心) 156 mm × 225 mm; top margin (天头) 37 mm; left margin (订口) 28 mm.
 *   Right and bottom margins follow: 210 − 28 − 156 = 26 mm, 297 − 37 − 225 = 35 mm.
 * - 5.2.3 / 7.1: 3号 (16 pt) 仿宋 body, normally 22 lines a page and 28 characters a line.
 * - 7.2: title in 2号 (22 pt) 小标宋. 7.3.3: headings 一、 in 黑体, （一） in 楷体, 1. and （1） in 仿宋.
 * - 7.5 page numbers: 4号 (14 pt) 半角宋体 Arabic numerals with a 一字线 each side, the dash
 *   7 mm below the text block; odd pages right, even pages left, one character in from the edge.
 */

/** Word measures the page in twips: 1440 to the inch, 25.4 mm to the inch. */
export const TWIPS_PER_MM = 1440 / 25.4;
export const mmToTwips = (mm: number): number => Math.round(mm * TWIPS_PER_MM);

export const PAGE_MM = { width: 210, height: 297 } as const;
export const TEXT_BLOCK_MM = { width: 156, height: 225 } as const;
export const MARGIN_MM = {
  top: 37,
  left: 28,
  right: PAGE_MM.width - 28 - TEXT_BLOCK_MM.width,
  bottom: PAGE_MM.height - 37 - TEXT_BLOCK_MM.height,
} as const;

/** A4 in twips: 11906 × 16838 (Word's own A4). */
export const PAGE_TWIPS = { width: mmToTwips(PAGE_MM.width), height: mmToTwips(PAGE_MM.height) } as const;
/** 37 mm = 2098, 28 mm = 1587, 26 mm = 1474, 35 mm = 1984. */
export const MARGIN_TWIPS = {
  top: mmToTwips(MARGIN_MM.top), left: mmToTwips(MARGIN_MM.left), right: mmToTwips(MARGIN_MM.right), bottom: mmToTwips(MARGIN_MM.bottom),
} as const;
/** The text block as Word sees it after rounding: 8845 × 12756 twips. */
export const TEXT_WIDTH_TWIPS = PAGE_TWIPS.width - MARGIN_TWIPS.left - MARGIN_TWIPS.right;
export const TEXT_HEIGHT_TWIPS = PAGE_TWIPS.height - MARGIN_TWIPS.top - MARGIN_TWIPS.bottom;

export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;
/** Font sizes in Word's half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt. */
export const SIZE = { title: 44, body: 32, small: 28, pageNumber: 28 } as const;

/**
 * Fixed line spacing so that 22 lines fill the block without a 23rd: ⌊12756 / 22⌋ = 579
 * twips (28.95 pt, the value Chinese Word templates use). Rounding up (580) would leave
 * room for only 21 lines.
 */
export const LINE_PITCH_TWIPS = Math.floor(TEXT_HEIGHT_TWIPS / LINES_PER_PAGE);

/**
 * 28 characters a line: 28 × 16 pt is 448 pt, wider than the 442.25 pt (8845 twips) line, so
 * body text is condensed by the largest whole twip that makes 28 fit: 8845 / 28 − 320 =
 * −4.1 → −5 twips (−0.25 pt), a pitch of 15.75 pt (28 × 15.75 = 441 pt; 29 would need 456.75).
 * Word's character grid (docGrid linesAndChars, charSpace −842) would say the same to Word,
 * but LibreOffice then gives every 16 pt character two cells of the 15.79 pt grid (14 a
 * line), so there is no character grid and the pitch comes from the spacing both honour.
 */
export const CHAR_SPACING_TWIPS = Math.floor(TEXT_WIDTH_TWIPS / CHARS_PER_LINE - SIZE.body * 10);
/** One character of the body, in twips: indents of "two characters" and "right four characters". */
export const CHAR_TWIPS = SIZE.body * 10 + CHAR_SPACING_TWIPS;

/**
 * The footer holding the page number: one line of exactly 17 pt (6.0 mm, room for 14 pt
 * glyphs). Its middle — where the dashes sit — is 7 mm below the block, i.e. 35 − 7 = 28 mm
 * above the paper's edge, so the line's bottom (Word's footer distance) is 28 − 3 = 25 mm.
 */
export const FOOTER_LINE_TWIPS = 340;
export const FOOTER_DISTANCE_TWIPS = mmToTwips(MARGIN_MM.bottom - 7 - FOOTER_LINE_TWIPS / TWIPS_PER_MM / 2);
/** The page number stands one 4号 character (14 pt) in from the block's edge. */
export const PAGE_NUMBER_INSET_TWIPS = (SIZE.pageNumber / 2) * 20;

/** The fonts the standard names, by the names Chinese Word installations know them by. */
export const FONT = {
  body: '仿宋_GB2312',
  title: '方正小标宋简体',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;
export type FontName = (typeof FONT)[keyof typeof FONT];
