import { useState } from 'react';
import { Card, Descriptions, Form, Input, InputNumber, Select, Typography } from 'antd';
import type { CaseAction, CaseView, DisclosureFeeView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { useIsPhone } from '../../shared/use-viewport.ts';
import type { CaseExtension, CasePanelProps } from '../cases/case-extensions.ts';
import { fetchFee } from './disclosure-api.ts';
import { consultedKinds, feeMethods, opinions, replyTypes, withholdReasons } from './disclosure-options.ts';
import { DisclosureDocumentsCard } from './documents-card.tsx';
import { RemediesCard } from './remedies-card.tsx';

const str = (o: unknown, k: string): string | undefined => {
  const v = typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[k] : undefined;
  return typeof v === 'string' ? v : undefined;
};

/** The request as registered: the information asked for, channel and receipt rule (第三十一条), applicant, form and delivery, the reply's type. */
const RequestCard = ({ view }: CasePanelProps) => {
  const t = useT();
  const phone = useIsPhone();
  const d = view.data;
  const labelOf = (prefix: string, v: string | undefined) => (v ? t(`${prefix}.${v}` as MessageKey) : '—');
  const reply = typeof view.stepFields.reply === 'object' ? str(view.stepFields.reply, 'replyType') : undefined;
  return (
    <Card title={t('disclosure.intake.request')} className="fz-case-card-block" data-testid="disclosure-request">
      <Descriptions size="small" column={phone ? 1 : 2} items={[
        { key: 'info', label: t('disclosure.intake.information'), span: phone ? 1 : 2, children: str(d, 'information') ?? view.body },
        { key: 'channel', label: t('disclosure.intake.channel'), children: labelOf('disclosure.channel', str(d, 'channel')) },
        { key: 'rule', label: t('disclosure.intake.receiptRule'), children: labelOf('disclosure.receipt', str(d, 'receiptRule')) },
        { key: 'type', label: t('disclosure.intake.applicantType'), children: `${labelOf('disclosure.applicant', str(d, 'applicantType'))}${str(d, 'organisationKind') ? `（${labelOf('disclosure.orgKind', str(d, 'organisationKind'))}）` : ''}` },
        { key: 'form', label: t('disclosure.intake.form'), children: `${labelOf('disclosure.form', str(d, 'form'))} · ${labelOf('disclosure.delivery', str(d, 'delivery'))}` },
        ...(reply ? [{ key: 'reply', label: t('disclosure.reply.type'), children: labelOf('disclosure.reply', reply) }] : []),
      ]} />
    </Card>
  );
};

const Documents = ({ view }: CasePanelProps) => <DisclosureDocumentsCard view={view} />;

/**
 * The fields of a disclosure step in the one transition drawer: the correction items, the
 * party consulted, its opinion, and the reply — its type (第三十六、三十七条) asks for what that
 * type must say (where it is public, why it is withheld, which agency holds it …) and the fee
 * by one method (国办函〔2020〕109号), shown as the server computes it.
 */
const StepFields = ({ action, view }: { action: CaseAction; view: CaseView }) => {
  const t = useT();
  const form = Form.useFormInstance();
  const replyType = Form.useWatch('replyType', form) as string | undefined;
  const feeMethod = Form.useWatch('feeMethod', form) as string | undefined;
  const [fee, setFee] = useState<DisclosureFeeView | null>(null);
  const need = (key: MessageKey) => [{ required: true, whitespace: true, message: t('disclosure.intake.required', { label: t(key) }) }];
  const choose = (key: MessageKey) => [{ required: true, message: t('disclosure.intake.required', { label: t(key) }) }];
  const select = (items: readonly { value: string; label: MessageKey }[]) => <Select options={items.map((o) => ({ value: o.value, label: t(o.label) }))} />;
  const showFee = (method: string | undefined, pages: number | undefined) => {
    if (method !== 'count' && !(method === 'pages' && typeof pages === 'number')) { setFee(null); return; }
    fetchFee(view.id, method, method === 'pages' ? pages : undefined).then(setFee).catch(() => setFee(null));
  };
  // 国办函〔2020〕109号: one method, the amount the server's; optional on a reply (most requests cost nothing), required on a fee notice.
  const feeFields = (required: boolean) => (
    <>
      <Form.Item name="feeMethod" label={t('disclosure.field.feeMethod')} rules={required ? choose('disclosure.field.feeMethod') : undefined}>
        <Select allowClear={!required} placeholder={required ? undefined : t('disclosure.fee.none')} options={feeMethods.filter((o) => o.value !== 'none').map((o) => ({ value: o.value, label: t(o.label) }))}
          onChange={(m: string | undefined) => showFee(m, form.getFieldValue('pages') as number | undefined)} />
      </Form.Item>
      {feeMethod === 'pages' && (
        <Form.Item name="pages" label={t('disclosure.field.pages')} rules={choose('disclosure.field.pages')}>
          <InputNumber min={0} max={1_000_000} precision={0} onChange={(p) => showFee('pages', typeof p === 'number' ? p : undefined)} />
        </Form.Item>
      )}
      {fee && feeMethod && (
        <Typography.Paragraph type={fee.amount > 0 ? 'warning' : 'secondary'} data-testid="disclosure-fee">
          {t('disclosure.fee.amount', { amount: String(fee.amount), basis: t(fee.method === 'count' ? 'disclosure.fee.byCount' : 'disclosure.fee.byPages', { units: String(fee.units) }) })}
        </Typography.Paragraph>
      )}
    </>
  );
  switch (action.key) {
    case 'fee_notice':
      return feeFields(true);
    case 'fee_paid':
      return <Form.Item name="receiptNo" label={t('disclosure.field.receiptNo')}><Input maxLength={64} /></Form.Item>;
    case 'ask_correction':
      return <Form.Item name="items" label={t('disclosure.field.items')} rules={need('disclosure.field.items')}><Input.TextArea rows={4} maxLength={2000} /></Form.Item>;
    case 'corrected':
      return <Form.Item name="note" label={t('disclosure.field.note')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>;
    case 'consult':
      return (
        <>
          <Form.Item name="consulted" label={t('disclosure.field.consulted')} rules={need('disclosure.field.consulted')}><Input maxLength={200} /></Form.Item>
          <Form.Item name="consultedKind" label={t('disclosure.field.consultedKind')} rules={choose('disclosure.field.consultedKind')}>{select(consultedKinds)}</Form.Item>
        </>
      );
    case 'opinion_received':
      return (
        <>
          <Form.Item name="opinion" label={t('disclosure.field.opinion')} rules={choose('disclosure.field.opinion')}>{select(opinions)}</Form.Item>
          <Form.Item name="summary" label={t('disclosure.field.summary')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        </>
      );
    default: {
      const provides = replyType === 'provided' || replyType === 'partly_provided';
      return (
        <>
          <Form.Item name="replyType" label={t('disclosure.reply.type')} rules={choose('disclosure.reply.type')}>{select(replyTypes)}</Form.Item>
          {replyType === 'already_public' && <Form.Item name="location" label={t('disclosure.field.location')} rules={need('disclosure.field.location')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>}
          {(replyType === 'withheld' || replyType === 'partly_provided') && (
            <>
              <Form.Item name="withholdReason" label={t('disclosure.field.withholdReason')} rules={choose('disclosure.field.withholdReason')}>{select(withholdReasons)}</Form.Item>
              <Form.Item name="reason" label={t('disclosure.field.reason')} rules={need('disclosure.field.reason')}><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
            </>
          )}
          {provides && <Form.Item name="provided" label={t('disclosure.field.provided')}><Input.TextArea rows={2} maxLength={5000} /></Form.Item>}
          {replyType === 'not_exist' && <Form.Item name="reason" label={t('disclosure.field.reason')}><Input.TextArea rows={2} maxLength={5000} /></Form.Item>}
          {replyType === 'not_ours' && (
            <>
              <Form.Item name="agency" label={t('disclosure.field.agency')} rules={need('disclosure.field.agency')}><Input maxLength={200} /></Form.Item>
              <Form.Item name="agencyContact" label={t('disclosure.field.agencyContact')}><Input maxLength={200} /></Form.Item>
            </>
          )}
          {replyType === 'repeat' && <Form.Item name="earlierRef" label={t('disclosure.field.earlierRef')}><Input maxLength={64} /></Form.Item>}
          {replyType === 'special_regime' && <Form.Item name="regime" label={t('disclosure.field.regime')} rules={need('disclosure.field.regime')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>}
          {provides && feeFields(false)}
        </>
      );
    }
  }
};

const own = new Set(['ask_correction', 'corrected', 'consult', 'opinion_received', 'fee_notice', 'fee_paid', 'reply']);

/** 依申请公开 on the one case page: the request, its documents, the applicant's reviews and lawsuits, and the typed forms of its steps. */
export const disclosureCase: CaseExtension = {
  main: [RequestCard],
  side: [Documents, RemediesCard],
  stepFields: (action, view) => (own.has(action.key) ? <StepFields action={action} view={view} /> : undefined),
};
