import { useState } from 'react';
import { Alert, Button, Modal, Result, Space, Table, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { ComplaintImportProblem, ComplaintImportResult } from '@fazhi/contracts';
import { ApiError } from '../../api/client.ts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { useReportError } from '../../shared/use-report-error.ts';
import { useMe } from '../auth/session-context.tsx';
import { importWorkOrders } from './complaints-api.ts';

const problemsOf = (e: unknown): ComplaintImportProblem[] | null => {
  if (!(e instanceof ApiError) || e.code !== 'COMPLAINT_IMPORT_INVALID') return null;
  const d = e.details as { problems?: ComplaintImportProblem[] } | undefined;
  return d?.problems ?? [];
};

/**
 * 导入12345工单: one step. The server checks every row and writes all of the file or none of it;
 * a refused file comes back with its problems by row, in Chinese, to correct and import again.
 * Importing the same file twice registers nothing twice (the work-order number is unique in the township).
 */
export const WorkOrderImportModal = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const { t, locale } = useLocale();
  const me = useMe();
  const reportError = useReportError();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<ComplaintImportProblem[] | null>(null);
  const [done, setDone] = useState<ComplaintImportResult | null>(null);

  const reset = () => { setFile(null); setProblems(null); setDone(null); };
  const close = () => { reset(); onClose(); };
  const run = async () => {
    if (!file) return;
    setBusy(true);
    try {
      setDone(await importWorkOrders(file, me.csrfToken, locale));
      setProblems(null);
    } catch (e) {
      const p = problemsOf(e);
      if (p) setProblems(p);
      else reportError(e);
    } finally {
      setBusy(false);
    }
  };

  const footer = done ? [<Button key="close" type="primary" onClick={close}>{t('complaints.import.close')}</Button>]
    : problems ? [<Button key="again" type="primary" onClick={reset}>{t('complaints.import.again')}</Button>]
      : [
        <Button key="cancel" onClick={close}>{t('common.cancel')}</Button>,
        <Button key="run" type="primary" disabled={!file} loading={busy} onClick={() => void run()} data-testid="work-order-import">{t('complaints.import.submit')}</Button>,
      ];

  return (
    <Modal open={open} title={t('complaints.import.title')} onCancel={close} footer={footer} width={820} mask={{ closable: false }} destroyOnHidden>
      {!problems && !done && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary">{t('complaints.import.intro')}</Typography.Paragraph>
          <Upload.Dragger accept=".xlsx" maxCount={1} beforeUpload={(f) => { setFile(f); return false; }} onRemove={() => setFile(null)}
            fileList={file ? [{ uid: 'work-orders', name: file.name, status: 'done' }] : []}>
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{t('complaints.import.drop')}</p>
          </Upload.Dragger>
        </Space>
      )}
      {problems && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="error" showIcon title={t('complaints.import.invalid', { n: problems.length })} />
          <Table<ComplaintImportProblem> size="small" rowKey={(p) => `${p.row}:${p.column ?? ''}:${p.message}`} dataSource={problems} pagination={{ pageSize: 10, showSizeChanger: false }}
            columns={[
              { title: t('complaints.import.row'), dataIndex: 'row', width: 70, align: 'right', render: (v: number) => (v > 0 ? v : '—') },
              { title: t('complaints.import.column'), dataIndex: 'column', width: 140, render: (v: string | null) => v ?? '—' },
              { title: t('complaints.import.message'), dataIndex: 'message' },
            ]} />
        </Space>
      )}
      {done && (
        <Result status="success" title={t('complaints.import.done', { created: done.created, existing: done.existing.length })}
          extra={done.existing.length > 0 ? (
            <Table size="small" rowKey="row" pagination={{ pageSize: 8, showSizeChanger: false }} dataSource={done.existing} title={() => t('complaints.import.existing')}
              columns={[
                { title: t('complaints.import.row'), dataIndex: 'row', width: 70 },
                { title: t('complaints.intake.workOrderNo'), dataIndex: 'workOrderNo' },
                { title: t('complaints.import.ref'), dataIndex: 'ref' },
              ]} />
          ) : undefined} />
      )}
    </Modal>
  );
};
