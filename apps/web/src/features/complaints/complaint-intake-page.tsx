import { useRef, useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Radio, Result, Select, Space, Typography } from 'antd';
import type { ComplaintCreated, ComplaintDeskChannel } from '@fazhi/contracts';
import { complaintCategories } from '@fazhi/contracts';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { useReportError } from '../../shared/use-report-error.ts';
import { useFormLayout, useIsPhone } from '../../shared/use-viewport.ts';
import { mobileOrLandline, newIdempotencyKey } from '../mediation/validators.ts';
import { registerComplaint } from './complaints-api.ts';
import './complaints.css';

type Values = {
  channel: ComplaintDeskChannel; workOrderNo?: string; workOrderDue?: Dayjs; receivedOn: Dayjs; category: string; subject: string; facts: string;
  complainant: { name: string; phone?: string; address?: string };
};
export const channelLabels: Record<ComplaintDeskChannel | 'portal', MessageKey> = {
  phone: 'complaints.channel.phone', hotline: 'complaints.channel.hotline', visit: 'complaints.channel.visit', portal: 'complaints.channel.portal',
};
const opt = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/**
 * 登记投诉件, fast at a counter or on the phone: channel first (a 12345 work order asks for its
 * number), the matter, the complainant. A phone or walk-in complaint leaves with a tracking
 * number and query code for the clerk to read out; the Idempotency-Key makes a double click harmless.
 */
export const ComplaintIntakePage = () => {
  const t = useT();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const layout = useFormLayout();
  const reportError = useReportError();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const key = useRef(newIdempotencyKey());
  const [submitting, setSubmitting] = useState(false);
  const [created, setCreated] = useState<ComplaintCreated | null>(null);
  const channel = Form.useWatch('channel', form);

  const onFinish = async (v: Values) => {
    setSubmitting(true);
    try {
      const workOrderNo = v.channel === 'hotline' ? opt(v.workOrderNo) : undefined;
      const r = await registerComplaint({
        channel: v.channel, category: v.category, subject: v.subject.trim(), facts: v.facts.trim(), receivedOn: v.receivedOn.format('YYYY-MM-DD'),
        ...(workOrderNo ? { workOrderNo } : {}), ...(v.channel === 'hotline' && v.workOrderDue ? { workOrderDue: v.workOrderDue.format('YYYY-MM-DD') } : {}),
        complainant: { name: v.complainant.name.trim(), ...(opt(v.complainant.phone) ? { phone: opt(v.complainant.phone) } : {}), ...(opt(v.complainant.address) ? { address: opt(v.complainant.address) } : {}) },
      }, key.current);
      void message.success(t('complaints.intake.done', { ref: r.ref }));
      if (r.trackingNo && r.queryCode) setCreated(r);
      else void navigate(`/console/cases/${r.id}`);
    } catch (e) {
      reportError(e);
    } finally {
      setSubmitting(false);
    }
  };

  if (created) {
    return (
      <Card className="fz-cmp-card">
        <Result status="success" title={t('complaints.intake.done', { ref: created.ref })}
          subTitle={<Typography.Text strong data-testid="complaint-codes">{t('complaints.intake.codes', { no: created.trackingNo ?? '', code: created.queryCode ?? '' })}</Typography.Text>}
          extra={[
            <Button key="open" type="primary" onClick={() => void navigate(`/console/cases/${created.id}`)}>{t('complaints.intake.open')}</Button>,
            <Button key="again" onClick={() => { key.current = newIdempotencyKey(); form.resetFields(); setCreated(null); }}>{t('complaints.intake.another')}</Button>,
          ]} />
      </Card>
    );
  }

  const req = (m: MessageKey) => [{ required: true, whitespace: true, message: t(m) }];
  return (
    <div className={phone ? 'fz-cmp-page' : 'fz-cmp-page fz-cmp-form'}>
      <Form<Values> {...layout} {...(phone ? {} : { labelCol: { flex: '140px' } })} name="complaint-intake" form={form} size={phone ? 'large' : 'middle'}
        scrollToFirstError={{ behavior: 'smooth', block: 'center' }} initialValues={{ channel: 'phone', receivedOn: dayjs() }} onFinish={(v) => void onFinish(v)}>
        <Card title={t('complaints.intake.title')} className="fz-cmp-card">
          <Form.Item name="channel" label={t('complaints.intake.channel')} rules={[{ required: true }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={(['phone', 'hotline', 'visit'] as const).map((c) => ({ value: c, label: t(channelLabels[c]) }))} />
          </Form.Item>
          {channel === 'hotline' && (
            <>
              <Form.Item name="workOrderNo" label={t('complaints.intake.workOrderNo')}
                rules={[...req('complaints.intake.workOrderNoRequired'), { pattern: /^[A-Za-z0-9-]{3,40}$/, message: t('complaints.intake.workOrderNoInvalid') }]}>
                <Input maxLength={40} autoComplete="off" />
              </Form.Item>
              <Form.Item name="workOrderDue" label={t('complaints.intake.workOrderDue')} extra={t('complaints.intake.workOrderDueHelp')}>
                <DatePicker />
              </Form.Item>
            </>
          )}
          <Form.Item name="receivedOn" label={t('complaints.intake.receivedOn')} rules={[{ required: true }]}>
            <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="category" label={t('complaints.intake.category')} rules={[{ required: true, message: t('complaints.intake.categoryRequired') }]}>
            <Select options={complaintCategories.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          <Form.Item name="subject" label={t('complaints.intake.subject')} rules={req('complaints.intake.subjectRequired')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="facts" label={t('complaints.intake.facts')} rules={req('complaints.intake.factsRequired')}>
            <Input.TextArea rows={4} maxLength={5000} showCount />
          </Form.Item>
        </Card>
        <Card title={t('complaints.intake.complainant')} className="fz-cmp-card">
          <Form.Item name={['complainant', 'name']} label={t('complaints.intake.name')} rules={req('complaints.intake.nameRequired')}>
            <Input maxLength={32} autoComplete="off" />
          </Form.Item>
          <Form.Item name={['complainant', 'phone']} label={t('complaints.intake.phone')} rules={[{ pattern: mobileOrLandline, message: t('complaints.intake.phoneInvalid') }]}>
            <Input maxLength={13} inputMode="tel" autoComplete="off" />
          </Form.Item>
          <Form.Item name={['complainant', 'address']} label={t('complaints.intake.address')}>
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>
        </Card>
      </Form>
      <Card className="fz-cmp-card">
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button size="large" onClick={() => void navigate('/console/complaints')}>{t('common.cancel')}</Button>
          <Button type="primary" size="large" loading={submitting} onClick={() => form.submit()} data-testid="complaint-submit">{t('complaints.intake.submit')}</Button>
        </Space>
      </Card>
    </div>
  );
};
