import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useLocale } from './locale-context.tsx';

/** Toggles between Chinese and English; shows the name of the other language. */
export const LocaleSwitch = ({ light = false }: { light?: boolean }) => {
  const { locale, setLocale, t } = useLocale();
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      title={t('lang.switchTitle')}
      onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}
      style={light ? { color: '#fff' } : undefined}
    >
      {t('lang.switchTo')}
    </Button>
  );
};
