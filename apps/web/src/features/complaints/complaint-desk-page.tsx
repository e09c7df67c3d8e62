import { useState } from 'react';
import { App, Button, Card, Col, InputNumber, Row, Space, Statistic, Typography } from 'antd';
import { DownloadOutlined, FileAddOutlined, UploadOutlined } from '@ant-design/icons';
import type { CaseQuery } from '@fazhi/contracts';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { useLocale } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { LoadError } from '../../shared/load-error.tsx';
import { countText, firstPage, type PageState } from '../../shared/pagination.ts';
import { useRemote } from '../../shared/use-remote.ts';
import { useReportError } from '../../shared/use-report-error.ts';
import { useCan } from '../auth/session-context.tsx';
import { CaseTable } from '../cases/case-table.tsx';
import { useCaseTypes } from '../cases/cases-api.ts';
import { downloadExport, downloadTemplate, fetchComplaints } from './complaints-api.ts';
import { WorkOrderImportModal } from './work-order-import-modal.tsx';
import './complaints.css';

type View = 'new' | 'soon' | 'overdue' | 'rating' | 'open';
const views: Record<View, Omit<CaseQuery, 'type'>> = {
  new: { status: 'registered' },
  soon: { due: 'soon' },
  overdue: { due: 'overdue' },
  rating: { status: 'replied' },
  open: { statusKind: 'open' },
};
const labels: Record<View, MessageKey> = {
  new: 'complaints.desk.tab.new', soon: 'complaints.desk.tab.soon', overdue: 'complaints.desk.tab.overdue', rating: 'complaints.desk.tab.rating', open: 'complaints.desk.tab.all',
};
const colors: Partial<Record<View, string>> = { soon: '#d46b08', overdue: '#cf1322' };

/**
 * 投诉件办理台: new complaints not yet replied, those due soon and overdue, those awaiting the
 * complainant's rating; each a filter of the engine's case list, each row opening the case page
 * (reply, transfer to the responsible office, satisfaction, reopening are its actions).
 */
export const ComplaintDeskPage = () => {
  const { t, locale } = useLocale();
  const can = useCan();
  const navigate = useNavigate();
  const reportError = useReportError();
  const { message } = App.useApp();
  const [view, setView] = useState<View>('new');
  const [paging, setPaging] = useState<PageState>(firstPage);
  const [importing, setImporting] = useState(false);
  const [year, setYear] = useState<number>(dayjs().year());
  const types = useCaseTypes();
  const query = { ...views[view], page: paging.page, pageSize: paging.pageSize };
  const list = useRemote(() => fetchComplaints(query), JSON.stringify(query));
  const counts = useRemote(async () => {
    const keys = Object.keys(views) as View[];
    const totals = await Promise.all(keys.map((k) => fetchComplaints({ ...views[k], page: 1, pageSize: 1 }).then((r) => countText(t, r))));
    return Object.fromEntries(keys.map((k, i) => [k, totals[i]])) as Record<View, string | number>;
  }, `counts:${String(importing)}`);
  const handle = can('petition.handle');
  const pick = (v: View) => { setView(v); setPaging(firstPage); };
  const save = (p: Promise<string>) => { p.then((name) => void message.success(name), reportError); };

  return (
    <div className="fz-cmp-page">
      <Card>
        <div className="fz-cmp-toolbar">
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>{t('complaints.desk.title')}</Typography.Title>
            <Typography.Text type="secondary">{t('complaints.desk.subtitle')}</Typography.Text>
          </div>
          <Space wrap>
            {handle && <Button type="primary" icon={<FileAddOutlined />} onClick={() => void navigate('/console/complaints/new')} data-testid="complaint-new">{t('complaints.desk.new')}</Button>}
            {handle && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>{t('complaints.desk.import')}</Button>}
            {handle && <Button icon={<DownloadOutlined />} onClick={() => save(downloadTemplate(locale))}>{t('complaints.desk.template')}</Button>}
            <Space.Compact>
              <InputNumber aria-label={t('complaints.desk.exportYear')} min={2000} max={2100} value={year} onChange={(v) => setYear(v ?? dayjs().year())} style={{ width: 96 }} />
              <Button icon={<DownloadOutlined />} onClick={() => save(downloadExport(year, locale))}>{t('complaints.desk.export')}</Button>
            </Space.Compact>
          </Space>
        </div>
        <Row gutter={[12, 12]} className="fz-cmp-counts">
          {(Object.keys(views) as View[]).map((v) => (
            <Col key={v} xs={12} sm={8} md={8} lg={4} xl={4} flex="1">
              <Card size="small" hoverable className={`fz-cmp-count${view === v ? ' fz-cmp-count--active' : ''}`} onClick={() => pick(v)} data-testid={`complaint-view-${v}`}>
                <Statistic title={t(labels[v])} value={counts.data?.[v] ?? '—'} loading={counts.loading} styles={{ content: { color: colors[v] } }} />
              </Card>
            </Col>
          ))}
        </Row>
        {list.error !== undefined ? <LoadError error={list.error} onRetry={list.reload} /> : (
          <CaseTable data={list.data} loading={list.loading} types={types.data?.items} paging={paging} onPage={setPaging} emptyText={t('complaints.desk.empty')} />
        )}
      </Card>
      <WorkOrderImportModal open={importing} onClose={() => { setImporting(false); list.reload(); }} />
    </div>
  );
};
