import { Drawer, Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { ReportFigure, ReportFigureRecord } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { formatDate } from '../../shared/format.ts';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useIsPhone } from '../../shared/use-viewport.ts';
import { useCaseTypes } from '../cases/cases-api.ts';
import { fetchFigureRecords } from './annual-report-api.ts';
import { useReport } from './report-context.tsx';

/** A record's status in the screen's language: the state of whichever case type names it (records of one figure are of one module). */
const useStatusOf = () => {
  const { label } = useLocale();
  const types = useCaseTypes();
  return (status: string | undefined): string => {
    if (!status) return '—';
    for (const type of types.data?.items ?? []) {
      const state = type.states.find((s) => s.key === status);
      if (state) return label(state.label);
    }
    return status;
  };
};

/**
 * The records behind one figure of the report (GET /api/annual-reports/:id/figures/:code/records):
 * live while drafting, as frozen at signature once signed. Each opens its case page.
 */
export const FigureRecordsDrawer = ({ reportId, figure, frozen, onClose }: { reportId: string; figure: ReportFigure | null; frozen: boolean; onClose: () => void }) => {
  const { t } = useLocale();
  const phone = useIsPhone();
  const statusOf = useStatusOf();
  const { describe } = useReport();
  const named = figure ? describe(figure) : null;
  const code = figure?.code ?? '';
  const records = useRemote(() => (code ? fetchFigureRecords(reportId, code) : Promise.resolve({ frozen, items: [] })), `${reportId}:${code}`);
  const items = code ? records.data?.items ?? [] : [];
  const detailed = items.some((r) => r.title !== undefined);

  return (
    <Drawer open={figure !== null} onClose={onClose} size={phone ? '100%' : 820} destroyOnHidden data-testid="figure-records"
      title={figure && named ? t('annualReport.figures.recordsOf', { label: named.label, value: figure.text }) : ''}>
      {named && <Typography.Paragraph type="secondary">{named.definition}</Typography.Paragraph>}
      <Typography.Paragraph type="secondary">{t(records.data?.frozen ?? frozen ? 'annualReport.figures.frozenHelp' : 'annualReport.figures.liveHelp')}</Typography.Paragraph>
      <LoadError error={records.error} onRetry={records.reload} />
      <Table<ReportFigureRecord>
        rowKey="id" size="small" loading={records.loading} dataSource={items} scroll={{ x: detailed ? 760 : undefined }}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => t('common.total', { total: n }), placement: ['bottomEnd'] }}
        columns={[
          { title: t('annualReport.records.ref'), dataIndex: 'ref', width: 190, render: (v: string, r) => (detailed || frozen ? <Link to={`/console/cases/${r.id}`} className="fz-num">{v}</Link> : <span className="fz-num">{v}</span>) },
          ...(detailed ? [
            { title: t('annualReport.records.title'), dataIndex: 'title', ellipsis: true },
            { title: t('annualReport.records.org'), dataIndex: 'orgName', width: 130 },
            { title: t('annualReport.records.status'), dataIndex: 'status', width: 130, render: (v: string | undefined) => statusOf(v) },
            { title: t('annualReport.records.received'), dataIndex: 'receivedOn', width: 110, render: (v: string | undefined) => formatDate(v) },
          ] : []),
        ]}
      />
    </Drawer>
  );
};
