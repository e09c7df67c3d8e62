import { useState } from 'react';
import { App, Form, Input, Skeleton } from 'antd';
import type { RoleBody, RoleView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { FormDrawer } from '../../shared/form-drawer.tsx';
import { useReportError } from '../../shared/use-report-error.ts';
import { PermissionPicker } from './permission-picker.tsx';
import { createRole, updateRole, usePermissionList } from './roles-api.ts';

/** `null` closed, `'new'` creating, a role editing it. */
export type RoleEditing = RoleView | 'new' | null;
type Props = { editing: RoleEditing; onClose: () => void; onSaved: () => void };

export const RoleEditorDrawer = ({ editing, onClose, onSaved }: Props) => {
  const t = useT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const permissions = usePermissionList();
  const [form] = Form.useForm<RoleBody>();
  const selected = Form.useWatch('permissions', form) ?? [];
  const [submitting, setSubmitting] = useState(false);
  const role = editing === 'new' ? null : editing;

  const onFinish = async (values: RoleBody) => {
    const body: RoleBody = { code: values.code.trim(), name: values.name.trim(), permissions: values.permissions ?? [] };
    setSubmitting(true);
    try {
      await (role ? updateRole(role.id, body) : createRole(body));
      void message.success(t('roles.saved'));
      onSaved();
    } catch (e) {
      reportError(e);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <FormDrawer
      title={role ? t('roles.form.editTitle', { name: role.name }) : t('roles.form.createTitle')}
      open={editing !== null}
      submitting={submitting}
      onClose={onClose}
      onSubmit={() => form.submit()}
      width={640}
    >
      <Form<RoleBody>
        name="role-edit"
        form={form}
        layout="vertical"
        initialValues={role ? { code: role.code, name: role.name, permissions: role.permissions } : { permissions: [] }}
        onFinish={(v) => void onFinish(v)}
      >
        <Form.Item
          name="code"
          label={t('roles.form.code')}
          extra={t('roles.form.codeHelp')}
          rules={[
            { required: true, message: t('roles.form.codeRequired') },
            { pattern: /^[a-z][a-z0-9_]{1,31}$/, message: t('roles.form.codeInvalid') },
          ]}
        >
          {/* A built-in role keeps its code: the server and the seed refer to it. */}
          <Input maxLength={32} autoCapitalize="off" disabled={role?.builtIn} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('roles.form.name')}
          rules={[{ required: true, whitespace: true, message: t('roles.form.nameRequired') }]}
        >
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item
          name="permissions"
          label={t('roles.form.permissionsSelected', { count: selected.length })}
        >
          {permissions.data ? <PermissionPicker permissions={permissions.data.items} /> : <Skeleton active />}
        </Form.Item>
      </Form>
    </FormDrawer>
  );
};
