import { useState } from 'react';
import { App, Button, Space } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useLocale } from '../../i18n/locale-context.tsx';
import { useReportError } from '../../shared/use-report-error.ts';
import { useCan } from '../auth/session-context.tsx';
import { downloadFile } from './file-transfer.ts';
import { LedgerImportModal } from './ledger-import-modal.tsx';
import { ledgerPath } from './mediation-api.ts';

/** 台账: 导出 Excel (the year's ledger in the county's columns) and 导入台账 (checked before anything is written). */
export const LedgerButtons = ({ year }: { year: number }) => {
  const { t, locale } = useLocale();
  const can = useCan();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [exporting, setExporting] = useState(false);
  const [importing, setImporting] = useState(false);

  const exportLedger = async () => {
    setExporting(true);
    try {
      const name = await downloadFile(ledgerPath(year), t('mediation.ledger.fileName', { year }), locale, 'POST', {});
      void message.success(t('mediation.doc.downloaded', { name }));
    } catch (e) {
      reportError(e);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Space wrap>
      {can('mediation.handle') && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>{t('mediation.ledger.import')}</Button>}
      <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportLedger()}>{t('mediation.ledger.export')}</Button>
      <LedgerImportModal open={importing} onClose={() => setImporting(false)} />
    </Space>
  );
};
