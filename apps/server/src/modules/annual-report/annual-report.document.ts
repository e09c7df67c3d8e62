import type { ReportContent, ReportFigure } from '@fazhi/contracts';
import type { Block } from '../../platform/documents/blocks.ts';
import { renderOfficialDocument } from '../../platform/documents/official-document.ts';
import { fillFigures } from './annual-report.figures.ts';

export type ReportDocumentInput = {
  content: ReportContent; figures: readonly ReportFigure[];
  township: string; county: string | null; year: number;
  /** 成文日期: the day the leader signed; null for a draft (the date left blank). */
  signedOn: string | null;
  draft: boolean;
};

/** A heading of the text: 一、 in 黑体, （一） in 楷体 (GB/T 9704-2012 7.3.3), numbered as the author wrote it (the checks watch the sequence). */
const headingBlock = (text: string, level: 1 | 2): Block => ({ kind: 'paragraph', text: [{ text, font: level === 1 ? 'heading1' : 'heading2' }] });

/** The report's text as document blocks, every figure field filled. */
export const reportBlocks = (content: ReportContent, figures: ReadonlyMap<string, ReportFigure>): Block[] => content.sections.flatMap((s) => [
  ...(s.heading ? [headingBlock(s.heading, 1)] : []),
  ...s.blocks.map((b): Block => (b.kind === 'heading' ? headingBlock(fillFigures(b.text, figures), 2) : { kind: 'paragraph', text: fillFigures(b.text, figures) })),
]);

/**
 * The annual report as an official document (GB/T 9704-2012: title in 小标宋, body 仿宋 三号,
 * 22 lines of 28 characters, page numbers): addressed to the county's party committee and
 * government, issued by the township's party committee and government with the signing date,
 * and an annex listing every figure the text uses with its definition and count.
 */
export const renderReportDocument = (r: ReportDocumentInput): Promise<Buffer> => {
  const byCode = new Map(r.figures.map((f) => [f.code, f]));
  const annex: Block[] = [
    { kind: 'paragraph', text: `本报告引用的数字均由“法治”平台按下列口径从${r.township}${r.year}年的业务记录中统计${r.draft ? '（草稿：数字随记录实时变化）' : '，为报告签发时的数值'}；每个数字均可在平台中打开其背后的记录清单。` },
    { kind: 'table', size: 'small', columns: [2, 5, 10, 3], rows: [
      { cells: [{ text: '序号', label: true, align: 'center' }, { text: '指标', label: true, align: 'center' }, { text: '统计口径', label: true, align: 'center' }, { text: '数值', label: true, align: 'center' }] },
      ...r.figures.map((f, i) => ({ cells: [
        { text: String(i + 1), align: 'center' as const }, { text: f.label }, { text: f.definition },
        { text: f.unit === 'rate' && f.numerator !== undefined ? `${f.text}（${f.numerator}/${f.denominator ?? 0}）` : f.text, align: 'center' as const },
      ] })),
    ] },
  ];
  const organ = `中共${r.township}委员会　${r.township}人民政府`;
  return renderOfficialDocument({
    title: [`${r.township}`, r.content.title],
    ...(r.county ? { addressee: `中共${r.county}委、${r.county}人民政府` } : {}),
    sections: reportBlocks(r.content, byCode),
    attachments: [{ title: '报告所引数据及统计口径', blocks: annex }],
    issuer: organ, date: r.signedOn,
    meta: { subject: `${r.township}${r.year}年法治政府建设情况报告`, keywords: '法治政府建设 年度报告' },
  });
};
