import type { AnnualReportListItem, AnnualReportView, ReportContent, ReportFigure } from '@fazhi/contracts';
import { createCase } from '../../platform/cases/create-case.ts';
import { loadCaseHead } from '../../platform/cases/transition.ts';
import type { CaseCtx } from '../../platform/cases/context.ts';
import type { Client } from '../../platform/db/pools.ts';
import { isUniqueViolation } from '../../platform/db/pools.ts';
import { assertCanAt, canAt } from '../../platform/access/scope.ts';
import { AppError } from '../../platform/errors.ts';
import { beijingIsoDate } from '../../platform/documents/chinese-text.ts';
import { FIGURE_FIELD, metricValue, type ReportPart } from '../../platform/metrics/metrics.ts';
import type { Platform } from '../../platform/platform.ts';
import { checkReport } from './annual-report.checks.ts';
import { figureCodes, frozenFigures, liveFigures, loadReport, reportScope } from './annual-report.figures.ts';
import { draftContent, draftHints, importText, liveFieldsFromTyped, withMissingParts } from './annual-report.outline.ts';
import { renderReportDocument } from './annual-report.document.ts';

export const REPORT_TYPE = 'annual_report';

/** What drafting and rendering read of the platform: the modules and their figures (the CLI builds it without a server). */
export type ReportSources = Pick<Platform, 'metrics' | 'modules'>;

/** Every module's report parts (modules/<m>/<m>.module.ts `reportParts`). */
export const reportParts = (platform: ReportSources): ReportPart[] => platform.modules.flatMap((m) => m.reportParts ?? []);

type Township = { id: string; name: string; county: string | null };
export const township = async (c: Client, id: string): Promise<Township> => {
  const t = (await c.query<{ id: string; name: string; county: string | null }>(
    `SELECT t.id, t.name, p.name AS county FROM orgs t LEFT JOIN orgs p ON p.id = t.parent_id AND p.kind = 'county' WHERE t.id = $1 AND t.kind = 'township'`, [id])).rows[0];
  if (!t) throw new AppError('REPORT_TOWNSHIP_REQUIRED');
  return t;
};

/** Which parts had records that year (their `inUse` count above nought), read under the caller's scope. */
export const partsInUse = async (c: Client, platform: ReportSources, townshipId: string, year: number): Promise<Set<string>> => {
  const scope = await reportScope(c, townshipId, year);
  const used = new Set<string>();
  for (const p of reportParts(platform)) if (((await metricValue(c, platform.metrics, p.inUse, scope)).value ?? 0) > 0) used.add(p.key);
  return used;
};

/** Figure fields the registry does not know: a text with one cannot be saved. */
const assertKnownFigures = (platform: Platform, content: ReportContent): void => {
  const unknown = figureCodes(content).filter((c) => !platform.metrics.has(c));
  if (unknown.length > 0) throw new AppError('REPORT_UNKNOWN_FIGURE', { codes: unknown });
};

/**
 * A township's report for a year: a case of type annual_report at the township (who may draft
 * there is the engine's check), its row (one per township and year) and the first version of
 * its text — the generated draft, or a text pasted from an existing report.
 */
export const createReport = async (platform: Platform, ctx: CaseCtx, input: { year: number; townshipId?: string; importText?: string }): Promise<string> => {
  const principal = ctx.principal;
  if (!principal) throw new AppError('FORBIDDEN');
  const c = ctx.client;
  const tid = input.townshipId ?? principal.townshipId;
  if (!tid) throw new AppError('REPORT_TOWNSHIP_REQUIRED');
  await assertCanAt(c, principal, 'report.draft', tid);
  const t = await township(c, tid);
  if ((await c.query('SELECT 1 FROM annual_reports WHERE township_id = $1 AND year = $2', [t.id, input.year])).rowCount) throw new AppError('REPORT_EXISTS');
  const parts = reportParts(platform);
  let content: ReportContent;
  if (input.importText?.trim()) {
    // A pasted text's typed figures that the records confirm become live fields; the others stay for the checks.
    const named = [...new Set(parts.flatMap((p) => Object.keys(p.figureWords ?? {})))];
    const values = new Map((await liveFigures(c, platform.metrics, await reportScope(c, t.id, input.year), named)).map((f) => [f.code, f.value]));
    // The modules in use that the text does not speak of get their paragraphs under 二, so every figure is there.
    content = withMissingParts(liveFieldsFromTyped(importText(input.importText, input.year), parts, values), parts, await partsInUse(c, platform, t.id, input.year));
  } else content = draftContent(input.year, t.name, parts, await partsInUse(c, platform, t.id, input.year));
  assertKnownFigures(platform, content);
  const kase = await createCase(ctx, { type: REPORT_TYPE, orgId: t.id, title: `${t.name}${input.year}年法治政府建设情况报告`, data: { year: input.year }, assigneeIds: [principal.userId] });
  try {
    await c.query('SAVEPOINT annual_report_row');
    await c.query('INSERT INTO annual_reports (case_id, township_id, year) VALUES ($1,$2,$3)', [kase.id, t.id, input.year]);
    await c.query('RELEASE SAVEPOINT annual_report_row');
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('REPORT_EXISTS');
    throw e;
  }
  await c.query('INSERT INTO annual_report_versions (case_id, township_id, version, content, note, author_id) VALUES ($1,$2,1,$3,$4,$5)',
    [kase.id, t.id, JSON.stringify(content), input.importText ? '导入已有文稿' : '系统生成初稿', principal.userId]);
  return kase.id;
};

