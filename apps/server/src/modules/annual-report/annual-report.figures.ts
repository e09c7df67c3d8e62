import type { ReportContent, ReportFigure } from '@fazhi/contracts';
import type { Client } from '../../platform/db/pools.ts';
import type { CaseCtx } from '../../platform/cases/context.ts';
import { AppError } from '../../platform/errors.ts';
import { FIGURE_FIELD, metricRecords, metricValue, requireMetric, townshipsOf, type MetricRegistry, type MetricScope, type MetricValue } from '../../platform/metrics/metrics.ts';

/** The figure fields a text uses, in the order they first appear. */
export const figureCodes = (content: ReportContent): string[] => {
  const seen = new Set<string>();
  const texts = [content.title, ...content.sections.flatMap((s) => [s.heading, ...s.blocks.map((b) => b.text)])];
  for (const t of texts) for (const m of t.matchAll(FIGURE_FIELD)) if (m[1]) seen.add(m[1]);
  return [...seen];
};

/** A figure as the report prints it: a count as a number, a rate as a percentage to one decimal (96.5%); no cases to divide: 无. */
export const figureText = (unit: 'count' | 'rate', value: number | null): string => {
  if (value === null) return '无';
  if (unit === 'count') return String(value);
  return `${(Math.round(value * 1000) / 10).toFixed(1).replace(/\.0$/, '')}%`;
};

const toFigure = (reg: MetricRegistry, v: MetricValue): ReportFigure => {
  const m = requireMetric(reg, v.code);
  return {
    code: v.code, label: m.label.zh, definition: m.definition.zh, unit: v.unit, value: v.value, text: figureText(v.unit, v.value),
    ...(v.numerator !== undefined ? { numerator: v.numerator } : {}), ...(v.denominator !== undefined ? { denominator: v.denominator } : {}),
  };
};

/** A township's scope for a year: its whole subtree (the report covers the town and its villages). */
export const reportScope = async (c: Client, townshipId: string, year: number): Promise<MetricScope> =>
  ({ year, orgId: townshipId, townshipIds: await townshipsOf(c, townshipId) });

/**
 * The figures the text uses, live from the registry (each one statement over the records,
 * under the caller's row-level security). A code the registry does not know is left out; the
 * checks name it (`unknown_figure`).
 */
export const liveFigures = async (c: Client, reg: MetricRegistry, scope: MetricScope, codes: readonly string[]): Promise<ReportFigure[]> => {
  const out: ReportFigure[] = [];
  for (const code of codes) if (reg.has(code)) out.push(toFigure(reg, await metricValue(c, reg, code, scope)));
  return out;
};

type FrozenRow = { code: string; unit: 'count' | 'rate'; label: string; definition: string; value: string | null; numerator: number | null; denominator: number | null };

/** The figures a signed report was signed with. */
export const frozenFigures = async (c: Client, caseId: string): Promise<ReportFigure[]> =>
  (await c.query<FrozenRow>('SELECT code, unit, label, definition, value, numerator, denominator FROM annual_report_figures WHERE case_id = $1 ORDER BY code', [caseId])).rows
    .map((r) => {
      const value = r.value === null ? null : Number(r.value);
      return {
        code: r.code, unit: r.unit, label: r.label, definition: r.definition, value, text: figureText(r.unit, value),
        ...(r.numerator !== null ? { numerator: r.numerator } : {}), ...(r.denominator !== null ? { denominator: r.denominator } : {}),
      };
    });

/** The records behind a frozen figure, as they were when the report was signed. */
export const frozenRecords = async (c: Client, caseId: string, code: string): Promise<{ id: string; ref: string }[] | null> =>
  (await c.query<{ records: { id: string; ref: string }[] }>('SELECT records FROM annual_report_figures WHERE case_id = $1 AND code = $2', [caseId, code])).rows[0]?.records ?? null;

/** The report's row and its latest text. */
export const loadReport = async (c: Client, caseId: string): Promise<{ townshipId: string; year: number; signedVersion: number | null; version: number; content: ReportContent }> => {
  const { rows } = await c.query<{ township_id: string; year: number; signed_version: number | null; version: number; content: ReportContent }>(
    `SELECT r.township_id, r.year, r.signed_version, v.version, v.content
       FROM annual_reports r JOIN LATERAL (SELECT version, content FROM annual_report_versions WHERE case_id = r.case_id ORDER BY version DESC LIMIT 1) v ON true
      WHERE r.case_id = $1`, [caseId]);
  const r = rows[0];
  if (!r) throw new AppError('NOT_FOUND');
  return { townshipId: r.township_id, year: r.year, signedVersion: r.signed_version, version: r.version, content: r.content };
};

/**
 * The principal leader signs (`approve`): every figure the text uses is computed once more and
 * kept with its definition and the references of the records behind it, and the signed version
 * is recorded. From then on the report shows these, whatever happens to the records.
 */
export const freezeFigures = async (ctx: CaseCtx, caseId: string): Promise<void> => {
  const c = ctx.client;
  const reg = ctx.engine.metrics;
  const report = await loadReport(c, caseId);
  const scope = await reportScope(c, report.townshipId, report.year);
  // Signed again after a return: only the figures of the text now signed stay.
  await c.query('DELETE FROM annual_report_figures WHERE case_id = $1', [caseId]);
  for (const code of figureCodes(report.content)) {
    if (!reg.has(code)) throw new AppError('REPORT_UNKNOWN_FIGURE', { code });
    const m = requireMetric(reg, code);
    const v = await metricValue(c, reg, code, scope);
    const records = (await metricRecords(c, reg, code, scope)).map((r) => ({ id: r.id, ref: r.ref }));
    await c.query(
      `INSERT INTO annual_report_figures (case_id, township_id, code, unit, label, definition, value, numerator, denominator, records)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      [caseId, report.townshipId, code, m.unit, m.label.zh, m.definition.zh, v.value, v.numerator ?? null, v.denominator ?? null, JSON.stringify(records)]);
  }
  await c.query('UPDATE annual_reports SET signed_version = $2 WHERE case_id = $1', [caseId, report.version]);
};

/** Fills a text's figure fields with the figures' printed values. */
export const fillFigures = (text: string, figures: ReadonlyMap<string, ReportFigure>): string =>
  text.replace(FIGURE_FIELD, (all, code: string) => figures.get(code)?.text ?? all);
