import { Space, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/locale-context.tsx';
import { minPasswordClasses, minPasswordLength, passwordClasses, passwordLength } from './password-policy.ts';

const Check = ({ ok, text }: { ok: boolean; text: string }) => (
  <Typography.Text type={ok ? 'success' : 'secondary'}>
    {ok ? <CheckCircleFilled /> : <CloseCircleOutlined />} {text}
  </Typography.Text>
);

/** Live view of the password rule while the user types. */
export const PasswordChecklist = ({ password }: { password: string }) => {
  const t = useT();
  const length = passwordLength(password);
  const classes = passwordClasses(password);
  return (
    <Space orientation="vertical" size={2} style={{ margin: '4px 0 8px' }}>
      <Typography.Text type="secondary">{t('auth.policy.withTitle', { text: t('auth.policy.text') })}</Typography.Text>
      <Check ok={length >= minPasswordLength} text={t('auth.policy.length', { count: length })} />
      <Check ok={classes >= minPasswordClasses} text={t('auth.policy.classes', { count: classes })} />
    </Space>
  );
};
