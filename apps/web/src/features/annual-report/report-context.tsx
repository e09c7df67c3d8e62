import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { FIGURE_FIELD, type AnnualReportView, type CaseView, type MetricCatalogue, type ReportContent, type ReportFigure } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { useRemote, type Remote } from '../../shared/use-remote.ts';
import { fetchMetricCatalogue, fetchReport } from './annual-report-api.ts';
import { FigureRecordsDrawer } from './figure-records-drawer.tsx';

export type ReportState = {
  /** The report as last read or saved (undefined while the first read runs). */
  report: AnnualReportView | undefined;
  remote: Remote<AnnualReportView>;
  /** A save's answer replaces the report on screen. */
  setReport: (next: AnnualReportView) => void;
  /** Reads the report again, dropping what a save put on screen (a stale edit). */
  reload: () => void;
  /** The registry's figures the caller may read (what can be inserted, whose records may be opened). */
  catalogue: MetricCatalogue['items'] | undefined;
  figure: (code: string) => ReportFigure | undefined;
  /** The report's figures in the order the text first uses them. */
  figures: ReportFigure[];
  /** A figure's label and definition in the screen's language (the registry's), else as the report stored them. */
  describe: (f: ReportFigure) => { label: string; definition: string };
  /** Opens the drawer of the records behind a figure. */
  openFigure: (code: string) => void;
};

/** The figure codes of a text in the order they first appear. */
const codesInOrder = (content: ReportContent): string[] => {
  const texts = [content.title, ...content.sections.flatMap((s) => [s.heading, ...s.blocks.map((b) => b.text)])];
  return [...new Set(texts.flatMap((t) => [...t.matchAll(FIGURE_FIELD)].map((m) => m[1] ?? '')))];
};

const ReportContext = createContext<ReportState | null>(null);

export const useReport = (): ReportState => {
  const value = useContext(ReportContext);
  if (!value) throw new Error('useReport used outside the report provider');
  return value;
};

/**
 * The report read once for the text panel and the side cards (GET /api/annual-reports/:id),
 * again whenever the case moves (a step changes what is editable and freezes the figures).
 */
export const ReportProvider = ({ view, children }: { view: CaseView; children: ReactNode }) => {
  const remote = useRemote(() => fetchReport(view.id), `${view.id}:${view.version}`);
  const catalogue = useRemote(fetchMetricCatalogue, 'metrics');
  const [saved, setSaved] = useState<AnnualReportView | null>(null);
  // The figure whose records are open, for this report only (the page may move to another case).
  const [opened, setOpened] = useState<{ reportId: string; code: string } | null>(null);
  const open = opened?.reportId === view.id ? opened.code : null;
  const { reload: reread } = remote;
  // A save's answer stands until the case moves or the report is read again.
  const report = saved && saved.id === view.id && saved.caseVersion === view.version && saved.version >= (remote.data?.version ?? 0) ? saved : remote.data;
  const reload = useCallback(() => {
    setSaved(null);
    reread();
  }, [reread]);
  const { label } = useLocale();
  const value = useMemo<ReportState>(() => {
    const byCode = new Map((report?.figures ?? []).map((f) => [f.code, f]));
    const order = report ? codesInOrder(report.content) : [];
    const rank = (code: string) => { const i = order.indexOf(code); return i < 0 ? order.length : i; };
    const listed = new Map((catalogue.data?.items ?? []).map((m) => [m.code, m]));
    return {
      report, remote, setReport: setSaved, reload, catalogue: catalogue.data?.items,
      figure: (code) => byCode.get(code),
      figures: [...(report?.figures ?? [])].sort((a, b) => rank(a.code) - rank(b.code)),
      describe: (f) => {
        const m = listed.get(f.code);
        return m ? { label: label(m.label), definition: label(m.definition) } : { label: f.label, definition: f.definition };
      }, openFigure: (code) => setOpened({ reportId: view.id, code }),
    };
  }, [report, remote, reload, catalogue.data, view.id, label]);
  return (
    <ReportContext value={value}>
      {children}
      <FigureRecordsDrawer reportId={view.id} figure={open ? report?.figures.find((f) => f.code === open) ?? null : null} frozen={report?.frozen ?? false} onClose={() => setOpened(null)} />
    </ReportContext>
  );
};
