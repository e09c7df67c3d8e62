import { Alert, Button } from 'antd';
import { useT } from '../i18n/locale-context.tsx';
import { errorToString } from './describe-error.ts';

/** A failed list load: the server's message (with the request id on 5xx) and 重试. */
export const LoadError = ({ error, onRetry }: { error: unknown; onRetry: () => void }) => {
  const t = useT();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={errorToString(t, error)}
      action={<Button size="small" onClick={onRetry}>{t('common.retry')}</Button>}
    />
  );
};
