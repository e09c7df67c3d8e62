import { useState } from 'react';
import { Form, Input } from 'antd';
import type { CreateUserBody, InitialPassword, OrgView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { FormDrawer } from '../../shared/form-drawer.tsx';
import { useReportError } from '../../shared/use-report-error.ts';
import { useFormLayout } from '../../shared/use-viewport.ts';
import { OrgTreeSelect } from '../orgs/org-tree-select.tsx';
import { createUser } from './users-api.ts';

export const usernamePattern = /^[a-z][a-z0-9_.-]{2,31}$/;
export const phonePattern = /^1[3-9][0-9]{9}$/;

type Props = {
  open: boolean;
  orgs: readonly OrgView[];
  defaultOrgId: string | undefined;
  onClose: () => void;
  onCreated: (result: InitialPassword, displayName: string) => void;
};

/** 新建用户: the server answers with a one-time initial password. */
export const UserCreateDrawer = ({ open, orgs, defaultOrgId, onClose, onCreated }: Props) => {
  const t = useT();
  const reportError = useReportError();
  const layout = useFormLayout();
  const [form] = Form.useForm<CreateUserBody>();
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async (values: CreateUserBody) => {
    setSubmitting(true);
    try {
      const phone = values.phone?.trim();
      const body: CreateUserBody = {
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        orgId: values.orgId,
        ...(phone ? { phone } : {}),
      };
      onCreated(await createUser(body), body.displayName);
    } catch (e) {
      reportError(e);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <FormDrawer title={t('users.form.createTitle')} open={open} submitting={submitting} onClose={onClose} onSubmit={() => form.submit()}>
      <Form<CreateUserBody> {...layout} name="user-create" form={form} initialValues={{ orgId: defaultOrgId }} onFinish={(v) => void onFinish(v)}>
        <Form.Item
          name="username"
          label={t('users.col.username')}
          extra={t('users.form.usernameHelp')}
          rules={[
            { required: true, message: t('users.form.usernameRequired') },
            { pattern: usernamePattern, message: t('users.form.usernameInvalid') },
          ]}
        >
          <Input maxLength={32} autoCapitalize="off" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.col.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.form.displayNameRequired') }]}
        >
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item name="orgId" label={t('users.col.org')} rules={[{ required: true, message: t('users.form.orgRequired') }]}>
          <OrgTreeSelect orgs={orgs} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('users.col.phone')}
          extra={t('users.form.phoneHelp')}
          rules={[{ pattern: phonePattern, message: t('users.form.phoneInvalid') }]}
        >
          <Input maxLength={11} inputMode="numeric" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
};