/** A new version of the text: only while drafting, by a drafter, over the latest version. */
export const saveReport = async (platform: Platform, ctx: CaseCtx, caseId: string, input: { baseVersion: number; content: ReportContent; note?: string }): Promise<void> => {
  const principal = ctx.principal;
  if (!principal) throw new AppError('FORBIDDEN');
  const { head } = await loadCaseHead(ctx, caseId, true);
  if (head.case_type !== REPORT_TYPE) throw new AppError('NOT_FOUND');
  await assertCanAt(ctx.client, principal, 'report.draft', head.org_id);
  if (head.status !== 'drafting') throw new AppError('REPORT_NOT_EDITABLE', { status: head.status });
  assertKnownFigures(platform, input.content);
  const latest = (await loadReport(ctx.client, caseId)).version;
  if (input.baseVersion !== latest) throw new AppError('REPORT_VERSION_STALE', { currentVersion: latest });
  await ctx.client.query('INSERT INTO annual_report_versions (case_id, township_id, version, content, note, author_id) VALUES ($1,$2,$3,$4,$5,$6)',
    [caseId, head.township_id, latest + 1, JSON.stringify(input.content), input.note ?? null, principal.userId]);
  await ctx.audit({ orgId: head.org_id, townshipId: head.township_id, action: 'annual_report.save', entity: 'case', entityId: caseId, after: { version: latest + 1 } });
};

/** The figures a report shows: frozen once signed, live before. */
export const reportFigures = async (platform: ReportSources, c: Client, caseId: string, r: { townshipId: string; year: number; signedVersion: number | null; content: ReportContent }): Promise<{ figures: ReportFigure[]; frozen: boolean }> =>
  r.signedVersion !== null
    ? { figures: await frozenFigures(c, caseId), frozen: true }
    : { figures: await liveFigures(c, platform.metrics, await reportScope(c, r.townshipId, r.year), figureCodes(r.content)), frozen: false };

const statusLabel = (platform: Platform, status: string): string => platform.cases.types.get(REPORT_TYPE)?.states[status]?.label.zh ?? status;

/** The report as the editor shows it: text, figures, what the checks found, hints, versions. */
export const reportView = async (platform: Platform, ctx: CaseCtx, caseId: string): Promise<AnnualReportView> => {
  const c = ctx.client;
  const { head } = await loadCaseHead(ctx, caseId);
  if (head.case_type !== REPORT_TYPE) throw new AppError('NOT_FOUND');
  const r = await loadReport(c, caseId);
  const t = await township(c, r.townshipId);
  // The text shown is the latest; once signed it is the signed one (a later version cannot exist: editing stops at review).
  const { figures, frozen } = await reportFigures(platform, c, caseId, r);
  const byCode = new Map(figures.map((f) => [f.code, f]));
  const parts = reportParts(platform);
  // The typed-figure check compares with every figure a part names, not only those the text uses as fields.
  const named = [...new Set(parts.flatMap((p) => Object.keys(p.figureWords ?? {})))].filter((code) => !byCode.has(code));
  const compare = frozen ? byCode : new Map([...byCode, ...(await liveFigures(c, platform.metrics, await reportScope(c, r.townshipId, r.year), named)).map((f) => [f.code, f] as const)]);
  const others = (await c.query<{ name: string }>("SELECT name FROM orgs WHERE kind = 'township' AND id <> $1", [r.townshipId])).rows.map((x) => x.name);
  const findings = checkReport(r.content, { township: t.name, otherTownships: others, figures: compare, parts }, new Set(platform.metrics.keys()));
  const labels = new Map(parts.map((p) => [p.key, p.heading.zh]));
  const hints = frozen ? [] : draftHints(parts, await partsInUse(c, platform, r.townshipId, r.year), labels);
  const versions = (await c.query<{ version: number; author_name: string | null; note: string | null; created_at: Date }>(
    `SELECT v.version, u.display_name AS author_name, v.note, v.created_at FROM annual_report_versions v LEFT JOIN users u ON u.id = v.author_id
      WHERE v.case_id = $1 ORDER BY v.version DESC`, [caseId])).rows;
  const editable = head.status === 'drafting' && !!ctx.principal && (await canAt(c, ctx.principal, 'report.draft', head.org_id));
  return {
    id: caseId, ref: head.ref, status: head.status, statusLabel: statusLabel(platform, head.status), year: r.year,
    townshipId: t.id, townshipName: t.name, countyName: t.county, caseVersion: head.version, version: r.version, content: r.content,
    figures, frozen, findings, hints, editable,
    versions: versions.map((v) => ({ version: v.version, authorName: v.author_name, note: v.note, createdAt: v.created_at.toISOString() })),
  };
};

