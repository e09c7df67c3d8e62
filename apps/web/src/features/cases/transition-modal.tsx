import { useState } from 'react';
import { App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { CaseAction, CaseActionField, CaseView } from '@fazhi/contracts';
import { ApiError } from '../../api/client.ts';
import { useLocale, type Translate } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { useFormLayout } from '../../shared/use-viewport.ts';
import { useReportError } from '../../shared/use-report-error.ts';
import { takeTransition } from './cases-api.ts';

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

/** Choices whose stored value is a code: read in the user's language. */
const optionLabels: Record<string, MessageKey> = { written: 'case.agreementForm.written', oral: 'case.agreementForm.oral' };

/** One field of a step, asked for as the case type's schema declares it (label from its title). */
const SchemaField = ({ field }: { field: CaseActionField }) => {
  const { t, label } = useLocale();
  const text = label(field.label);
  const rules = field.required ? [{ required: true, ...(field.input === 'text' || field.input === 'multiline' ? { whitespace: true } : {}), message: t('case.field.required', { label: text }) }] : [];
  const input = field.input === 'choice' ? <Select options={(field.options ?? []).map((o) => ({ value: o, label: optionLabels[o] ? t(optionLabels[o]) : o }))} />
    : field.input === 'multiline' ? <Input.TextArea rows={3} maxLength={10000} />
      : field.input === 'number' ? <InputNumber style={{ width: '100%' }} />
        : field.input === 'date' ? <DatePicker style={{ width: '100%' }} />
          : field.input === 'boolean' ? <Checkbox />
            : <Input maxLength={200} />;
  return <Form.Item name={field.key} label={text} rules={rules} valuePropName={field.input === 'boolean' ? 'checked' : 'value'}>{input}</Form.Item>;
};

/** One transition: its required fields (all required), an optional comment, and the case version. */
export const TransitionModal = ({ view, action, onClose, onDone, onStale }: Props) => {
  const { t, label } = useLocale();
  const { message } = App.useApp();
  const reportError = useReportError();
  const layout = useFormLayout();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [saving, setSaving] = useState(false);
  const title = action ? label(action.label) : '';

  const submit = async () => {
    if (!action) return;
    const values = await form.validateFields();
    const fields: Record<string, unknown> = {};
    if (action.fields) {
      // The step's own fields, typed as its schema declares them; blank optional ones left out.
      for (const f of action.fields) {
        const v = values[f.key];
        if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) continue;
        fields[f.key] = f.input === 'date' ? (v as Dayjs).format('YYYY-MM-DD') : typeof v === 'string' ? v.trim() : v;
      }
    } else for (const key of action.requires) fields[key] = (typeof values[key] === 'string' ? values[key] : '').trim();
    const comment = typeof values.__comment === 'string' ? values.__comment.trim() : undefined;
    setSaving(true);
    try {
      const next = await takeTransition(view.id, {
        transition: action.key, version: view.version,
        ...(action.requires.length || action.fields?.length ? { fields } : {}), ...(comment ? { comment } : {}),
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
        {action?.fields?.map((f) => <SchemaField key={f.key} field={f} />)}
        {!action?.fields && action?.requires.map((key) => {
          const text = fieldLabel(t, key);
          const rule = { required: true, whitespace: true, message: t('case.field.required', { label: text }) };
          return (
            <Form.Item key={key} name={key} label={text} rules={[rule]}>
              {key === 'agreementForm' ? (
                <Select options={[
                  { value: 'written', label: t('case.agreementForm.written') },
                  { value: 'oral', label: t('case.agreementForm.oral') },
                ]} />
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
