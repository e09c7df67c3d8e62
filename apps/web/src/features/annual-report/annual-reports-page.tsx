import { useState } from 'react';
import { Alert, Button, Card, Empty, Form, Input, InputNumber, List, Modal, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import type { AnnualReportListItem } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { errorToString } from '../../shared/describe-error.ts';
import { formatDateTime } from '../../shared/format.ts';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useFormLayout, useIsPhone } from '../../shared/use-viewport.ts';
import { useCan } from '../auth/session-context.tsx';
import { createReport, fetchReports } from './annual-report-api.ts';
import { useReportStatusLabel } from './report-status.ts';
import '../cases/cases.css';

const caseLink = (id: string): string => `/console/cases/${id}`;

type DraftValues = { year: number; importText?: string };

/** 起草年度报告: the year and, optionally, a text pasted from Word to start from; then the new report's case page. */
const DraftModal = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const { t } = useLocale();
  const layout = useFormLayout();
  const navigate = useNavigate();
  const [form] = Form.useForm<DraftValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const text = values.importText?.trim();
      const created = await createReport({ year: values.year, ...(text ? { importText: text } : {}) });
      void navigate(caseLink(created.id));
    } catch (e) {
      // The server's own words (REPORT_EXISTS, another township…), kept in the dialog beside the form.
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal title={t('annualReport.draft.title')} open={open} onCancel={onClose} width={760} destroyOnHidden
      onOk={() => void submit().catch(() => undefined)} confirmLoading={saving} okText={t('annualReport.draft.ok')} cancelText={t('common.cancel')}>
      {error ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorToString(t, error)} data-testid="report-draft-error" /> : null}
      <Form form={form} {...layout} preserve={false} requiredMark initialValues={{ year: new Date().getFullYear() - 1 }}>
        <Form.Item name="year" label={t('annualReport.draft.year')} rules={[{ required: true, message: t('annualReport.draft.yearRequired') }]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="importText" label={t('annualReport.draft.import')} extra={t('annualReport.draft.importHelp')}>
          <Input.TextArea rows={10} maxLength={100000} />
        </Form.Item>
      </Form>
    </Modal>
  );
};

/** 法治政府建设年度报告: the reports the caller may see, each opening its case page; 起草 for the drafters. */
export const AnnualReportsPage = () => {
  const { t } = useLocale();
  const can = useCan();
  const navigate = useNavigate();
  const statusLabel = useReportStatusLabel();
  const phone = useIsPhone();
  const [drafting, setDrafting] = useState(false);
  const list = useRemote(fetchReports, 'annual-reports');

  const status = (row: AnnualReportListItem) => <Tag color={row.status === 'published' ? 'success' : 'processing'}>{statusLabel(row.status, row.statusLabel)}</Tag>;
  const draftButton = can('report.draft') && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrafting(true)} data-testid="report-draft" block={phone}>{t('annualReport.list.draft')}</Button>
  );

  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>{t('annualReport.list.title')}</Typography.Title>}
      extra={!phone && draftButton}
    >
      <Typography.Paragraph type="secondary">{t('annualReport.list.hint')}</Typography.Paragraph>
      {phone && draftButton && <div style={{ marginBottom: 12 }}>{draftButton}</div>}
      <LoadError error={list.error} onRetry={list.reload} />
      {phone ? (
        // A phone: each report a card, the whole card the link.
        <List<AnnualReportListItem> loading={list.loading} dataSource={list.data?.items}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('annualReport.list.empty')} /> }}
          renderItem={(row) => (
            <Link key={row.id} to={caseLink(row.id)} className="fz-case-card" data-testid={`report-${row.year}`}>
              <div className="fz-case-card__top">
                <span className="fz-case-card__ref">{row.ref}</span>
                {status(row)}
              </div>
              <div className="fz-case-card__title">{row.townshipName} · {t('annualReport.yearN', { year: row.year })}</div>
              <div className="fz-case-card__meta">
                <span>{t('annualReport.versionN', { n: row.version })}</span>
                <span>{formatDateTime(row.updatedAt)}</span>
              </div>
            </Link>
          )} />
      ) : (
        <Table<AnnualReportListItem>
          rowKey="id" size="middle" loading={list.loading} dataSource={list.data?.items} pagination={false} scroll={{ x: 720 }}
          locale={{ emptyText: t('annualReport.list.empty') }}
          onRow={(row) => ({ onClick: () => void navigate(caseLink(row.id)), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('annualReport.col.year'), dataIndex: 'year', width: 110, render: (v: number, row) => <Link to={caseLink(row.id)} onClick={(e) => e.stopPropagation()} data-testid={`report-${v}`}>{t('annualReport.yearN', { year: v })}</Link> },
            { title: t('annualReport.col.township'), dataIndex: 'townshipName', width: 140 },
            { title: t('annualReport.col.ref'), dataIndex: 'ref', width: 180, render: (v: string) => <span className="fz-num">{v}</span> },
            { title: t('annualReport.col.status'), dataIndex: 'status', width: 170, render: (_: string, row) => status(row) },
            { title: t('annualReport.col.version'), dataIndex: 'version', width: 100, render: (v: number) => t('annualReport.versionN', { n: v }) },
            { title: t('annualReport.col.updated'), dataIndex: 'updatedAt', width: 160, render: (v: string) => formatDateTime(v) },
          ]}
        />
      )}
      <DraftModal open={drafting} onClose={() => setDrafting(false)} />
    </Card>
  );
};
