import { useRef, useState } from 'react';
import { Card, Form, Input, Select, Typography } from 'antd';
import { complaintCategories, type PublicComplaintCreated } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { errorToString } from '../../shared/describe-error.ts';
import { mobileOrLandline, newIdempotencyKey } from '../mediation/validators.ts';
import { useApplyPortal } from '../portal-apply/apply-api.ts';
import { ApplyResult } from '../portal-apply/apply-result.tsx';
import { submitPublicComplaint } from './complaints-api.ts';
import { PortalShell } from '../portal-apply/portal-shell.tsx';
import '../portal-apply/apply.css';
import { ConsentItem, SubmitBar } from '../portal-apply/apply-form-parts.tsx';

type Values = { category: string; subject: string; facts: string; name: string; phone: string; consent: boolean };

/** 我要投诉 on the portal: no sign-in, phone first; the citizen leaves with a tracking number and a query code. */
export const ComplaintPublicPage = () => {
  const t = useT();
  const portal = useApplyPortal();
  const [form] = Form.useForm<Values>();
  const key = useRef(newIdempotencyKey());
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState<PublicComplaintCreated | null>(null);

  const onFinish = async (v: Values) => {
    setSubmitting(true);
    setFailure(null);
    try {
      setSubmitted(await submitPublicComplaint({
        category: v.category, subject: v.subject.trim(), facts: v.facts.trim(), complainant: { name: v.name.trim(), phone: v.phone.trim() }, consent: true,
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
    <PortalShell title={t('complaints.public.title')} sub={portal.data?.township.name ?? t('app.shortName')}>
      {submitted ? <ApplyResult submitted={{ id: '', ...submitted }} title={t('complaints.public.done')} subtitle={t('complaints.public.doneSub')} /> : (
        <Form<Values> form={form} layout="vertical" size="large" name="complaint-public" scrollToFirstError={{ block: 'center' }} onFinish={(v) => void onFinish(v)}>
          <Card className="fz-apply__card">
            <Typography.Paragraph className="fz-apply__intro">{t('complaints.public.intro')}</Typography.Paragraph>
            <Form.Item name="category" label={t('complaints.intake.category')} rules={[{ required: true, message: t('complaints.intake.categoryRequired') }]}>
              <Select options={complaintCategories.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
            <Form.Item name="subject" label={t('complaints.public.subject')} rules={[...req(t('complaints.intake.subjectRequired')), { min: 2, message: t('complaints.intake.subjectRequired') }]}>
              <Input maxLength={200} placeholder={t('complaints.public.subjectPlaceholder')} />
            </Form.Item>
            <Form.Item name="facts" label={t('complaints.public.facts')} rules={[...req(t('complaints.intake.factsRequired')), { min: 10, message: t('complaints.public.factsShort') }]}>
              <Input.TextArea rows={5} maxLength={5000} showCount placeholder={t('complaints.public.factsPlaceholder')} />
            </Form.Item>
          </Card>
          <Card className="fz-apply__card" title={t('complaints.public.you')}>
            <Form.Item name="name" label={t('apply.name')} rules={req(t('complaints.intake.nameRequired'))}>
              <Input maxLength={32} autoComplete="name" />
            </Form.Item>
            <Form.Item name="phone" label={t('apply.phone')} rules={[...req(t('complaints.public.phoneRequired')), { pattern: mobileOrLandline, message: t('complaints.intake.phoneInvalid') }]}>
              <Input maxLength={13} inputMode="tel" autoComplete="tel" />
            </Form.Item>
            <ConsentItem label={t('complaints.public.consent')} required={t('apply.consentRequired')} />
          </Card>
          <SubmitBar failure={failure} submitting={submitting} label={t('complaints.public.submit')} />
        </Form>
      )}
    </PortalShell>
  );
};
