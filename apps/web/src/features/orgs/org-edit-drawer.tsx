import { useState } from 'react';
import { App, Form, Input, InputNumber } from 'antd';
import type { OrgView, UpdateOrgBody } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { FormDrawer } from '../../shared/form-drawer.tsx';
import { useReportError } from '../../shared/use-report-error.ts';
import { useFormLayout } from '../../shared/use-viewport.ts';
import { updateOrg } from './orgs-api.ts';

type Values = { name: string; sortOrder: number };
type Props = { org: OrgView | null; onClose: () => void; onSaved: () => void };

/** Rename an org or change its place among its siblings. */
export const OrgEditDrawer = ({ org, onClose, onSaved }: Props) => {
  const t = useT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const layout = useFormLayout();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async (values: Values) => {
    if (!org) return;
    const body: UpdateOrgBody = {};
    if (values.name.trim() !== org.name) body.name = values.name.trim();
    if (values.sortOrder !== org.sortOrder) body.sortOrder = values.sortOrder;
    setSubmitting(true);
    try {
      if (Object.keys(body).length) await updateOrg(org.id, body);
      void message.success(t('orgs.updated'));
      onSaved();
    } catch (e) {
      reportError(e);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <FormDrawer
      title={org ? t('orgs.edit.title', { name: org.name }) : ''}
      open={org !== null}
      submitting={submitting}
      onClose={onClose}
      onSubmit={() => form.submit()}
      width={480}
    >
      <Form<Values>
        {...layout}
        name="org-edit"
        form={form}
        initialValues={org ? { name: org.name, sortOrder: org.sortOrder } : undefined}
        onFinish={(v) => void onFinish(v)}
      >
        <Form.Item
          name="name"
          label={t('orgs.field.name')}
          rules={[{ required: true, whitespace: true, message: t('orgs.nameRequired') }]}
        >
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('orgs.field.sortOrder')}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
};
