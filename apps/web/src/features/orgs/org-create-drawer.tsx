import { useState } from 'react';
import { App, Form, Input, Select } from 'antd';
import { allowedChildKinds, orgKindLabels, type CreateOrgBody, type OrgView } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { FormDrawer } from '../../shared/form-drawer.tsx';
import { useReportError } from '../../shared/use-report-error.ts';
import { useFormLayout } from '../../shared/use-viewport.ts';
import { createOrg } from './orgs-api.ts';

type Values = Omit<CreateOrgBody, 'parentId'>;
type Props = { parent: OrgView | null; onClose: () => void; onCreated: (org: OrgView) => void };

/** 新增下级: the kinds offered are those allowed under the parent's kind. */
export const OrgCreateDrawer = ({ parent, onClose, onCreated }: Props) => {
  const { t, label } = useLocale();
  const { message } = App.useApp();
  const reportError = useReportError();
  const layout = useFormLayout();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const kinds = parent ? allowedChildKinds[parent.kind] : [];

  const onFinish = async (values: Values) => {
    if (!parent) return;
    setSubmitting(true);
    try {
      const created = await createOrg({ parentId: parent.id, ...values, name: values.name.trim() });
      void message.success(t('orgs.created'));
      onCreated(created);
    } catch (e) {
      reportError(e);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <FormDrawer
      title={parent ? t('orgs.create.title', { parent: parent.name }) : ''}
      open={parent !== null}
      submitting={submitting}
      onClose={onClose}
      onSubmit={() => form.submit()}
    >
      <Form<Values>
        {...layout}
        name="org-create"
        form={form}
        initialValues={{ kind: kinds.length === 1 ? kinds[0] : undefined }}
        onFinish={(v) => void onFinish(v)}
      >
        <Form.Item label={t('orgs.field.parent')}>
          <Input value={parent?.name} disabled />
        </Form.Item>
        <Form.Item name="kind" label={t('orgs.field.kind')} rules={[{ required: true, message: t('orgs.kindRequired') }]}>
          <Select options={kinds.map((k) => ({ value: k, label: label(orgKindLabels[k]) }))} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('orgs.field.name')}
          rules={[{ required: true, whitespace: true, message: t('orgs.nameRequired') }, { max: 64 }]}
        >
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('orgs.field.code')}
          extra={t('orgs.codeHelp')}
          rules={[
            { required: true, message: t('orgs.codeRequired') },
            { pattern: /^[A-Za-z0-9_-]{1,32}$/, message: t('orgs.codeInvalid') },
          ]}
        >
          <Input maxLength={32} autoCapitalize="off" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
};
