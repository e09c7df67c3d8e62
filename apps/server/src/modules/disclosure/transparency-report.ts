import type { Client } from '../../platform/db/pools.ts';
import { metricValue, requireMetric, type MetricRegistry, type MetricScope } from '../../platform/metrics/metrics.ts';
import { renderOfficialDocument } from '../../platform/documents/official-document.ts';
import type { Block, TableRowSpec } from '../../platform/documents/blocks.ts';

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
  { label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', level: 2, metrics: [] },
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
export type TransparencyReport = {
  township: string; year: number;
  rows: { label: string; level: number; metrics: readonly string[]; cells: ReportCells | null }[];
  onTime: { value: number | null; numerator: number; denominator: number }; extended: number;
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
  const onTime = await metricValue(c, reg, 'disclosure.onTimeRate', scope);
  const extended = await metricValue(c, reg, 'disclosure.extended', scope);
  return {
    township, year: scope.year,
    rows: applicationRows.map((r, i) => ({ label: r.label, level: r.level, metrics: r.metrics, cells: cells[i] ?? null })),
    onTime: { value: onTime.value, numerator: onTime.numerator ?? 0, denominator: onTime.denominator ?? 0 }, extended: extended.value ?? 0,
  };
};

const cellsRow = (label: string, c: ReportCells | null): TableRowSpec => ({
  cells: [{ text: label, label: true, align: 'left' }, ...[...applicantColumns.map((k) => k.key), 'total' as const].map((k) => ({ text: c ? String(c[k]) : '', align: 'center' as const }))],
});

/** The report as a Word document in the national layout. */
export const renderTransparencyReport = (r: TransparencyReport): Promise<Buffer> => {
  const received = r.rows[0]?.cells?.total ?? 0;
  const concluded = r.rows.find((x) => x.label.startsWith('（七）'))?.cells?.total ?? 0;
  const forward = r.rows.at(-1)?.cells?.total ?? 0;
  const rate = r.onTime.value === null ? '无' : `${(r.onTime.value * 100).toFixed(1)}%`;
  const sections: Block[] = [
    { kind: 'paragraph', text: `本报告依据《中华人民共和国政府信息公开条例》第四十九条、第五十条和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）编制，报告中的统计数据期限为${r.year}年1月1日至12月31日。` },
    { kind: 'heading', level: 1, title: '总体情况' },
    { kind: 'paragraph', text: `${r.year}年，${r.township}人民政府本年新收政府信息公开申请${received}件，办结${concluded}件，结转下年度继续办理${forward}件。按期答复率${rate}（按期${r.onTime.numerator}件，答复期限已有结果${r.onTime.denominator}件），经政府信息公开工作机构负责人同意延长答复期限${r.extended}件。` },
    { kind: 'heading', level: 1, title: '主动公开政府信息情况' },
    { kind: 'paragraph', text: '主动公开的统计（第二十条所列各项）尚未在本系统中登记，本部分由政府信息公开工作机构另行填报。' },
    { kind: 'heading', level: 1, title: '收到和处理政府信息公开申请情况' },
    { kind: 'paragraph', text: '本表数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和。' },
    { kind: 'table', size: 'small', columns: [9, 2, 2, 2, 2, 2, 2, 2], rows: [
      { cells: [{ text: '', label: true }, { text: '自然人', label: true, align: 'center' },
        { text: '法人或其他组织', label: true, span: 5, align: 'center' }, { text: '总计', label: true, align: 'center' }] },
      { cells: [{ text: '', label: true }, { text: '', label: true }, ...applicantColumns.slice(1).map((k) => ({ text: k.zh, label: true, align: 'center' as const })), { text: '', label: true }] },
      ...r.rows.map((x) => cellsRow(x.label, x.cells)),
    ] },
    { kind: 'heading', level: 1, title: '政府信息公开行政复议、行政诉讼情况' },
    { kind: 'paragraph', text: '涉及政府信息公开的行政复议、行政诉讼案件尚未在本系统中登记，本部分由政府信息公开工作机构另行填报。' },
    { kind: 'heading', level: 1, title: '存在的主要问题及改进情况' },
    { kind: 'paragraph', text: '（由政府信息公开工作机构填写。）' },
    { kind: 'heading', level: 1, title: '其他需要报告的事项' },
    { kind: 'paragraph', text: '（由政府信息公开工作机构填写。）' },
  ];
  return renderOfficialDocument({ title: [`${r.township}人民政府`, `${r.year}年政府信息公开工作年度报告`], sections, issuer: `${r.township}人民政府`, date: null, meta: { subject: `${r.year}年政府信息公开工作年度报告` } });
};
