import { useState } from 'react';
import { App, Checkbox, Form, Input } from 'antd';
import type { UpdateUserBody, UserView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { FormDrawer } from '../../shared/form-drawer.tsx';
import { useReportError } from '../../shared/use-report-error.ts';
import { useFormLayout } from '../../shared/use-viewport.ts';
import { phonePattern } from './user-create-drawer.tsx';
import { updateUser } from './users-api.ts';

type Values = { displayName: string; phone?: string; clearPhone?: boolean };
type Props = { user: UserView | null; onClose: () => void; onSaved: () => void };

/**
 * 编辑用户. The full phone number is never loaded here (that would be an unlogged view):
 * an empty field keeps the number, a new one replaces it, the box removes it.
 */
export const UserEditDrawer = ({ user, onClose, onSaved }: Props) => {
  const t = useT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const layout = useFormLayout();
  const [form] = Form.useForm<Values>();
  const clearPhone = Form.useWatch('clearPhone', form) ?? false;
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async (values: Values) => {
    if (!user) return;
    const body: UpdateUserBody = {};
    if (values.displayName.trim() !== user.displayName) body.displayName = values.displayName.trim();
    const phone = values.phone?.trim();
    if (values.clearPhone) body.phone = null;
    else if (phone) body.phone = phone;
    setSubmitting(true);
    try {
      if (Object.keys(body).length) await updateUser(user.id, body);
      void message.success(t('users.updated'));
      onSaved();
    } catch (e) {
      reportError(e);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <FormDrawer
      title={user ? t('users.form.editTitle', { name: user.displayName }) : ''}
      open={user !== null}
      submitting={submitting}
      onClose={onClose}
      onSubmit={() => form.submit()}
    >
      <Form<Values> {...layout} name="user-edit" form={form} initialValues={{ displayName: user?.displayName }} onFinish={(v) => void onFinish(v)}>
        <Form.Item label={t('users.col.username')}>
          <Input value={user?.username} disabled />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.col.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.form.displayNameRequired') }]}
        >
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('users.col.phone')}
          extra={user?.phoneMasked ? t('users.form.phoneEditHelp', { masked: user.phoneMasked }) : t('users.form.phoneHelp')}
          rules={[{ pattern: phonePattern, message: t('users.form.phoneInvalid') }]}
        >
          <Input maxLength={11} inputMode="numeric" disabled={clearPhone} />
        </Form.Item>
        {user?.phoneMasked && (
          <Form.Item name="clearPhone" valuePropName="checked" label=" " colon={false}>
            <Checkbox>{t('users.form.clearPhone')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </FormDrawer>
  );
};
