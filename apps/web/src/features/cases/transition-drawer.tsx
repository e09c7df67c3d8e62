import { useState } from 'react';
import { Alert, App, Checkbox, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { CaseAction, CaseActionField, CaseView } from '@fazhi/contracts';
import { ApiError } from '../../api/client.ts';
import { useLocale, useT, type Translate } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { FormDrawer } from '../../shared/form-drawer.tsx';
import { useFormLayout, useIsPhone } from '../../shared/use-viewport.ts';
import { useReportError } from '../../shared/use-report-error.ts';
import type { CaseExtension } from './case-extensions.ts';
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

type Value = string | number | boolean | Dayjs | undefined | null | Value[] | { [key: string]: Value };
type Values = Record<string, Value>;

/** A field's value as the request sends it: text trimmed, a day as YYYY-MM-DD, empty left out (also inside a list of rows, e.g. a review's issues). */
const sendable = (x: Value): unknown => {
  if (x === undefined || x === null || x === '') return undefined;
  if (typeof x === 'string') return x.trim();
  if (dayjs.isDayjs(x)) return x.format('YYYY-MM-DD');
  // A list (a meeting's agenda, a review's issues): left out when nothing is in it.
  if (Array.isArray(x)) {
    const items = x.map(sendable).filter((v) => v !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (typeof x === 'object') return Object.fromEntries(Object.entries(x).flatMap(([k, v]) => { const s = sendable(v); return s === undefined ? [] : [[k, s]]; }));
  return x;
};

/** Choices whose stored value is a code: read in the user's language. */
const optionLabels: Record<string, MessageKey> = { written: 'case.agreementForm.written', oral: 'case.agreementForm.oral' };

/** One field of a step, asked for as the case type's schema declares it (label from its title). */
export const SchemaField = ({ field }: { field: CaseActionField }) => {
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

/**
 * The fields of a step for a module that brings no fields of its own: as the step's schema
 * declares them (label, choices, dates), else its required fields as text.
 */
const GenericFields = ({ action }: { action: CaseAction }) => {
  const t = useT();
  if (action.fields) return <>{action.fields.map((f) => <SchemaField key={f.key} field={f} />)}</>;
  return (
    <>
      {action.requires.map((key) => {
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
    </>
  );
};

type Props = {
  view: CaseView;
  action: CaseAction | null;
  /** The case type's module extension: its own fields and notes for each step. */
  ext: CaseExtension | null;
  onClose: () => void;
  onDone: (next: CaseView) => void;
  /** Someone else acted first: the page reloads the case. */
  onStale: () => void;
};

/**
 * The one form in which a step is taken (办理): the module's fields for the step (else its
 * required fields as text), the article that governs it, an optional comment, the case version.
 * Empty fields are left out; dates are sent as days.
 */
export const TransitionDrawer = ({ view, action, ext, onClose, onDone, onStale }: Props) => {
  const { t, label } = useLocale();
  const { message } = App.useApp();
  const reportError = useReportError();
  const layout = useFormLayout();
  const phone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const title = action ? label(action.label) : '';
  const note = action ? ext?.stepNote?.(action) : undefined;
  const own = action ? ext?.stepFields?.(action, view) : undefined;

  const submit = async (values: Values) => {
    if (!action) return;
    const { __comment, __on, ...rest } = values;
    const fields = Object.fromEntries(Object.entries(rest).flatMap(([k, x]) => {
      const v = sendable(x);
      return v === undefined ? [] : [[k, v]];
    }));
    const comment = typeof __comment === 'string' ? __comment.trim() : '';
    setSaving(true);
    try {
      const next = await takeTransition(view.id, {
        transition: action.key, version: view.version,
        ...(Object.keys(fields).length ? { fields } : {}), ...(comment ? { comment } : {}),
        ...(dayjs.isDayjs(__on) ? { on: __on.format('YYYY-MM-DD') } : {}),
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
    <FormDrawer title={title} open={action !== null} submitting={saving} onClose={onClose}
      onSubmit={() => form.submit()} submitText={action ? t('case.action.confirm', { label: title }) : undefined} width={600}>
      {action && (
        <Form<Values> {...layout} name="case-transition" form={form} preserve={false} requiredMark size={phone ? 'large' : 'middle'}
          className="fz-transition-form" onFinish={(v) => void submit(v)}>
          {note && <Alert className="fz-transition-note" type="info" showIcon title={t(note)} />}
          {own ?? <GenericFields action={action} />}
          {/* The day it happened: the clocks count from it; a day long past is a late entry (补录), for those allowed. */}
          <Form.Item name="__on" label={t('case.action.on')} initialValue={dayjs()} rules={[{ required: true, message: t('case.action.onRequired') }]}>
            <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="__comment" label={t('case.action.comment')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      )}
    </FormDrawer>
  );
};
