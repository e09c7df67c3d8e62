import { useState } from 'react';
import { App, Button, DatePicker, Drawer, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { CaseAction, CaseView, DisclosureFeeView } from '@fazhi/contracts';
import { ApiError } from '../../api/client.ts';
import { useLocale } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { useReportError } from '../../shared/use-report-error.ts';
import { useIsPhone } from '../../shared/use-viewport.ts';
import { takeTransition } from '../cases/cases-api.ts';
import { fetchFee } from './disclosure-api.ts';
import { consultedKinds, feeMethods, opinions, replyTypes, withholdReasons } from './disclosure-options.ts';

type Values = Record<string, string | number | undefined> & { __on?: Dayjs; __comment?: string };
type Props = { view: CaseView; action: CaseAction; onClose: () => void; onDone: (next: CaseView) => void; onStale: () => void };

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/**
 * One step of a disclosure request with its typed fields: the correction items, the party
 * consulted, the opinion, and the reply — its type (第三十六、三十七条) asks for what that type
 * must say (where it is public, why it is withheld, which agency holds it…) and the fee by
 * one method (国办函〔2020〕109号), shown as the server computes it.
 */
export const DisclosureTransitionDrawer = ({ view, action, onClose, onDone, onStale }: Props) => {
  const { t, label } = useLocale();
  const { message } = App.useApp();
  const reportError = useReportError();
  const phone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [fee, setFee] = useState<DisclosureFeeView | null>(null);
  const replyType = Form.useWatch('replyType', form);
  const feeMethod = Form.useWatch('feeMethod', form);
  const title = label(action.label);
  const need = (key: MessageKey) => [{ required: true, whitespace: true, message: t('disclosure.intake.required', { label: t(key) }) }];
  const select = (items: readonly { value: string; label: MessageKey }[]) => <Select options={items.map((o) => ({ value: o.value, label: t(o.label) }))} />;

  const showFee = (method: string | undefined, pages: number | undefined) => {
    if (method !== 'count' && !(method === 'pages' && typeof pages === 'number')) { setFee(null); return; }
    fetchFee(view.id, method, method === 'pages' ? pages : undefined).then(setFee).catch(() => setFee(null));
  };

  const submit = async () => {
    const v = await form.validateFields();
    const fields: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k.startsWith('__')) continue;
      if (typeof x === 'number') fields[k] = x;
      else if (text(x)) fields[k] = text(x);
    }
    if (fields.feeMethod === 'none') delete fields.feeMethod;
    setSaving(true);
    try {
      const next = await takeTransition(view.id, {
        transition: action.key, version: view.version, fields, on: (v.__on ?? dayjs()).format('YYYY-MM-DD'), ...(text(v.__comment) ? { comment: text(v.__comment) } : {}),
      });
      void message.success(t('disclosure.action.done', { label: title }));
      onDone(next);
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'CASE_STALE' || error.code === 'CASE_TRANSITION_UNAVAILABLE')) onStale();
      else reportError(error);
    } finally {
      setSaving(false);
    }
  };

  const fieldsOf = () => {
    switch (action.key) {
      case 'ask_correction':
        return <Form.Item name="items" label={t('disclosure.field.items')} rules={need('disclosure.field.items')}><Input.TextArea rows={4} maxLength={2000} /></Form.Item>;
      case 'corrected':
        return <Form.Item name="note" label={t('disclosure.field.note')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>;
      case 'consult':
        return (
          <>
            <Form.Item name="consulted" label={t('disclosure.field.consulted')} rules={need('disclosure.field.consulted')}><Input maxLength={200} /></Form.Item>
            <Form.Item name="consultedKind" label={t('disclosure.field.consultedKind')} rules={[{ required: true, message: t('disclosure.intake.required', { label: t('disclosure.field.consultedKind') }) }]}>{select(consultedKinds)}</Form.Item>
          </>
        );
      case 'opinion_received':
        return (
          <>
            <Form.Item name="opinion" label={t('disclosure.field.opinion')} rules={[{ required: true, message: t('disclosure.intake.required', { label: t('disclosure.field.opinion') }) }]}>{select(opinions)}</Form.Item>
            <Form.Item name="summary" label={t('disclosure.field.summary')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
          </>
        );
      case 'withdraw':
        return <Form.Item name="reason" label={t('case.field.reason')} rules={need('case.field.reason')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>;
      case 'reply':
        return (
          <>
            <Form.Item name="replyType" label={t('disclosure.reply.type')} rules={[{ required: true, message: t('disclosure.intake.required', { label: t('disclosure.reply.type') }) }]}>{select(replyTypes)}</Form.Item>
            {replyType === 'already_public' && <Form.Item name="location" label={t('disclosure.field.location')} rules={need('disclosure.field.location')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>}
            {(replyType === 'withheld' || replyType === 'partly_provided') && (
              <>
                <Form.Item name="withholdReason" label={t('disclosure.field.withholdReason')} rules={[{ required: true, message: t('disclosure.intake.required', { label: t('disclosure.field.withholdReason') }) }]}>{select(withholdReasons)}</Form.Item>
                <Form.Item name="reason" label={t('disclosure.field.reason')} rules={need('disclosure.field.reason')}><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
              </>
            )}
            {(replyType === 'provided' || replyType === 'partly_provided') && <Form.Item name="provided" label={t('disclosure.field.provided')}><Input.TextArea rows={2} maxLength={5000} /></Form.Item>}
            {replyType === 'not_exist' && <Form.Item name="reason" label={t('disclosure.field.reason')}><Input.TextArea rows={2} maxLength={5000} /></Form.Item>}
            {replyType === 'not_ours' && (
              <>
                <Form.Item name="agency" label={t('disclosure.field.agency')} rules={need('disclosure.field.agency')}><Input maxLength={200} /></Form.Item>
                <Form.Item name="agencyContact" label={t('disclosure.field.agencyContact')}><Input maxLength={200} /></Form.Item>
              </>
            )}
            {replyType === 'repeat' && <Form.Item name="earlierRef" label={t('disclosure.field.earlierRef')}><Input maxLength={64} /></Form.Item>}
            {replyType === 'special_regime' && <Form.Item name="regime" label={t('disclosure.field.regime')} rules={need('disclosure.field.regime')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>}
            {(replyType === 'provided' || replyType === 'partly_provided') && (
              <>
                <Form.Item name="feeMethod" label={t('disclosure.field.feeMethod')} initialValue="none">
                  <Select options={feeMethods.map((o) => ({ value: o.value, label: t(o.label) }))} onChange={(m: string) => showFee(m, form.getFieldValue('pages') as number | undefined)} />
                </Form.Item>
                {feeMethod === 'pages' && (
                  <Form.Item name="pages" label={t('disclosure.field.pages')} rules={[{ required: true, message: t('disclosure.intake.required', { label: t('disclosure.field.pages') }) }]}>
                    <InputNumber min={0} max={1_000_000} precision={0} onChange={(p) => showFee('pages', typeof p === 'number' ? p : undefined)} />
                  </Form.Item>
                )}
                {fee && feeMethod !== 'none' && (
                  <Typography.Paragraph type={fee.amount > 0 ? 'warning' : 'secondary'} data-testid="disclosure-fee">
                    {t('disclosure.fee.amount', { amount: String(fee.amount), basis: t(fee.method === 'count' ? 'disclosure.fee.byCount' : 'disclosure.fee.byPages', { units: String(fee.units) }) })}
                  </Typography.Paragraph>
                )}
              </>
            )}
          </>
        );
      default:
        return null;
    }
  };

  return (
    <Drawer
      title={title}
      open
      onClose={onClose}
      size={phone ? 'default' : 'large'}
      placement={phone ? 'bottom' : 'right'}
      height={phone ? '90%' : undefined}
      destroyOnHidden
      extra={<Space><Button onClick={onClose}>{t('common.cancel')}</Button><Button type="primary" loading={saving} onClick={() => void submit().catch(() => undefined)} data-testid="disclosure-step-submit">{title}</Button></Space>}
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ __on: dayjs() }} name={`disclosure-${action.key}`}>
        {fieldsOf()}
        <Form.Item name="__on" label={t('disclosure.field.on')}>
          <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="__comment" label={t('case.action.comment')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
      </Form>
    </Drawer>
  );
};
