import type { Client } from '../../platform/db/pools.ts';
import { metricValue, requireMetric, type MetricRegistry, type MetricScope } from '../../platform/metrics/metrics.ts';
import { renderOfficialDocument } from '../../platform/documents/official-document.ts';
import type { Block, TableRowSpec } from '../../platform/documents/blocks.ts';
import { remedyKinds, type TransparencyReportView } from '@fazhi/contracts';
import { proactiveCategories } from './proactive.workflow.ts';
import { remedyLabels, remedyMetric, remedyOutcomes } from './disclosure.metrics.ts';

/**
 * The yearly disclosure report (政府信息公开条例 第四十九、五十条) in the national format
 * (国办公开办函〔2021〕30号). Its figures come only from the metrics registry: each cell of
 * table 三 is the number of records behind a registered disclosure figure, split by the
 * applicant's column; the 总计 column is the figure itself. Rows the system has no reply
 * type for (需另行制作, 公开出版物, …) are 0, and said so.
 */
export const applicantColumns = [
  { key: 'citizen', zh: '自然人' },
  { key: 'commercial', zh: '商业企业' },
  { key: 'research', zh: '科研机构' },
  { key: 'public_interest', zh: '社会公益组织' },
  { key: 'legal_service', zh: '法律服务机构' },
  { key: 'other', zh: '其他' },
] as const;
type Column = (typeof applicantColumns)[number]['key'];

