import { useState } from 'react';
import { Alert, App, AutoComplete, DatePicker, Form, Input, Radio, Select } from 'antd';
import { ApiError } from '../../api/client.ts';
import type { Dayjs } from 'dayjs';
import type { CaseAction, CaseView } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { FormDrawer } from '../../shared/form-drawer.tsx';
import { useReportError } from '../../shared/use-report-error.ts';
import { useFormLayout, useIsPhone } from '../../shared/use-viewport.ts';
import { takeTransition } from './mediation-api.ts';
import { legalRoutes, performances, transferTargets } from './mediation-options.ts';

type Values = Record<string, string | Dayjs | undefined> & { comment?: string };

/** Why each step matters, cited where the law asks for it. */
const notes: Partial<Record<string, MessageKey>> = {
  refuse: 'mediation.tr.refuseNote',
  reach_agreement: 'mediation.tr.agreementNote',
  fail: 'mediation.tr.failNote',
  apply_confirmation: 'mediation.tr.confirmationNote',
};

const required = (message: string) => [{ required: true, whitespace: true, message }];

/** The fields of one mediation step, as the ledger, the documents and the statistics read them. */
const StepFields = ({ action }: { action: CaseAction }) => {
  const { t } = useLocale();
  const text = (name: string, label: MessageKey, rows = 3) => (
    <Form.Item key={name} name={name} label={t(label)} rules={required(t('mediation.tr.required', { field: t(label) }))}>
      <Input.TextArea rows={rows} maxLength={2000} showCount />
    </Form.Item>
  );
  switch (action.key) {
    case 'accept':
    case 'start':
      return null;
    case 'refuse':
    case 'withdraw':
      return text('reason', 'mediation.tr.reason');
    case 'reach_agreement':
      return (
        <>
          <Form.Item name="agreementForm" label={t('mediation.tr.form')} initialValue="written">
            <Radio.Group optionType="button" options={[{ value: 'written', label: t('mediation.tr.written') }, { value: 'oral', label: t('mediation.tr.oral') }]} />
          </Form.Item>
          <Form.Item name="facts" label={t('mediation.tr.facts')} extra={t('mediation.tr.factsHint')}
            rules={required(t('mediation.tr.required', { field: t('mediation.tr.facts') }))}>
            <Input.TextArea rows={4} maxLength={5000} showCount />
          </Form.Item>
          <Form.Item name="issues" label={t('mediation.tr.issues')} rules={required(t('mediation.tr.required', { field: t('mediation.tr.issues') }))}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="responsibilities" label={t('mediation.tr.responsibilities')}
            rules={required(t('mediation.tr.required', { field: t('mediation.tr.responsibilities') }))}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          {text('terms', 'mediation.tr.terms', 6)}
          <Form.Item name="performanceDeadline" label={t('mediation.tr.deadline')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </>
      );
    case 'fail':
      return (
        <Form.Item name="legalRoute" label={t('mediation.tr.legalRoute')} rules={required(t('mediation.tr.required', { field: t('mediation.tr.legalRoute') }))}>
          <AutoComplete options={legalRoutes.map((r) => ({ value: r.value, label: t(r.label) }))} maxLength={500} />
        </Form.Item>
      );
    case 'transfer':
      return (
        <Form.Item name="transferTo" label={t('mediation.tr.transferTo')} rules={required(t('mediation.tr.required', { field: t('mediation.tr.transferTo') }))}>
          <AutoComplete options={transferTargets.map((r) => ({ value: r.value, label: t(r.label) }))} maxLength={200} />
        </Form.Item>
      );
    case 'apply_confirmation':
      return (
        <Form.Item name="court" label={t('mediation.tr.court')} rules={required(t('mediation.tr.required', { field: t('mediation.tr.court') }))}>
          <Input maxLength={100} />
        </Form.Item>
      );
    case 'follow_up':
      return (
        <>
          <Form.Item name="performance" label={t('mediation.tr.performance')} rules={[{ required: true, message: t('mediation.tr.choose', { field: t('mediation.tr.performance') }) }]}>
            <Select options={performances.map((p) => ({ value: p.value, label: t(p.label) }))} />
          </Form.Item>
          <Form.Item name="visit" label={t('mediation.tr.visit')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </>
      );
    default:
      // A step added to the workflow later: one text box per field it requires.
      return <>{action.requires.map((f) => (
        <Form.Item key={f} name={f} label={f} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
      ))}</>;
  }
};

type Props = { kase: CaseView; action: CaseAction | null; onClose: () => void; onDone: (next: CaseView) => void };

/** One step of the mediation workflow, with the fields the step requires (mediation.workflow.ts). */
export const TransitionDrawer = ({ kase, action, onClose, onDone }: Props) => {
  const { t, label } = useLocale();
  const layout = useFormLayout();
  const phone = useIsPhone();
  const reportError = useReportError();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async (v: Values) => {
    if (!action) return;
    setSubmitting(true);
    try {
      const { comment, ...rest } = v;
      const fields = Object.fromEntries(Object.entries(rest).flatMap(([k, x]) => {
        if (x === undefined || x === null || x === '') return [];
        return [[k, typeof x === 'string' ? x.trim() : x.format('YYYY-MM-DD')]];
      }));
      onDone(await takeTransition(kase.id, { transition: action.key, version: kase.version, fields, ...(comment?.trim() ? { comment: comment.trim() } : {}) }));
    } catch (e) {
      // Which party lacks what (人民调解法 第二十九条), for the clerk to complete on the case page.
      const parties = e instanceof ApiError && e.code === 'MEDIATION_PARTY_FACTS_MISSING'
        ? (e.details as { parties?: { name: string; missing: string[] }[] } | undefined)?.parties : undefined;
      if (parties) void message.error(t('mediation.facts.missingOn', { list: parties.map((p) => `${p.name}（${p.missing.join('、')}）`).join('；') }), 8);
      else reportError(e);
    } finally {
      setSubmitting(false);
    }
  };
  const note = action ? notes[action.key] : undefined;

  return (
    <FormDrawer title={action ? label(action.label) : ''} open={action !== null} submitting={submitting} onClose={onClose}
      onSubmit={() => form.submit()} submitText={action ? label(action.label) : undefined} width={600}>
      {action && (
        <Form<Values> {...layout} name="mediation-transition" form={form} size={phone ? 'large' : 'middle'} onFinish={(v) => void onFinish(v)}>
          {note && <Alert className="fz-med-alert" type="info" showIcon title={t(note)} />}
          <StepFields action={action} />
          <Form.Item name="comment" label={t('mediation.tr.comment')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      )}
    </FormDrawer>
  );
};
