import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Form, Modal, Progress, Result, Space, Statistic, Table, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { LedgerProblem } from '@fazhi/contracts';
import { Link } from 'react-router';
import type { LedgerImportCreated, LedgerImportView } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { useReportError } from '../../shared/use-report-error.ts';
import { useIsPhone } from '../../shared/use-viewport.ts';
import { useMe } from '../auth/session-context.tsx';
import { OrgTreeSelect } from '../orgs/org-tree-select.tsx';
import { uploadFile } from './file-transfer.ts';
import { acceptImport, fetchImport } from './mediation-api.ts';
import { useHandleOrgs } from './use-handle-orgs.ts';

const finished = new Set(['done', 'done_with_errors', 'failed']);

/**
 * 导入台账: the file is checked row by row and nothing is written; the clerk reads every problem
 * and only then accepts, which writes the valid rows in the background while this shows progress.
 */
export const LedgerImportModal = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const { t, locale } = useLocale();
  const me = useMe();
  const phone = useIsPhone();
  const handle = useHandleOrgs();
  const reportError = useReportError();
  const [file, setFile] = useState<File | null>(null);
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const [checked, setChecked] = useState<LedgerImportCreated | null>(null);
  const [agreed, setAgreed] = useState(false);
  const [job, setJob] = useState<LedgerImportView | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!job || finished.has(job.status)) return;
    const timer = window.setTimeout(() => { fetchImport(job.id).then(setJob, reportError); }, 1000);
    return () => window.clearTimeout(timer);
  }, [job, reportError]);

  const reset = () => { setFile(null); setChecked(null); setAgreed(false); setJob(null); };
  const close = () => { reset(); onClose(); };
  const check = async () => {
    if (!file) return;
    setBusy(true);
    try {
      setChecked(await uploadFile<LedgerImportCreated>(`/mediation/ledger/imports${orgId ? `?orgId=${orgId}` : ''}`, file, me.csrfToken, locale));
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };
  const accept = async () => {
    if (!checked) return;
    setBusy(true);
    try {
      setJob(await acceptImport(checked.importId));
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };

  const footer = job ? [<Button key="close" type="primary" onClick={close} disabled={!finished.has(job.status)}>{t('mediation.ledger.close')}</Button>]
    : checked ? [
      <Button key="back" onClick={reset}>{t('mediation.ledger.again')}</Button>,
      <Button key="accept" type="primary" danger={checked.problems.length > 0} disabled={!agreed || checked.valid === 0} loading={busy} onClick={() => void accept()}>
        {t('mediation.ledger.accept', { n: checked.valid })}
      </Button>,
    ] : [
      <Button key="cancel" onClick={close}>{t('common.cancel')}</Button>,
      <Button key="check" type="primary" disabled={!file} loading={busy} onClick={() => void check()}>{t('mediation.ledger.check')}</Button>,
    ];

  return (
    <Modal open={open} title={t('mediation.ledger.import')} onCancel={close} footer={footer} width={860} mask={{ closable: false }} destroyOnHidden>
      {!checked && !job && (
        <Form layout="vertical">
          <Form.Item label={t('mediation.ledger.target')} extra={t('mediation.ledger.targetHelp')}>
            <OrgTreeSelect orgs={handle.orgs} value={orgId} onChange={setOrgId} allowClear placeholder={me.user.orgName} />
          </Form.Item>
          <Upload.Dragger accept=".xlsx" maxCount={1} beforeUpload={(f) => { setFile(f); return false; }} onRemove={() => setFile(null)}
            fileList={file ? [{ uid: 'ledger', name: file.name, status: 'done' }] : []}>
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{t('mediation.ledger.drop')}</p>
            <p className="ant-upload-hint">{t('mediation.ledger.dropHint')}</p>
          </Upload.Dragger>
        </Form>
      )}
      {checked && !job && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space size={32} wrap>
            <Statistic title={t('mediation.ledger.rows')} value={checked.total} />
            <Statistic title={t('mediation.ledger.valid')} value={checked.valid} styles={{ content: { color: '#389e0d' } }} />
            <Statistic title={t('mediation.ledger.problems')} value={checked.problems.length} styles={{ content: { color: checked.problems.length ? '#cf1322' : undefined } }} />
          </Space>
          {checked.problems.length === 0
            ? <Alert type="success" showIcon title={t('mediation.ledger.clean')} />
            : <Alert type="warning" showIcon title={t('mediation.ledger.hasProblems', { n: checked.total - checked.valid })} />}
          <Table<LedgerProblem> size="small" rowKey={(p) => `${p.sheet}:${p.row}:${p.column}:${p.message}`} dataSource={checked.problems}
            pagination={{ pageSize: 10, showSizeChanger: false }} scroll={phone ? undefined : { x: 640 }} locale={{ emptyText: t('mediation.ledger.noProblems') }}
            columns={phone ? [
              { title: t('mediation.ledger.where'), key: 'where', width: 96, render: (_: unknown, p) => t('mediation.ledger.whereText', { sheet: p.sheet, row: p.row, column: p.column }) },
              { title: t('mediation.ledger.message'), dataIndex: 'message' },
            ] : [
              { title: t('mediation.ledger.sheet'), dataIndex: 'sheet', width: 100 },
              { title: t('mediation.ledger.row'), dataIndex: 'row', width: 70, align: 'right' },
              { title: t('mediation.ledger.column'), dataIndex: 'column', width: 150 },
              { title: t('mediation.ledger.message'), dataIndex: 'message' },
            ]} />
          <Checkbox checked={agreed} onChange={(e) => setAgreed(e.target.checked)} disabled={checked.valid === 0}>
            {t('mediation.ledger.agree', { n: checked.valid })}
          </Checkbox>
        </Space>
      )}
      {job && (finished.has(job.status) ? (
        <Result status={job.status === 'done' ? 'success' : job.status === 'failed' ? 'error' : 'warning'}
          title={t('mediation.ledger.finished', { written: job.written, failed: job.failed })} subTitle={job.error ?? undefined}
          extra={<Table size="small" rowKey={(r) => `${r.sheet}:${r.row}`} pagination={{ pageSize: 8, showSizeChanger: false }} scroll={{ x: 560 }}
            dataSource={job.results.filter((r) => r.status === 'written' || r.status === 'failed')}
            columns={[
              { title: t('mediation.ledger.row'), dataIndex: 'row', width: 70 },
              { title: t('mediation.col.ref'), dataIndex: 'ref', render: (v: string | null, r) => (r.caseId && v ? <Link to={`/console/cases/${r.caseId}`}>{v}</Link> : '—') },
              { title: t('mediation.ledger.message'), dataIndex: 'message', render: (v: string | null) => v ?? t('mediation.ledger.written') },
            ]} />} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }} align="center">
          <Progress type="circle" percent={job.valid ? Math.round((job.processed / job.valid) * 100) : 0} />
          <div>{t('mediation.ledger.running', { done: job.processed, total: job.valid })}</div>
        </Space>
      ))}
    </Modal>
  );
};
