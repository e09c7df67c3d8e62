import { useRef, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n/locale-context.tsx';
import { useFormLayout } from '../../shared/use-viewport.ts';
import { useReportError } from '../../shared/use-report-error.ts';
import { useMe } from '../auth/session-context.tsx';
import { isCreditCode, isResidentId, mobileOrLandline, newIdempotencyKey } from '../mediation/validators.ts';
import { registerRequest } from './disclosure-api.ts';
import { applicantTypes, channels, deliveries, forms, organisationKinds, receiptRuleOf, type Channel } from './disclosure-options.ts';

type Values = {
  applicantType: 'citizen' | 'legal_person' | 'other_org'; organisationKind?: string; name: string; idNumber: string; phone: string; address?: string; email?: string;
  information: string; channel: Channel; receivedOn: Dayjs; form: string; delivery: string;
};
const opt = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/**
 * 登记政府信息公开申请 at the counter: the applicant (citizen, legal person or other
 * organisation, identity data sealed by the server), the information described, how it came
 * in and the receipt day by 第三十一条's rule for that channel, the form and delivery wanted.
 */
export const DisclosureIntakePage = () => {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const layout = useFormLayout();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<Values>();
  const key = useRef(newIdempotencyKey());
  const [saving, setSaving] = useState(false);
  const type = Form.useWatch('applicantType', form);
  const channel = Form.useWatch('channel', form);
  const delivery = Form.useWatch('delivery', form);
  const person = type === 'citizen';
  const req = (label: string) => [{ required: true, whitespace: true, message: t('disclosure.intake.required', { label }) }];

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const idNumber = v.idNumber.trim().toUpperCase();
      const created = await registerRequest({
        type: 'disclosure', orgId: me.user.orgId, title: `申请公开${v.information.trim().slice(0, 40)}`, body: v.information.trim(),
        receivedOn: v.receivedOn.format('YYYY-MM-DD'),
        parties: [{ kind: person ? 'person' : 'enterprise', role: '申请人', name: v.name.trim(), idNumber, phone: v.phone.trim(), ...(opt(v.address) ? { address: opt(v.address) } : {}) }],
        data: {
          channel: v.channel, receiptRule: receiptRuleOf[v.channel], applicantType: v.applicantType, ...(person ? {} : { organisationKind: v.organisationKind }),
          information: v.information.trim(), form: v.form, delivery: v.delivery, ...(opt(v.email) ? { email: opt(v.email) } : {}),
        },
      }, key.current);
      void message.success(t('disclosure.intake.done', { ref: created.ref }));
      void navigate(`/console/cases/${created.id}`);
    } catch (e) {
      reportError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Values> form={form} {...layout} name="disclosure-intake" onFinish={(v) => void submit(v)} scrollToFirstError
      initialValues={{ applicantType: 'citizen', channel: 'in_person', receivedOn: dayjs(), form: 'paper', delivery: 'pickup' }}>
      <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('disclosure.intake.title')}</Typography.Title>} className="fz-case-card-block">
        <Form.Item name="channel" label={t('disclosure.intake.channel')} rules={[{ required: true }]}>
          <Select options={channels.map((o) => ({ value: o.value, label: t(o.label) }))} />
        </Form.Item>
        <Form.Item name="receivedOn" label={t('disclosure.intake.receivedOn')} rules={[{ required: true }]}
          extra={channel ? `${t('disclosure.intake.receiptRule')}：${t(`disclosure.receipt.${receiptRuleOf[channel]}`)}` : undefined}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} allowClear={false} />
        </Form.Item>
      </Card>
      <Card title={t('disclosure.intake.applicant')} className="fz-case-card-block">
        <Form.Item name="applicantType" label={t('disclosure.intake.applicantType')} rules={[{ required: true }]}>
          <Select options={applicantTypes.map((o) => ({ value: o.value, label: t(o.label) }))} />
        </Form.Item>
        {!person && (
          <Form.Item name="organisationKind" label={t('disclosure.intake.orgKind')} rules={[{ required: true, message: t('disclosure.intake.required', { label: t('disclosure.intake.orgKind') }) }]}>
            <Select options={organisationKinds.map((o) => ({ value: o.value, label: t(o.label) }))} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('disclosure.intake.name')} rules={req(t('disclosure.intake.name'))}><Input maxLength={64} /></Form.Item>
        <Form.Item name="idNumber" label={t('disclosure.intake.idNumber')} extra={t('disclosure.intake.piiNote')}
          rules={[...req(t('disclosure.intake.idNumber')), { validator: async (_, v: string | undefined) => {
            const s = (v ?? '').trim();
            if (s && !(person ? isResidentId(s) : isCreditCode(s))) throw new Error(t('disclosure.intake.idInvalid'));
          } }]}>
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        <Form.Item name="phone" label={t('disclosure.intake.phone')} rules={[...req(t('disclosure.intake.phone')), { pattern: mobileOrLandline, message: t('mediation.party.phoneInvalid') }]}>
          <Input maxLength={13} inputMode="tel" />
        </Form.Item>
        <Form.Item name="address" label={t('disclosure.intake.address')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="email" label={t('disclosure.intake.email')} rules={[{ type: 'email' }, ...(delivery === 'email' ? req(t('disclosure.intake.email')) : [])]}><Input maxLength={100} /></Form.Item>
      </Card>
      <Card title={t('disclosure.intake.request')} className="fz-case-card-block">
        <Form.Item name="information" label={t('disclosure.intake.information')} rules={req(t('disclosure.intake.information'))}>
          <Input.TextArea rows={4} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item name="form" label={t('disclosure.intake.form')}><Select options={forms.map((o) => ({ value: o.value, label: t(o.label) }))} /></Form.Item>
        <Form.Item name="delivery" label={t('disclosure.intake.delivery')}><Select options={deliveries.map((o) => ({ value: o.value, label: t(o.label) }))} /></Form.Item>
        <Alert type="info" showIcon title={t('disclosure.apply.intro')} style={{ marginBottom: 16 }} />
        <Button type="primary" htmlType="submit" loading={saving} data-testid="disclosure-register">{t('disclosure.intake.submit')}</Button>
      </Card>
    </Form>
  );
};
