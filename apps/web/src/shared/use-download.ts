import { useState } from 'react';
import { App } from 'antd';
import { useLocale } from '../i18n/locale-context.tsx';
import { downloadFile } from '../features/mediation/file-transfer.ts';
import { useReportError } from './use-report-error.ts';

/**
 * A generated file fetched and handed to the browser (`downloadFile`), with what every button
 * that does it needs: which one is busy, 已下载 with the file's name, and a refusal shown the
 * platform's way. A POST by default: most downloads are audited when they print personal data.
 */
export const useDownload = <K extends string = 'file'>() => {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [busy, setBusy] = useState<K | null>(null);
  const download = async (key: K, path: string, fileName: string, opts: { method?: 'GET' | 'POST'; body?: unknown } = {}): Promise<void> => {
    setBusy(key);
    try {
      const name = await downloadFile(path, fileName, locale, opts.method ?? 'POST', opts.body);
      void message.success(t('common.downloaded', { name }));
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  };
  return { busy, download };
};
