import { useState } from 'react';
import { Button, Space } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useLocale } from '../../i18n/locale-context.tsx';
import { useDownload } from '../../shared/use-download.ts';
import { useCan } from '../auth/session-context.tsx';
import { LedgerImportModal } from './ledger-import-modal.tsx';
import { ledgerPath } from './mediation-api.ts';

/** 台账: 导出 Excel (the year's ledger in the county's columns) and 导入台账 (checked before anything is written). */
export const LedgerButtons = ({ year }: { year: number }) => {
  const { t } = useLocale();
  const can = useCan();
  const { busy: exporting, download: fetchFile } = useDownload();
  const [importing, setImporting] = useState(false);

  const exportLedger = () => fetchFile('file', ledgerPath(year), t('mediation.ledger.fileName', { year }), { body: {} });

  return (
    <Space wrap>
      {can('mediation.handle') && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>{t('mediation.ledger.import')}</Button>}
      <Button icon={<DownloadOutlined />} loading={exporting !== null} onClick={() => void exportLedger()}>{t('mediation.ledger.export')}</Button>
      <LedgerImportModal open={importing} onClose={() => setImporting(false)} />
    </Space>
  );
};
