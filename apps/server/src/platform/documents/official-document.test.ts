import { describe, expect, it } from 'vitest';
import { renderFormDocument, renderOfficialDocument } from './official-document.ts';
import { chineseDate, chineseDateTime, chineseNumber, displayWidth } from './chinese-text.ts';
import { docxText, readDocxParts } from './docx-zip.ts';
import { CHAR_TWIPS, CHARS_PER_LINE, LINE_PITCH_TWIPS, LINES_PER_PAGE, TEXT_HEIGHT_TWIPS, TEXT_WIDTH_TWIPS, TWIPS_PER_MM } from './gb9704.ts';

const attr = (xml: string, tag: string, name: string): string | undefined => new RegExp(`<${tag}\\b[^>]*\\s${name}="([^"]*)"`).exec(xml)?.[1];
/** The runs (w:r) whose text contains `text`, with their properties. */
const runWith = (xml: string, text: string): string => [...xml.matchAll(/<w:r>(.*?)<\/w:r>/gs)].map((m) => m[1] ?? '').find((r) => r.includes(text)) ?? '';
const paragraphWith = (xml: string, text: string): string => [...xml.matchAll(/<w:p>(.*?)<\/w:p>/gs)].map((m) => m[1] ?? '').find((p) => docxText(p).includes(text)) ?? '';

