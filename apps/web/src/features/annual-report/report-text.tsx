import { Fragment, type ReactNode } from 'react';
import { Alert, Tag, Tooltip, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { FIGURE_FIELD, type ReportContent, type ReportFinding, type ReportHint } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { useReport } from './report-context.tsx';

export const findingLabels: Record<ReportFinding['kind'], MessageKey> = {
  foreign_township: 'annualReport.finding.foreign_township',
  repeated_text: 'annualReport.finding.repeated_text',
  numbering: 'annualReport.finding.numbering',
  typed_figure: 'annualReport.finding.typed_figure',
  unknown_figure: 'annualReport.finding.unknown_figure',
};

/** The element id of a block on the page (-1: the section's heading), where a finding scrolls to. */
export const blockAnchor = (sectionKey: string, block: number): string => `report-block-${sectionKey}-${block}`;

/** A text cut at its figure fields: plain runs and `{ code }`. */
export const textParts = (text: string): (string | { code: string })[] => {
  const out: (string | { code: string })[] = [];
  let last = 0;
  for (const m of text.matchAll(FIGURE_FIELD)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push({ code: m[1] ?? '' });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
};

/** A live figure in the text: its value as a tag, its label and definition on hover, its records on click (their references only for a caller who may not read its module). */
export const FigureChip = ({ code }: { code: string }) => {
  const { t } = useLocale();
  const { figure, catalogue, openFigure, describe } = useReport();
  const f = figure(code);
  if (!f) {
    return <Tooltip title={t('annualReport.figure.unknown', { code })}><Tag color="error" className="fz-report-chip">{`{{${code}}}`}</Tag></Tooltip>;
  }
  // Every figure opens its records: in full for a caller who reads its module (the catalogue's), else their references.
  const full = !catalogue || catalogue.some((m) => m.code === code);
  const tip = (
    <>
      <div>{t('annualReport.figure.tip', describe(f))}</div>
      <div style={{ opacity: 0.75 }}>{t(full ? 'annualReport.figure.open' : 'annualReport.figure.refsOnly')}</div>
    </>
  );
  return (
    <Tooltip title={tip}>
      <Tag color="blue" className="fz-report-chip fz-report-chip--link" data-testid={`figure-${code}`}
        onClick={() => openFigure(code)} role="button" tabIndex={0}
        onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); openFigure(code); } }}>
        {f.text}
      </Tag>
    </Tooltip>
  );
};

/** A text with its figure fields as chips. */
export const FigureText = ({ text }: { text: string }) => (
  <>{textParts(text).map((p, i) => (typeof p === 'string' ? <Fragment key={i}>{p}</Fragment> : <FigureChip key={i} code={p.code} />))}</>
);

/** What the checks found in one block, in place under it. */
export const BlockFindings = ({ findings }: { findings: readonly ReportFinding[] }) => {
  const { t } = useLocale();
  if (findings.length === 0) return null;
  return (
    <Alert type="warning" showIcon className="fz-report-finding" data-testid="report-finding"
      title={(
        <ul className="fz-report-finding__list">
          {findings.map((f, i) => <li key={i}><Tag color="warning">{t(findingLabels[f.kind])}</Tag>{f.message}</li>)}
        </ul>
      )} />
  );
};

type ReaderProps = {
  content: ReportContent;
  findings?: readonly ReportFinding[];
  hints?: readonly ReportHint[];
  /** Anchors for the checks card to scroll to (only the text on the page has them, not a version in a drawer). */
  anchors?: boolean;
};

/** The report as it reads: title, each part's heading (with the hints for the editor), its subheadings and paragraphs, the findings under their block. */
export const ReportReader = ({ content, findings = [], hints = [], anchors = false }: ReaderProps) => {
  const { t } = useLocale();
  const at = (sectionKey: string, block: number) => findings.filter((f) => f.sectionKey === sectionKey && f.block === block);
  const id = (sectionKey: string, block: number) => (anchors ? blockAnchor(sectionKey, block) : undefined);
  const block = (key: string, i: number, node: ReactNode) => (
    <div key={i} id={id(key, i)} className="fz-report-block">
      {node}
      <BlockFindings findings={at(key, i)} />
    </div>
  );
  return (
    <article className="fz-report-text" data-testid="report-text">
      <h2 className="fz-report-text__title"><FigureText text={content.title} /></h2>
      {content.sections.map((s) => (
        <section key={s.key} className="fz-report-text__section">
          {s.heading && (
            <div id={id(s.key, -1)} className="fz-report-block">
              <h3 className="fz-report-text__heading"><FigureText text={s.heading} /></h3>
              <BlockFindings findings={at(s.key, -1)} />
            </div>
          )}
          {hints.filter((h) => h.sectionKey === s.key).map((h, i) => (
            <Typography.Paragraph key={`hint${i}`} type="secondary" className="fz-report-hint"><InfoCircleOutlined /> {h.message}</Typography.Paragraph>
          ))}
          {s.blocks.length === 0 && <Typography.Paragraph type="secondary">{t('annualReport.text.emptySection')}</Typography.Paragraph>}
          {s.blocks.map((b, i) => block(s.key, i, b.kind === 'heading'
            ? <h4 className="fz-report-text__subheading"><FigureText text={b.text} /></h4>
            : <p className="fz-report-text__paragraph"><FigureText text={b.text} /></p>))}
        </section>
      ))}
    </article>
  );
};
