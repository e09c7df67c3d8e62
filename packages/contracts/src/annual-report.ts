import { Type, type Static } from 'typebox';

/**
 * The annual report on rule-of-law government (法治政府建设情况报告): its text is sections of
 * headings and paragraphs; a figure in a paragraph is a live field `{{module.metric}}`, filled
 * from the metrics registry (frozen when the principal leader signs the report).
 */
/** A live figure field in a report's text: `{{module.metric}}`, the registry's code in group 1. */
export const FIGURE_FIELD = /\{\{([a-z][a-z0-9_]*\.[a-zA-Z][a-zA-Z0-9_]*)\}\}/g;

export const reportSectionKeys = ['preface', 'duties', 'measures', 'shortcomings', 'plans', 'other'] as const;
export type ReportSectionKey = (typeof reportSectionKeys)[number];

/** Printable text only: no control characters (a NUL or a stray escape never reaches the database). */
const Text = (maxLength: number) => Type.String({ maxLength, pattern: '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F]*$' });

export const ReportBlock = Type.Object({
  kind: Type.Union([Type.Literal('heading'), Type.Literal('paragraph')]),
  text: Text(20000),
}, { additionalProperties: false });
export type ReportBlock = Static<typeof ReportBlock>;

export const ReportSection = Type.Object({
  key: Type.Union([Type.Literal('preface'), Type.Literal('duties'), Type.Literal('measures'), Type.Literal('shortcomings'), Type.Literal('plans'), Type.Literal('other')]),
  heading: Text(200),
  blocks: Type.Array(ReportBlock, { maxItems: 300 }),
}, { additionalProperties: false });
export type ReportSection = Static<typeof ReportSection>;

export const ReportContent = Type.Object({
  title: Text(200),
  sections: Type.Array(ReportSection, { minItems: 1, maxItems: 10 }),
}, { additionalProperties: false });
export type ReportContent = Static<typeof ReportContent>;

export const CreateAnnualReportBody = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  /** The township; default: the caller's own. */
  townshipId: Type.Optional(Type.String({ format: 'uuid' })),
  /** Text of an existing draft (pasted from Word) to start from instead of the generated one. */
  importText: Type.Optional(Text(100000)),
}, { additionalProperties: false });

export const SaveAnnualReportBody = Type.Object({
  /** The version the edit was made on: a save over a newer version is refused (409). */
  baseVersion: Type.Integer({ minimum: 1 }),
  content: ReportContent,
  note: Type.Optional(Text(500)),
}, { additionalProperties: false });

export type ReportFigure = {
  code: string; label: string; definition: string; unit: 'count' | 'rate';
  value: number | null; numerator?: number; denominator?: number; text: string;
};

export type ReportFinding = {
  kind: 'foreign_township' | 'repeated_text' | 'numbering' | 'typed_figure' | 'unknown_figure';
  sectionKey: ReportSectionKey; block: number;
  /** The text found (a name, the repeated passage, a marker, a typed number). */
  excerpt: string;
  /** What the reviewer should know, in Chinese. */
  message: string;
  /** For a typed figure: the registry's code and value. */
  code?: string; expected?: string;
};

export type ReportHint = { sectionKey: ReportSectionKey; message: string };

export type AnnualReportView = {
  id: string; ref: string; status: string; statusLabel: string; year: number;
  townshipId: string; townshipName: string; countyName: string | null;
  caseVersion: number; version: number; content: ReportContent;
  /** Live until the report is signed, then the frozen figures it was signed with. */
  figures: ReportFigure[]; frozen: boolean;
  findings: ReportFinding[]; hints: ReportHint[];
  versions: { version: number; authorName: string | null; note: string | null; createdAt: string }[];
  editable: boolean;
};

export type AnnualReportListItem = { id: string; ref: string; year: number; townshipName: string; status: string; statusLabel: string; version: number; updatedAt: string };

export type PublicAnnualReport = { id: string; year: number; townshipName: string; title: string; publishedOn: string | null; paragraphs: { kind: 'title' | 'heading' | 'paragraph'; text: string }[] };

export type CreateAnnualReportBody = Static<typeof CreateAnnualReportBody>;
export type SaveAnnualReportBody = Static<typeof SaveAnnualReportBody>;

export type AnnualReportList = { items: AnnualReportListItem[] };

/** The text of one saved version (read-only in the editor's version list). */
export type ReportVersionText = { version: number; content: ReportContent };

/**
 * The records behind one figure of a report: the live list (with title, status, dates, org)
 * while drafting; once signed, the ids and references frozen with the figure.
 */
export type ReportFigureRecord = { id: string; ref: string; title?: string; status?: string; receivedOn?: string; endedOn?: string | null; orgName?: string };
export type ReportFigureRecords = { frozen: boolean; items: ReportFigureRecord[] };

export type PublicAnnualReportListItem = { id: string; year: number; townshipName: string; title: string; publishedOn: string | null };
export type PublicAnnualReportList = { items: PublicAnnualReportListItem[] };

/** The metrics registry's catalogue (`GET /api/metrics`): the figures the caller may read, with their labels and definitions. */
export const MetricCatalogue = Type.Object({
  items: Type.Array(Type.Object({
    code: Type.String(), unit: Type.String(),
    label: Type.Object({ zh: Type.String(), en: Type.String() }),
    definition: Type.Object({ zh: Type.String(), en: Type.String() }),
  })),
});
export type MetricCatalogue = Static<typeof MetricCatalogue>;