describe('GB/T 9704-2012 page', () => {
  it('derives 22 lines of 28 characters from the 156 × 225 mm text block', () => {
    expect(TEXT_WIDTH_TWIPS / TWIPS_PER_MM).toBeCloseTo(156, 0);
    expect(TEXT_HEIGHT_TWIPS / TWIPS_PER_MM).toBeCloseTo(225, 0);
    expect(LINE_PITCH_TWIPS).toBe(579);
    expect(LINES_PER_PAGE * LINE_PITCH_TWIPS).toBeLessThanOrEqual(TEXT_HEIGHT_TWIPS);
    expect((LINES_PER_PAGE + 1) * LINE_PITCH_TWIPS).toBeGreaterThan(TEXT_HEIGHT_TWIPS);
    expect(CHARS_PER_LINE * CHAR_TWIPS).toBeLessThanOrEqual(TEXT_WIDTH_TWIPS);
    expect((CHARS_PER_LINE + 1) * CHAR_TWIPS).toBeGreaterThan(TEXT_WIDTH_TWIPS);
  });

  it('writes A4, the margins, the fonts and the page numbers into the .docx', async () => {
    const bytes = await renderOfficialDocument({
      title: ['张八桥镇关于开展矛盾纠纷', '排查化解工作的通知'],
      sections: [
        { kind: 'paragraph', text: '为做好矛盾纠纷排查化解工作，现将有关事项通知如下。' },
        { kind: 'heading', level: 1, title: '工作目标' },
        { kind: 'heading', level: 2, title: '排查范围。', text: '全镇各村。' },
        { kind: 'heading', level: 2, title: '排查方式。' },
        { kind: 'heading', level: 3, title: '入户走访。' },
        { kind: 'heading', level: 1, title: '工作要求' },
        { kind: 'heading', level: 2, title: '加强领导。' },
        { kind: 'heading', level: 4, title: '明确责任。' },
        { kind: 'table', columns: [1, 2], rows: [{ cells: [{ text: '村名', label: true }, { text: '东营村' }] }] },
      ],
      attachments: [{ title: '排查情况登记表', blocks: [{ kind: 'paragraph', text: '（略）' }] }, { title: '联系人名单', blocks: [] }],
      issuer: '张八桥镇人民政府', date: '2023-12-31',
    });
    const parts = readDocxParts(bytes);
    const doc = parts.get('word/document.xml') ?? '';
    const styles = parts.get('word/styles.xml') ?? '';
    // A4 and the margins, in twips: 37 mm = 2098, 28 mm = 1587, 26 mm = 1474, 35 mm = 1984.
    expect(attr(doc, 'w:pgSz', 'w:w')).toBe('11906');
    expect(attr(doc, 'w:pgSz', 'w:h')).toBe('16838');
    expect(attr(doc, 'w:pgMar', 'w:top')).toBe(String(Math.round(37 * 1440 / 25.4)));
    expect(attr(doc, 'w:pgMar', 'w:top')).toBe('2098');
    expect(attr(doc, 'w:pgMar', 'w:left')).toBe('1587');
    expect(attr(doc, 'w:pgMar', 'w:right')).toBe('1474');
    expect(attr(doc, 'w:pgMar', 'w:bottom')).toBe('1984');
    // The page number's middle 7 mm below the block: footer line bottom at 25 mm.
    expect(attr(doc, 'w:pgMar', 'w:footer')).toBe('1417');
    // Body: 仿宋_GB2312 for East Asian text too, 3号, fixed 28.95 pt lines, condensed to 28 a line.
    expect(styles).toMatch(/<w:rPrDefault>.*w:eastAsia="仿宋_GB2312".*<w:spacing w:val="-5"\/>.*<w:sz w:val="32"\/>/s);
    expect(styles).toMatch(/<w:pPrDefault>.*<w:spacing [^>]*w:line="579" w:lineRule="exact"/s);
    // Title: 方正小标宋简体 2号, centred, two lines.
    expect(runWith(doc, '排查化解工作的通知')).toMatch(/w:eastAsia="方正小标宋简体".*<w:sz w:val="44"\/>/s);
    expect(paragraphWith(doc, '排查化解工作的通知')).toContain('<w:jc w:val="center"/>');
    // Headings numbered in the standard's sequence, 一、 in 黑体 and （一） in 楷体_GB2312.
    const text = docxText(doc);
    for (const h of ['一、工作目标', '（一）排查范围。全镇各村。', '（二）排查方式。', '1.入户走访。', '二、工作要求', '（一）加强领导。', '（1）明确责任。']) expect(text).toContain(h);
    expect(runWith(doc, '一、工作目标')).toContain('w:eastAsia="黑体"');
    expect(runWith(doc, '（二）排查方式')).toContain('w:eastAsia="楷体_GB2312"');
    // Attachments listed after the body, each on its own page headed 附件N in 黑体.
    expect(text).toContain('附件：1. 排查情况登记表');
    expect(text).toContain('2. 联系人名单');
    expect(runWith(doc, '附件2')).toContain('w:eastAsia="黑体"');
    expect(paragraphWith(doc, '附件2')).toContain('<w:pageBreakBefore/>');
    // Organ and date at the end, right-aligned, the date without leading zeros.
    expect(paragraphWith(doc, '2023年12月31日')).toContain('<w:jc w:val="right"/>');
    expect(text.indexOf('张八桥镇人民政府')).toBeLessThan(text.indexOf('附件1'));
    // Page numbers "— 1 —" in 宋体 4号: odd pages right, even pages left.
    expect(parts.get('word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    const footers = [...parts.entries()].filter(([n]) => /word\/footer\d+\.xml/.test(n)).map(([, x]) => x);
    expect(footers).toHaveLength(2);
    for (const f of footers) {
      expect(f).toMatch(/PAGE/);
      expect(docxText(f)).toMatch(/^— +—$/);
      expect(f).toContain('w:eastAsia="宋体"');
      expect(f).toContain('<w:sz w:val="28"/>');
    }
    expect(footers.map((f) => /<w:jc w:val="(\w+)"\/>/.exec(f)?.[1]).sort()).toEqual(['left', 'right']);
    expect(doc).toMatch(/<w:footerReference w:type="even"/);
  });

  it('lays a register out as one bordered table in the same fonts', async () => {
    const bytes = await renderFormDocument({
      title: '人民调解受理登记表', caption: { left: '编号：张八桥-调-2023-0001', right: '登记日期：2023年1月5日' }, columns: [1, 2, 1, 2],
      rows: [{ cells: [{ text: '纠纷名称', label: true }, { text: '排水沟纠纷', span: 3 }] }, { cells: [{ text: '简要情况', label: true }, { text: ['第一行', '第二行'], span: 3 }], minLines: 4 }],
    });
    const doc = readDocxParts(bytes).get('word/document.xml') ?? '';
    expect(attr(doc, 'w:tblW', 'w:w')).toBe(String(TEXT_WIDTH_TWIPS));
    expect(doc).toMatch(/<w:tblBorders>.*<w:insideH w:val="single"/s);
    expect(doc).toContain('<w:gridSpan w:val="3"/>');
    expect(runWith(doc, '人民调解受理登记表')).toContain('w:eastAsia="方正小标宋简体"');
    expect(runWith(doc, '纠纷名称')).toContain('w:eastAsia="黑体"');
    expect(runWith(doc, '排水沟纠纷')).toMatch(/w:eastAsia="仿宋_GB2312".*<w:sz w:val="28"\/>/s);
    expect(docxText(doc)).toContain('登记日期：2023年1月5日');
  });
});

describe('Chinese numbers and dates', () => {
  it('writes dates without leading zeros, and heading numbers in Chinese', () => {
    expect(chineseDate('2023-01-05')).toBe('2023年1月5日');
    expect(chineseDate('2023-12-31')).toBe('2023年12月31日');
    expect(chineseDateTime(new Date('2023-03-05T01:30:00Z'))).toBe('2023年3月5日9时30分');
    expect([1, 10, 11, 20, 23, 99].map(chineseNumber)).toEqual(['一', '十', '十一', '二十', '二十三', '九十九']);
    expect(displayWidth('2023年1月5日')).toBe(6);
  });
});
