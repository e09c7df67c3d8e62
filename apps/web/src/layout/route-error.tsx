import { Button, Result } from 'antd';
import { useRouteError } from 'react-router';
import { useT } from '../i18n/locale-context.tsx';

/** Shown instead of a blank page when a screen fails to render or its code fails to load. */
export const RouteError = () => {
  const t = useT();
  const error = useRouteError();
  return (
    <Result
      status="error"
      title={t('error.page.title')}
      subTitle={error instanceof Error ? error.message : undefined}
      extra={<Button type="primary" onClick={() => window.location.reload()}>{t('error.page.reload')}</Button>}
    />
  );
};
