import { useState } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
import type { CaseAction, CaseView } from '@fazhi/contracts';
import { ApiError } from '../../api/client.ts';
import { useLocale, type Translate } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { useFormLayout } from '../../shared/use-viewport.ts';
import { useReportError } from '../../shared/use-report-error.ts';
import { takeTransition, useCaseTypes } from './cases-api.ts';

type FieldSchema = { title?: string; anyOf?: { const?: unknown }[] };
/** The values a field declares as a choice (a union of literals in the transition's schema), or null. */
const choicesOf = (schema: FieldSchema | undefined): string[] | null => {
  const values = schema?.anyOf?.map((x) => x.const).filter((v): v is string => typeof v === 'string') ?? [];
  return values.length > 0 && values.length === schema?.anyOf?.length ? values : null;
};

/** Labels of the fields transitions carry (each module's `requires` and optional fields); a field not listed reads 其他信息, never its key. */
const fieldLabels: Record<string, MessageKey> = {
  reason: 'case.field.reason',
  outcome: 'case.field.outcome',
  legalRoute: 'case.field.legalRoute',
  transferTo: 'case.field.transferTo',
  agreementForm: 'case.field.agreementForm',
  terms: 'case.field.terms',
  performance: 'case.field.performance',
  court: 'case.field.court',
  visit: 'case.field.visit',
  performanceDeadline: 'case.field.performanceDeadline',
  responsibilities: 'case.field.responsibilities',
};
export const fieldLabel = (t: Translate, key: string): string => {
  const k = fieldLabels[key];
  return k ? t(k) : t('case.field.other');
};

type Props = {
  view: CaseView;
  action: CaseAction | null;
  onClose: () => void;
  onDone: (next: CaseView) => void;
  /** Someone else acted first: the page reloads the case. */
  onStale: () => void;
};

/** One transition: its required fields (all required), an optional comment, and the case version. */
export const TransitionModal = ({ view, action, onClose, onDone, onStale }: Props) => {
  const { t, label } = useLocale();
  const { message } = App.useApp();
  const reportError = useReportError();
  const layout = useFormLayout();
  const [form] = Form.useForm<Record<string, string>>();
  const [saving, setSaving] = useState(false);
  const title = action ? label(action.label) : '';
  // The step's schema (GET /api/case-types): a field without a label here is named by its title, a choice offered as one.
  const types = useCaseTypes();
  const schema = types.data?.items.find((x) => x.code === view.type)?.transitions.find((x) => x.key === action?.key)?.fields as
    { properties?: Record<string, FieldSchema> } | null | undefined;

  const submit = async () => {
    if (!action) return;
    const values = await form.validateFields();
    const fields: Record<string, string> = {};
    for (const key of action.requires) fields[key] = (values[key] ?? '').trim();
    const comment = values.__comment?.trim();
    setSaving(true);
    try {
      const next = await takeTransition(view.id, {
        transition: action.key, version: view.version,
        ...(action.requires.length ? { fields } : {}), ...(comment ? { comment } : {}),
      });
      void message.success(t('case.action.done', { label: title }));
      onDone(next);
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'CASE_STALE' || error.code === 'CASE_TRANSITION_UNAVAILABLE')) {
        void message.warning(t('case.stale'));
        onStale();
      } else reportError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={title}
      open={action !== null}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={saving}
      okText={t('case.action.confirm', { label: title })}
      cancelText={t('common.cancel')}
      destroyOnHidden
      width={560}
    >
      <Form form={form} {...layout} preserve={false} requiredMark className="fz-transition-form">
        {action?.requires.map((key) => {
          const field = schema?.properties?.[key];
          const text = fieldLabels[key] || !field?.title ? fieldLabel(t, key) : field.title;
          const choices = choicesOf(field);
          const rule = { required: true, whitespace: true, message: t('case.field.required', { label: text }) };
          return (
            <Form.Item key={key} name={key} label={text} rules={[rule]}>
              {key === 'agreementForm' ? (
                <Select options={[
                  { value: 'written', label: t('case.agreementForm.written') },
                  { value: 'oral', label: t('case.agreementForm.oral') },
                ]} />
              ) : choices ? (
                <Select options={choices.map((c) => ({ value: c, label: c }))} />
              ) : (
                <Input.TextArea rows={3} maxLength={2000} />
              )}
            </Form.Item>
          );
        })}
        <Form.Item name="__comment" label={t('case.action.comment')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
};
