import { useState } from 'react';
import { Button, Modal, Result, Table } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { AuditVerifyResult } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { useReportError } from '../../shared/use-report-error.ts';
import { verifyAudit } from './audit-api.ts';

type BrokenRow = AuditVerifyResult['broken'][number];

/** 校验审计链: recomputes the hash chain on the server and shows 完整 or the broken rows. */
export const AuditVerifyButton = () => {
  const t = useT();
  const reportError = useReportError();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<AuditVerifyResult | null>(null);

  const run = () => {
    setRunning(true);
    verifyAudit()
      .then(setResult)
      .catch(reportError)
      .finally(() => setRunning(false));
  };

  return (
    <>
      <Button icon={<SafetyCertificateOutlined />} loading={running} onClick={run}>
        {t('audit.verify')}
      </Button>
      <Modal
        open={result !== null}
        onCancel={() => setResult(null)}
        footer={<Button type="primary" onClick={() => setResult(null)}>{t('common.ok')}</Button>}
        width={result?.ok ? 480 : 760}
      >
        {result && (
          <Result
            status={result.ok ? 'success' : 'error'}
            title={result.ok ? t('audit.verify.ok') : t('audit.verify.broken')}
            subTitle={
              result.ok
                ? t('audit.verify.okDetail', { count: result.checked })
                : t('audit.verify.brokenDetail', { count: result.checked, broken: result.broken.length })
            }
          >
            {!result.ok && (
              <Table<BrokenRow>
                size="small"
                rowKey={(r) => `${r.chain}:${r.seq}:${r.id}`}
                dataSource={result.broken}
                pagination={false}
                scroll={{ y: 300 }}
                columns={[
                  { title: t('audit.col.chain'), dataIndex: 'chain', width: 140, ellipsis: true },
                  { title: t('audit.col.seq'), dataIndex: 'seq', width: 80 },
                  { title: 'ID', dataIndex: 'id', width: 120, ellipsis: true },
                  { title: t('audit.col.reason'), dataIndex: 'reason' },
                ]}
              />
            )}
          </Result>
        )}
      </Modal>
    </>
  );
};
