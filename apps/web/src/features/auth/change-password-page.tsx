import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useT } from '../../i18n/locale-context.tsx';
import { errorToString } from '../../shared/describe-error.ts';
import { changePassword } from './auth-api.ts';
import { PasswordChecklist } from './password-checklist.tsx';
import { meetsPasswordPolicy } from './password-policy.ts';
import { useMe, useSession } from './session-context.tsx';

type Values = { currentPassword: string; newPassword: string; confirmPassword: string };

const fieldOfCode: Record<string, keyof Values> = {
  PASSWORD_WRONG: 'currentPassword',
  PASSWORD_WEAK: 'newPassword',
  PASSWORD_REUSED: 'newPassword',
};

export const ChangePasswordPage = () => {
  const t = useT();
  const me = useMe();
  const { refresh } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      await changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      void message.success(t('auth.changePassword.success'));
      await refresh();
      void navigate('/console', { replace: true });
    } catch (e) {
      const field = e instanceof ApiError ? fieldOfCode[e.code] : undefined;
      if (field) form.setFields([{ name: field, errors: [errorToString(t, e)] }]);
      else setError(errorToString(t, e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Card title={t('auth.changePassword.title')} style={{ maxWidth: 560, margin: '0 auto' }}>
      {me.user.mustChangePassword && (
        <Alert type="warning" showIcon style={{ marginBottom: 24 }} title={t('auth.changePassword.forced')} />
      )}
      <Form<Values> name="change-password" form={form} layout="vertical" onFinish={(v) => void onFinish(v)}>
        <Form.Item
          name="currentPassword"
          label={t('auth.currentPassword')}
          rules={[{ required: true, message: t('auth.changePassword.currentRequired') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('auth.newPassword')}
          extra={<PasswordChecklist password={newPassword} />}
          dependencies={['currentPassword']}
          rules={[
            { required: true, message: t('auth.changePassword.newRequired') },
            {
              validator: async (_, value: string | undefined) => {
                if (value && !meetsPasswordPolicy(value)) throw new Error(t('auth.policy.weakShort'));
              },
            },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (value && value === getFieldValue('currentPassword')) throw new Error(t('auth.changePassword.same'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('auth.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('auth.changePassword.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error(t('auth.changePassword.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {error && <Alert role="alert" type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={submitting} block size="large">
          {t('auth.changePassword.submit')}
        </Button>
      </Form>
    </Card>
  );
};