/** A row of table 三: its label, its indent, and the figures whose records it counts (none: nothing in the system answers so). */
export type ReportRow = { label: string; level: 0 | 1 | 2; metrics: readonly string[] };
export const applicationRows: readonly ReportRow[] = [
  { label: '一、本年新收政府信息公开申请数量', level: 0, metrics: ['disclosure.received'] },
  { label: '二、上年结转政府信息公开申请数量', level: 0, metrics: ['disclosure.carriedOver'] },
  { label: '三、本年度办理结果', level: 0, metrics: [] },
  { label: '（一）予以公开', level: 1, metrics: ['disclosure.replyProvided', 'disclosure.replyAlreadyPublic'] },
  { label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', level: 1, metrics: ['disclosure.replyPartlyProvided'] },
  { label: '（三）不予公开', level: 1, metrics: [] },
  { label: '1.属于国家秘密', level: 2, metrics: ['disclosure.withheldStateSecret'] },
  { label: '2.其他法律行政法规禁止公开', level: 2, metrics: ['disclosure.withheldProhibitedByLaw'] },
  { label: '3.危及“三安全一稳定”', level: 2, metrics: ['disclosure.withheldThreeSecurity'] },
  { label: '4.保护第三方合法权益', level: 2, metrics: ['disclosure.withheldThirdParty'] },
  { label: '5.属于三类内部事务信息', level: 2, metrics: ['disclosure.withheldInternalAffairs'] },
  { label: '6.属于四类过程性信息', level: 2, metrics: ['disclosure.withheldProcessInformation'] },
  { label: '7.属于行政执法案卷', level: 2, metrics: ['disclosure.withheldEnforcementFile'] },
  { label: '8.属于行政查询事项', level: 2, metrics: ['disclosure.replySpecialRegime'] },
  { label: '（四）无法提供', level: 1, metrics: [] },
  { label: '1.本机关不掌握相关政府信息', level: 2, metrics: ['disclosure.replyNotExist', 'disclosure.replyNotOurs'] },
  { label: '2.没有现成信息需要另行制作', level: 2, metrics: [] },
  { label: '3.补正后申请内容仍不明确', level: 2, metrics: [] },
  { label: '（五）不予处理', level: 1, metrics: [] },
  { label: '1.信访举报投诉类申请', level: 2, metrics: [] },
  { label: '2.重复申请', level: 2, metrics: ['disclosure.replyRepeat'] },
  { label: '3.要求提供公开出版物', level: 2, metrics: [] },
  { label: '4.无正当理由大量反复申请', level: 2, metrics: [] },
  { label: '5.要求行政机关确认或重新出具已获取信息', level: 2, metrics: [] },
  { label: '（六）其他处理', level: 1, metrics: [] },
  { label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', level: 2, metrics: ['disclosure.givenUp'] },
  { label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', level: 2, metrics: ['disclosure.feeLapsed'] },
  { label: '3.其他', level: 2, metrics: ['disclosure.withdrawn'] },
  { label: '（七）总计', level: 1, metrics: ['disclosure.concluded'] },
  { label: '四、结转下年度继续办理', level: 0, metrics: ['disclosure.carriedForward'] },
];
/** Headings whose cells are the sum of their sub-rows (（三）（四）（五）（六）). */
const groupOf = (i: number): number[] => {
  const row = applicationRows[i];
  if (!row || row.level !== 1 || row.metrics.length > 0) return [];
  const out: number[] = [];
  for (let j = i + 1; j < applicationRows.length && applicationRows[j]?.level === 2; j++) out.push(j);
  return out;
};

export type ReportCells = Record<Column | 'total', number>;
type Rate = { value: number | null; numerator: number; denominator: number };
export type TransparencyReport = {
  township: string; year: number;
  rows: { label: string; level: number; metrics: readonly string[]; cells: ReportCells | null }[];
  onTime: Rate; extended: number;
  /** 二、主动公开: the items published and withdrawn in the year by category (第二十条、第二十一条), and on time (第二十六条). */
  proactive: { rows: { category: string; published: number; withdrawn: number }[]; published: number; withdrawn: number; onTime: Rate };
  /** 四、行政复议、行政诉讼 (第五十一条): per kind, the matters of the year by outcome. */
  remedies: TransparencyReportView['remedies'];
};

const columnOf = `CASE WHEN r.applicant_type = 'citizen' THEN 'citizen' ELSE coalesce(r.organisation_kind, 'other') END`;

/** One figure split by the applicant's column: the count of its records of each column. */
const split = async (c: Client, reg: MetricRegistry, code: string, s: MetricScope): Promise<ReportCells> => {
  const m = requireMetric(reg, code);
  if (m.unit !== 'count') throw new Error(`${code} is not a count`);
  const { rows } = await c.query<{ col: Column; n: number }>(`SELECT ${columnOf} AS col, count(*)::int AS n FROM (${m.records}) r GROUP BY 1`, [s.year, s.townshipIds, s.orgId]);
  const cells: ReportCells = { citizen: 0, commercial: 0, research: 0, public_interest: 0, legal_service: 0, other: 0, total: 0 };
  for (const r of rows) { cells[r.col] = (cells[r.col] ?? 0) + r.n; cells.total += r.n; }
  const total = await metricValue(c, reg, code, s);
  if (total.value !== cells.total) throw new Error(`${code}: the split does not add up to the figure`);
  return cells;
};
const add = (a: ReportCells, b: ReportCells): ReportCells => {
  const out = { ...a };
  for (const k of Object.keys(b) as (keyof ReportCells)[]) out[k] += b[k];
  return out;
};
const zero = (): ReportCells => ({ citizen: 0, commercial: 0, research: 0, public_interest: 0, legal_service: 0, other: 0, total: 0 });

/** The report's figures for a township and a year, from the registry only. */
export const buildTransparencyReport = async (c: Client, reg: MetricRegistry, scope: MetricScope, township: string): Promise<TransparencyReport> => {
  const cells: (ReportCells | null)[] = [];
  for (const row of applicationRows) {
    let sum = row.metrics.length > 0 || row.level > 0 ? zero() : null;
    for (const code of row.metrics) sum = add(sum ?? zero(), await split(c, reg, code, scope));
    cells.push(sum);
  }
  for (let i = 0; i < applicationRows.length; i++) {
    const g = groupOf(i);
    if (g.length > 0) cells[i] = g.reduce((acc, j) => add(acc, cells[j] ?? zero()), zero());
  }
  const rate = async (code: string): Promise<Rate> => {
    const v = await metricValue(c, reg, code, scope);
    return { value: v.value, numerator: v.numerator ?? 0, denominator: v.denominator ?? 0 };
  };
  const count = async (code: string): Promise<number> => (await metricValue(c, reg, code, scope)).value ?? 0;
  const remedies: TransparencyReport['remedies'] = [];
  for (const kind of remedyKinds) {
    const metrics = Object.fromEntries(remedyOutcomes.map((o) => [o, remedyMetric(kind, o)])) as Record<(typeof remedyOutcomes)[number], string>;
    const cellsOf = { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 };
    // One statement at a time: the figures share the caller's transaction.
    for (const o of remedyOutcomes) cellsOf[o] = await count(metrics[o]);
    remedies.push({ kind, label: remedyLabels[kind], cells: cellsOf, metrics });
  }
  return {
    township, year: scope.year,
    rows: applicationRows.map((r, i) => ({ label: r.label, level: r.level, metrics: r.metrics, cells: cells[i] ?? null })),
    onTime: await rate('disclosure.onTimeRate'), extended: await count('disclosure.extended'),
    proactive: {
      rows: await byCategory(c, reg, scope),
      published: await count('disclosure.proactivePublished'), withdrawn: await count('disclosure.proactiveWithdrawn'),
      onTime: await rate('disclosure.proactiveOnTimeRate'),
    },
    remedies,
  };
};

/** The proactive items published and withdrawn in the year, by category: the records of the two figures, grouped. */
const byCategory = async (c: Client, reg: MetricRegistry, s: MetricScope): Promise<TransparencyReport['proactive']['rows']> => {
  const counts = new Map<string, { published: number; withdrawn: number }>(proactiveCategories.map((k) => [k, { published: 0, withdrawn: 0 }]));
  for (const [code, key] of [['disclosure.proactivePublished', 'published'], ['disclosure.proactiveWithdrawn', 'withdrawn']] as const) {
    const m = requireMetric(reg, code);
    if (m.unit !== 'count') throw new Error(`${code} is not a count`);
    const { rows } = await c.query<{ category: string | null; n: number }>(`SELECT r.category, count(*)::int AS n FROM (${m.records}) r GROUP BY 1`, [s.year, s.townshipIds, s.orgId]);
    for (const r of rows) {
      const k = r.category ?? '其他';
      const entry = counts.get(k) ?? { published: 0, withdrawn: 0 };
      entry[key] += r.n;
      counts.set(k, entry);
    }
  }
  return [...counts].map(([category, n]) => ({ category, ...n }));
};

const cellsRow = (label: string, c: ReportCells | null): TableRowSpec => ({
  cells: [{ text: label, label: true, align: 'left' }, ...[...applicantColumns.map((k) => k.key), 'total' as const].map((k) => ({ text: c ? String(c[k]) : '', align: 'center' as const }))],
});

const pct = (x: Rate): string => (x.value === null ? '无' : `${(x.value * 100).toFixed(1)}%`);
const outcomeHeads: Record<(typeof remedyOutcomes)[number], string> = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结', total: '总计' };

/** The report as a Word document in the national layout. */
export const renderTransparencyReport = (r: TransparencyReport): Promise<Buffer> => {
  const received = r.rows[0]?.cells?.total ?? 0;
  const concluded = r.rows.find((x) => x.label.startsWith('（七）'))?.cells?.total ?? 0;
  const forward = r.rows.at(-1)?.cells?.total ?? 0;
  const rate = pct(r.onTime);
  const sections: Block[] = [
    { kind: 'paragraph', text: `本报告依据《中华人民共和国政府信息公开条例》第四十九条、第五十条和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）编制，报告中的统计数据期限为${r.year}年1月1日至12月31日。` },
    { kind: 'heading', level: 1, title: '总体情况' },
    { kind: 'paragraph', text: `${r.year}年，${r.township}人民政府本年新收政府信息公开申请${received}件，办结${concluded}件，结转下年度继续办理${forward}件。按期答复率${rate}（按期${r.onTime.numerator}件，答复期限已有结果${r.onTime.denominator}件），经政府信息公开工作机构负责人同意延长答复期限${r.extended}件。` },
    { kind: 'heading', level: 1, title: '主动公开政府信息情况' },
    { kind: 'paragraph', text: `${r.year}年，主动公开政府信息${r.proactive.published}条，其中在信息形成或者变更之日起20个工作日内公开的按期率${pct(r.proactive.onTime)}；撤回公开${r.proactive.withdrawn}条，撤回理由均已公开。按公开类别统计如下：` },
    { kind: 'table', size: 'small', columns: [10, 4, 4], rows: [
      { cells: [{ text: '公开类别', label: true, align: 'center' }, { text: '本年主动公开（条）', label: true, align: 'center' }, { text: '本年撤回（条）', label: true, align: 'center' }] },
      ...r.proactive.rows.map((x) => ({ cells: [{ text: x.category, label: true, align: 'left' as const }, { text: String(x.published), align: 'center' as const }, { text: String(x.withdrawn), align: 'center' as const }] })),
      { cells: [{ text: '合计', label: true, align: 'left' }, { text: String(r.proactive.published), align: 'center' }, { text: String(r.proactive.withdrawn), align: 'center' }] },
    ] },
    { kind: 'paragraph', text: '规章、行政规范性文件的制发与废止，行政许可、行政处罚、行政强制的处理决定数量和行政事业性收费金额（第二十条第一、五、六、八项）尚未在本系统中登记，由政府信息公开工作机构按国家格式另行填报。' },
    { kind: 'heading', level: 1, title: '收到和处理政府信息公开申请情况' },
    { kind: 'paragraph', text: '本表数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和。' },
    { kind: 'table', size: 'small', columns: [9, 2, 2, 2, 2, 2, 2, 2], rows: [
      { cells: [{ text: '', label: true }, { text: '自然人', label: true, align: 'center' },
        { text: '法人或其他组织', label: true, span: 5, align: 'center' }, { text: '总计', label: true, align: 'center' }] },
      { cells: [{ text: '', label: true }, { text: '', label: true }, ...applicantColumns.slice(1).map((k) => ({ text: k.zh, label: true, align: 'center' as const })), { text: '', label: true }] },
      ...r.rows.map((x) => cellsRow(x.label, x.cells)),
    ] },
    { kind: 'heading', level: 1, title: '政府信息公开行政复议、行政诉讼情况' },
    { kind: 'paragraph', text: '本年提起或年初尚未审结的涉及政府信息公开的行政复议、行政诉讼，按截至年末的结果统计。' },
    { kind: 'table', size: 'small', columns: [6, 2, 2, 2, 2, 2], rows: [
      { cells: [{ text: '', label: true }, ...remedyOutcomes.map((o) => ({ text: outcomeHeads[o], label: true, align: 'center' as const }))] },
      ...r.remedies.map((x) => ({ cells: [{ text: x.label.zh, label: true, align: 'left' as const }, ...remedyOutcomes.map((o) => ({ text: String(x.cells[o]), align: 'center' as const }))] })),
    ] },
    { kind: 'heading', level: 1, title: '存在的主要问题及改进情况' },
    { kind: 'paragraph', text: '（由政府信息公开工作机构填写。）' },
    { kind: 'heading', level: 1, title: '其他需要报告的事项' },
    { kind: 'paragraph', text: '（由政府信息公开工作机构填写。）' },
  ];
  return renderOfficialDocument({ title: [`${r.township}人民政府`, `${r.year}年政府信息公开工作年度报告`], sections, issuer: `${r.township}人民政府`, date: null, meta: { subject: `${r.year}年政府信息公开工作年度报告` } });
};
