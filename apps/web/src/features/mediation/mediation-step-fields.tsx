import { AutoComplete, DatePicker, Form, Input, Radio, Select } from 'antd';
import type { CaseAction } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { legalRoutes, performances, transferTargets } from './mediation-options.ts';

/** Why each step matters, cited where the law asks for it. */
export const stepNotes: Partial<Record<string, MessageKey>> = {
  refuse: 'mediation.tr.refuseNote',
  reach_agreement: 'mediation.tr.agreementNote',
  fail: 'mediation.tr.failNote',
  apply_confirmation: 'mediation.tr.confirmationNote',
};

const required = (message: string) => [{ required: true, whitespace: true, message }];

/** The steps whose fields mediation lays out itself; another step gets the case page's generic fields. */
export const ownSteps: ReadonlySet<string> = new Set(['accept', 'start', 'refuse', 'withdraw', 'reach_agreement', 'fail', 'transfer', 'apply_confirmation', 'follow_up']);

/** The fields of one mediation step, as the ledger, the documents and the statistics read them. */
export const StepFields = ({ action }: { action: CaseAction }) => {
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
      return null;
  }
};