/** The reports the caller may see (row-level security), newest year first. */
export const listReports = async (platform: Platform, c: Client, year: number | null): Promise<AnnualReportListItem[]> => {
  const { rows } = await c.query<{ id: string; ref: string; year: number; township_name: string; status: string; version: number; updated_at: Date }>(
    `SELECT k.id, k.ref, r.year, t.name AS township_name, k.status, (SELECT max(version) FROM annual_report_versions v WHERE v.case_id = k.id)::int AS version, k.updated_at
       FROM annual_reports r JOIN cases k ON k.id = r.case_id JOIN orgs t ON t.id = r.township_id
      WHERE ($1::int IS NULL OR r.year = $1) ORDER BY r.year DESC, t.sort_order, t.name`, [year]);
  return rows.map((x) => ({ id: x.id, ref: x.ref, year: x.year, townshipName: x.township_name, status: x.status, statusLabel: statusLabel(platform, x.status), version: x.version, updatedAt: x.updated_at.toISOString() }));
};

/** The signing day (Beijing) from the timeline, for the document's 成文日期. */
const signedOn = async (c: Client, caseId: string): Promise<string | null> => {
  const at = (await c.query<{ step_on: string | null; at: Date }>(
    "SELECT e.payload ->> 'on' AS step_on, e.at FROM case_events e WHERE e.case_id = $1 AND e.transition = 'approve' ORDER BY e.id DESC LIMIT 1", [caseId])).rows[0];
  return at ? at.step_on ?? beijingIsoDate(at.at) : null;
};

/** The report as a Word document: the draft with live figures, or the signed text with its frozen ones. */
export const reportDocument = async (platform: ReportSources, c: Client, caseId: string): Promise<{ fileName: string; bytes: Buffer }> => {
  const r = await loadReport(c, caseId);
  const t = await township(c, r.townshipId);
  const content = r.signedVersion !== null
    ? (await c.query<{ content: ReportContent }>('SELECT content FROM annual_report_versions WHERE case_id = $1 AND version = $2', [caseId, r.signedVersion])).rows[0]?.content ?? r.content
    : r.content;
  const { figures, frozen } = await reportFigures(platform, c, caseId, { ...r, content });
  const ordered = figureCodes(content).map((code) => figures.find((f) => f.code === code)).filter((f): f is ReportFigure => !!f);
  const bytes = await renderReportDocument({ content, figures: ordered, township: t.name, county: t.county, year: r.year, signedOn: frozen ? await signedOn(c, caseId) : null, draft: !frozen });
  return { fileName: `${t.name}${r.year}年法治政府建设情况报告${frozen ? '' : '（草稿）'}.docx`, bytes };
};

/** The published text as plain paragraphs for the public portal (figures filled, the frozen ones). */
export const publicParagraphs = (content: ReportContent, figures: readonly ReportFigure[]): { kind: 'title' | 'heading' | 'paragraph'; text: string }[] => {
  const byCode = new Map(figures.map((f) => [f.code, f]));
  const fill = (s: string): string => s.replace(FIGURE_FIELD, (all, code: string) => byCode.get(code)?.text ?? all);
  return content.sections.flatMap((s) => [
    ...(s.heading ? [{ kind: 'heading' as const, text: s.heading }] : []),
    ...s.blocks.map((b) => ({ kind: b.kind, text: fill(b.text) })),
  ]);
};
