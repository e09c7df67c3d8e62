import { useRef, useState } from 'react';
import { Card, Form, Input, Select, Typography } from 'antd';
import { Link } from 'react-router';
import type { AppliedCaseView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { errorToString } from '../../shared/describe-error.ts';
import { usePortalInfo } from '../portal/portal-api.ts';
import { ApplyResult } from '../portal-apply/apply-result.tsx';
import { isCreditCode, isResidentId, mobileOrLandline, newIdempotencyKey } from '../mediation/validators.ts';
import { applyForDisclosure } from './disclosure-api.ts';
import { applicantTypes, deliveries, forms, organisationKinds } from './disclosure-options.ts';
import { PortalShell } from '../portal-apply/portal-shell.tsx';
import '../portal-apply/apply.css';
import { ConsentItem, SubmitBar } from '../portal-apply/apply-form-parts.tsx';

type Values = {
  type: 'citizen' | 'legal_person' | 'other_org'; organisationKind?: 'commercial' | 'research' | 'public_interest' | 'legal_service' | 'other';
  name: string; idNumber: string; phone: string; address?: string; email?: string;
  information: string; form: 'paper' | 'electronic'; delivery: 'pickup' | 'post' | 'email' | 'online'; consent: boolean;
};
const opt = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** 依申请公开 on the portal, from a phone: no sign-in; the applicant leaves with a tracking number and query code. */
export const ApplyDisclosurePage = () => {
  const t = useT();
  const portal = usePortalInfo();
  const [form] = Form.useForm<Values>();
  const key = useRef(newIdempotencyKey());
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState<AppliedCaseView | null>(null);
  const type = Form.useWatch('type', form);
  const delivery = Form.useWatch('delivery', form);
  const person = type !== 'legal_person' && type !== 'other_org';
  const req = (message: string) => [{ required: true, whitespace: true, message }];

  const onFinish = async (v: Values) => {
    setSubmitting(true);
    setFailure(null);
    try {
      setSubmitted(await applyForDisclosure({
        applicant: {
          type: v.type, ...(person ? {} : { organisationKind: v.organisationKind }), name: v.name.trim(), idNumber: v.idNumber.trim().toUpperCase(), phone: v.phone.trim(),
          ...(opt(v.address) ? { address: opt(v.address) } : {}), ...(opt(v.email) ? { email: opt(v.email) } : {}),
        },
        information: v.information.trim(), form: v.form, delivery: v.delivery, consent: true,
      }, key.current));
      window.scrollTo({ top: 0 });
    } catch (e) {
      setFailure(errorToString(t, e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <PortalShell title={t('disclosure.apply.title')} sub={portal.data?.township.name ?? t('app.shortName')}>
      {submitted ? <ApplyResult submitted={submitted} /> : (
        <Form<Values> form={form} layout="vertical" size="large" name="disclosure-apply" scrollToFirstError={{ block: 'center' }} onFinish={(v) => void onFinish(v)}
          initialValues={{ type: 'citizen', form: 'electronic', delivery: 'online' }}>
          <Card className="fz-apply__card">
            <Typography.Paragraph className="fz-apply__intro">{t('disclosure.apply.intro')}</Typography.Paragraph>
            <Typography.Paragraph><Link to="/disclosure" data-testid="proactive-link">{t('portal.service.proactive.desc')}</Link></Typography.Paragraph>
            <Form.Item name="information" label={t('disclosure.intake.information')} rules={[...req(t('disclosure.intake.informationRequired')), { min: 4, message: t('disclosure.intake.informationRequired') }]}>
              <Input.TextArea rows={4} maxLength={5000} showCount />
            </Form.Item>
            <Form.Item name="form" label={t('disclosure.intake.form')}><Select options={forms.map((o) => ({ value: o.value, label: t(o.label) }))} /></Form.Item>
            <Form.Item name="delivery" label={t('disclosure.intake.delivery')}><Select options={deliveries.map((o) => ({ value: o.value, label: t(o.label) }))} /></Form.Item>
          </Card>
          <Card className="fz-apply__card" title={t('disclosure.intake.applicant')}>
            <Form.Item name="type" label={t('disclosure.intake.applicantType')}><Select options={applicantTypes.map((o) => ({ value: o.value, label: t(o.label) }))} /></Form.Item>
            {!person && (
              <Form.Item name="organisationKind" label={t('disclosure.intake.orgKind')} rules={[{ required: true, message: t('disclosure.intake.required', { label: t('disclosure.intake.orgKind') }) }]}>
                <Select options={organisationKinds.map((o) => ({ value: o.value, label: t(o.label) }))} />
              </Form.Item>
            )}
            <Form.Item name="name" label={t('disclosure.intake.name')} rules={req(t('disclosure.apply.nameRequired'))}><Input maxLength={64} autoComplete="name" /></Form.Item>
            <Form.Item name="idNumber" label={t('disclosure.intake.idNumber')} rules={[...req(t('disclosure.intake.idInvalid')), { validator: async (_, v: string | undefined) => {
              const s = (v ?? '').trim();
              if (s && !(person ? isResidentId(s) : isCreditCode(s))) throw new Error(t('disclosure.intake.idInvalid'));
            } }]}>
              <Input maxLength={18} autoComplete="off" />
            </Form.Item>
            <Form.Item name="phone" label={t('disclosure.intake.phone')} rules={[...req(t('disclosure.apply.phoneRequired')), { pattern: mobileOrLandline, message: t('mediation.party.phoneInvalid') }]}>
              <Input maxLength={13} inputMode="tel" autoComplete="tel" />
            </Form.Item>
            <Form.Item name="address" label={t('disclosure.intake.address')}><Input maxLength={200} autoComplete="street-address" /></Form.Item>
            <Form.Item name="email" label={t('disclosure.intake.email')} rules={[{ type: 'email' }, ...(delivery === 'email' ? req(t('disclosure.apply.emailRequired')) : [])]}>
              <Input maxLength={100} inputMode="email" autoComplete="email" />
            </Form.Item>
            <ConsentItem label={t('disclosure.apply.consent')} required={t('disclosure.apply.consentRequired')} />
          </Card>
          <SubmitBar failure={failure} submitting={submitting} testId="disclosure-apply-submit" label={t('disclosure.apply.submit')} />
        </Form>
      )}
    </PortalShell>
  );
};
