import { describe, expect, it } from 'vitest';
import type { ReportFigure } from '@fazhi/contracts';
import { mediationModule } from '../mediation/mediation.module.ts';
import { checkReport, type CheckContext } from './annual-report.checks.ts';
import { importText } from './annual-report.outline.ts';
import { seedReportText } from './seed-report.ts';

/** The town's 2023 report, the product's seed: the checks run on its own text. */
const seed = seedReportText();
const figure = (code: string, value: number): ReportFigure => ({ code, label: code, definition: '', unit: 'count', value, text: String(value) });
const ctx = (values: Record<string, number>): CheckContext => ({
  township: '张八桥镇', otherTownships: ['周庄镇', '闹店镇'],
  figures: new Map(Object.entries(values).map(([k, v]) => [k, figure(k, v)])), parts: mediationModule.reportParts ?? [],
});
const records = { 'mediation.received': 143, 'mediation.resolved': 138, 'mediation.guided': 5 };

describe("the editor's checks on the seed's own text", () => {
  const content = importText(seed, 2023);

  it('reads the seed as the statutory outline: title, opening, 一 to 四', () => {
    expect(content.title).toBe('关于2023年法治政府建设情况的报告');
    expect(content.sections.map((s) => s.key)).toEqual(['preface', 'duties', 'measures', 'shortcomings', 'plans']);
    expect(content.sections[2]?.blocks.length).toBe(8);
  });

  const findings = checkReport(content, ctx(records), new Set(Object.keys(records)));
  const of = (kind: string) => findings.filter((f) => f.kind === kind);

  it('names 岩头寨镇, pasted from another town, and not the town\'s own name or 全镇, 依法治镇, 法治乡镇', () => {
    expect(of('foreign_township').map((f) => [f.sectionKey, f.excerpt])).toEqual([['duties', '岩头寨镇']]);
  });

  it('finds the passage 二(二)4 and 二(三)3 share word for word', () => {
    const repeated = of('repeated_text');
    expect(repeated).toHaveLength(1);
    expect(repeated[0]).toMatchObject({ sectionKey: 'measures', block: 2 });
    expect(repeated[0]?.excerpt).toContain('镇行政执法人员年度法治培训参与率达100%');
  });

  it('finds 四 numbered （1）, （二）, （三）', () => {
    expect(of('numbering').map((f) => [f.sectionKey, f.excerpt])).toEqual([['plans', '（二）']]);
  });

  it('passes the typed 143 / 138 / 5 that match the records, and flags one that does not', () => {
    expect(of('typed_figure')).toEqual([]);
    const off = checkReport(content, ctx({ ...records, 'mediation.resolved': 137 }), new Set(Object.keys(records)));
    expect(off.filter((f) => f.kind === 'typed_figure')).toEqual([expect.objectContaining({ sectionKey: 'measures', excerpt: '调解成功138', code: 'mediation.resolved', expected: '137' })]);
  });

  it('names another township of the county by its name in the deployment', () => {
    const pasted = { ...content, sections: content.sections.map((s) => s.key === 'plans' ? { ...s, blocks: [...s.blocks, { kind: 'paragraph' as const, text: '学习借鉴周庄镇的经验做法。' }] } : s) };
    expect(checkReport(pasted, ctx(records), new Set()).filter((f) => f.kind === 'foreign_township').map((f) => f.excerpt)).toEqual(['岩头寨镇', '周庄镇']);
  });
});
