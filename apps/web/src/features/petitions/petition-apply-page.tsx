import { useRef, useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, Result, Select, Typography } from 'antd';
import { Link } from 'react-router';
import type { AppliedCaseView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { errorToString } from '../../shared/describe-error.ts';
import { isResidentId, mobileOrLandline, newIdempotencyKey } from '../mediation/validators.ts';
import { useApplyPortal } from '../portal-apply/apply-api.ts';
import { categories, submitPetition } from './petitions-api.ts';
import { PortalShell } from '../portal-apply/portal-shell.tsx';
import '../portal-apply/apply.css';
import { SubmitBar } from '../portal-apply/apply-form-parts.tsx';

type Values = { villageId: string; category: string; title: string; request: string; facts: string; truthful: boolean; petitioner: { name: string; phone: string; idNumber?: string; address?: string } };
const opt = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** 我要信访 on a phone: no sign-in; the petitioner leaves with a tracking number and a query code. */
export const PetitionApplyPage = () => {
  const t = useT();
  const portal = useApplyPortal();
  const [form] = Form.useForm<Values>();
  const key = useRef(newIdempotencyKey());
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState<AppliedCaseView | null>(null);
  const villages = portal.data?.villageList ?? [];

  const onFinish = async (v: Values) => {
    setSubmitting(true);
    setFailure(null);
    try {
      const idNumber = opt(v.petitioner.idNumber)?.toUpperCase();
      setSubmitted(await submitPetition({
        villageId: v.villageId, category: v.category, title: v.title.trim(), request: v.request.trim(), facts: v.facts.trim(), truthful: true,
        petitioner: { name: v.petitioner.name.trim(), phone: v.petitioner.phone.trim(), ...(idNumber ? { idNumber } : {}), ...(opt(v.petitioner.address) ? { address: opt(v.petitioner.address) } : {}) },
      }, key.current));
      window.scrollTo({ top: 0 });
    } catch (e) {
      setFailure(errorToString(t, e));
    } finally {
      setSubmitting(false);
    }
  };
  const req = (message: string) => [{ required: true, whitespace: true, message }];

  return (
    <PortalShell title={t('petitions.apply.title')} sub={portal.data?.township.name ?? t('app.shortName')}>
      {submitted ? (
        <Card className="fz-apply__card">
          <Result status="success" title={t('petitions.apply.done.title')} subTitle={t('petitions.apply.done.subtitle')} />
          <div className="fz-apply__codes" data-testid="apply-codes">
            <div className="fz-apply__code"><span>{t('apply.done.trackingNo')}</span>
              <Typography.Text strong copyable className="fz-apply__code-value" data-testid="tracking-no">{submitted.trackingNo ?? '—'}</Typography.Text></div>
            <div className="fz-apply__code"><span>{t('apply.done.queryCode')}</span>
              <Typography.Text strong copyable className="fz-apply__code-value" data-testid="query-code">{submitted.queryCode ?? '—'}</Typography.Text></div>
          </div>
          {submitted.smsTo && <Typography.Paragraph type="secondary" className="fz-apply__sms">{t('apply.done.sms', { phone: submitted.smsTo })}</Typography.Paragraph>}
          <Alert type="warning" showIcon title={t('apply.done.keep')} description={t('apply.done.keepText')} />
          <div className="fz-apply__after">
            <Link to={`/track${submitted.trackingNo ? `?no=${submitted.trackingNo}` : ''}`}><Button type="primary" size="large" block>{t('apply.done.track')}</Button></Link>
            <Link to="/"><Button size="large" block>{t('apply.backToPortal')}</Button></Link>
          </div>
        </Card>
      ) : (
        <Form<Values> form={form} layout="vertical" size="large" name="petition-apply" scrollToFirstError={{ block: 'center' }} onFinish={(v) => void onFinish(v)}>
          <Card className="fz-apply__card">
            <Typography.Paragraph className="fz-apply__intro">{t('petitions.apply.intro')}</Typography.Paragraph>
            <Form.Item name="villageId" label={t('apply.village')} rules={[{ required: true, message: t('apply.villageRequired') }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={villages.map((v) => ({ value: v.id, label: v.name }))} placeholder={t('apply.villagePlaceholder')} />
            </Form.Item>
            <Form.Item name="category" label={t('petitions.field.category')} rules={[{ required: true, message: t('mediation.field.categoryRequired') }]}>
              <Select options={categories.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Card>
          <Card className="fz-apply__card" title={t('petitions.field.petitioner')}>
            <Form.Item name={['petitioner', 'name']} label={t('apply.name')} rules={req(t('petitions.field.nameRequired'))}><Input maxLength={32} autoComplete="name" /></Form.Item>
            <Form.Item name={['petitioner', 'phone']} label={t('apply.phone')} rules={[...req(t('apply.phoneRequired')), { pattern: mobileOrLandline, message: t('mediation.party.phoneInvalid') }]}>
              <Input maxLength={13} inputMode="tel" autoComplete="tel" />
            </Form.Item>
            <Form.Item name={['petitioner', 'idNumber']} label={t('apply.idNumberOptional')}
              rules={[{ validator: async (_, v: string | undefined) => { if (v?.trim() && !isResidentId(v.trim())) throw new Error(t('mediation.party.idInvalid')); } }]}>
              <Input maxLength={18} autoComplete="off" />
            </Form.Item>
            <Form.Item name={['petitioner', 'address']} label={t('apply.addressOptional')}><Input maxLength={200} autoComplete="street-address" /></Form.Item>
          </Card>
          <Card className="fz-apply__card" title={t('petitions.apply.matter')}>
            <Form.Item name="title" label={t('petitions.field.title')} rules={[...req(t('petitions.field.titleRequired')), { min: 4, message: t('petitions.field.titleRequired') }]}><Input maxLength={60} /></Form.Item>
            <Form.Item name="request" label={t('petitions.field.request')} rules={[...req(t('petitions.field.requestRequired')), { min: 4, message: t('petitions.field.requestRequired') }]}>
              <Input.TextArea rows={3} maxLength={2000} showCount />
            </Form.Item>
            <Form.Item name="facts" label={t('petitions.field.facts')} rules={[...req(t('mediation.field.factsRequired')), { min: 10, message: t('mediation.field.factsShort') }]}>
              <Input.TextArea rows={5} maxLength={5000} showCount />
            </Form.Item>
            <Form.Item name="truthful" valuePropName="checked" rules={[{ validator: async (_, v: boolean | undefined) => { if (!v) throw new Error(t('petitions.apply.truthfulRequired')); } }]}>
              <Checkbox className="fz-apply__consent">{t('petitions.apply.truthful')}</Checkbox>
            </Form.Item>
          </Card>
          <SubmitBar failure={failure} submitting={submitting} disabled={villages.length === 0} label={t('apply.submit')} />
        </Form>
      )}
    </PortalShell>
  );
};
