import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../i18n/locale-context.tsx';

export const NotFoundPage = () => {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      extra={<Button type="primary" onClick={() => void navigate('/console')}>{t('notFound.back')}</Button>}
    />
  );
};
