import { useRef, useState } from 'react';
import { Alert, Card, Form, Input, Select, Typography } from 'antd';
import type { AppliedCaseView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { errorToString } from '../../shared/describe-error.ts';
import { disputeCategories } from '../mediation/mediation-options.ts';
import { isResidentId, mobileOrLandline, newIdempotencyKey } from '../mediation/validators.ts';
import { submitApplication, useApplyPortal } from './apply-api.ts';
import { ApplyResult } from './apply-result.tsx';
import { PortalShell } from './portal-shell.tsx';
import './apply.css';
import { ConsentItem, SubmitBar } from './apply-form-parts.tsx';

type Values = {
  villageId?: string; villageName?: string; category: string;
  applicant: { name: string; phone: string; idNumber?: string; address?: string };
  respondent: { name: string; phone?: string; address?: string };
  facts: string; claims: string; consent: boolean;
};
const opt = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** 网上申请人民调解: no sign-in, phone first; the citizen leaves with a tracking number and a query code. */
export const ApplyMediationPage = () => {
  const t = useT();
  const portal = useApplyPortal();
  const [form] = Form.useForm<Values>();
  const key = useRef(newIdempotencyKey());
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState<AppliedCaseView | null>(null);
  const villages = portal.data?.villageList;
  const canSubmit = !!villages?.length;

  const onFinish = async (v: Values) => {
    if (!v.villageId) return;
    setSubmitting(true);
    setFailure(null);
    try {
      const idNumber = opt(v.applicant.idNumber)?.toUpperCase();
      setSubmitted(await submitApplication({
        villageId: v.villageId, category: v.category, facts: v.facts.trim(), claims: v.claims.trim(), consent: true,
        applicant: { name: v.applicant.name.trim(), phone: v.applicant.phone.trim(), ...(idNumber ? { idNumber } : {}), ...(opt(v.applicant.address) ? { address: opt(v.applicant.address) } : {}) },
        respondent: { name: v.respondent.name.trim(), ...(opt(v.respondent.phone) ? { phone: opt(v.respondent.phone) } : {}), ...(opt(v.respondent.address) ? { address: opt(v.respondent.address) } : {}) },
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
    <PortalShell title={t('apply.title')} sub={portal.data?.township.name ?? t('app.shortName')}>
      {submitted ? <ApplyResult submitted={submitted} /> : (
        <Form<Values> form={form} layout="vertical" size="large" name="mediation-apply" scrollToFirstError={{ block: 'center' }} onFinish={(v) => void onFinish(v)}>
          <Card className="fz-apply__card">
            <Typography.Paragraph className="fz-apply__intro">{t('apply.intro')}</Typography.Paragraph>
            {portal.data && !canSubmit && <Alert type="warning" showIcon title={t('apply.noVillages')} className="fz-apply__alert" />}
            {canSubmit ? (
              <Form.Item name="villageId" label={t('apply.village')} rules={[{ required: true, message: t('apply.villageRequired') }]}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={villages.map((v) => ({ value: v.id, label: v.name }))} placeholder={t('apply.villagePlaceholder')} />
              </Form.Item>
            ) : (
              <Form.Item name="villageName" label={t('apply.village')} rules={req(t('apply.villageRequired'))}>
                <Input maxLength={32} placeholder={t('apply.villageFree')} />
              </Form.Item>
            )}
            <Form.Item name="category" label={t('mediation.field.category')} rules={[{ required: true, message: t('mediation.field.categoryRequired') }]}>
              <Select options={disputeCategories.map((c) => ({ value: c.value, label: t(c.label) }))} placeholder={t('mediation.field.categoryPlaceholder')} />
            </Form.Item>
          </Card>
          <Card className="fz-apply__card" title={t('apply.applicant')}>
            <Form.Item name={['applicant', 'name']} label={t('apply.name')} rules={req(t('mediation.party.personNameRequired'))}>
              <Input maxLength={32} autoComplete="name" />
            </Form.Item>
            <Form.Item name={['applicant', 'phone']} label={t('apply.phone')} rules={[...req(t('apply.phoneRequired')), { pattern: mobileOrLandline, message: t('mediation.party.phoneInvalid') }]}>
              <Input maxLength={13} inputMode="tel" autoComplete="tel" />
            </Form.Item>
            <Form.Item name={['applicant', 'idNumber']} label={t('apply.idNumberOptional')}
              rules={[{ validator: async (_, v: string | undefined) => { if (v?.trim() && !isResidentId(v.trim())) throw new Error(t('mediation.party.idInvalid')); } }]}>
              <Input maxLength={18} autoComplete="off" />
            </Form.Item>
            <Form.Item name={['applicant', 'address']} label={t('apply.addressOptional')}>
              <Input maxLength={200} autoComplete="street-address" />
            </Form.Item>
          </Card>
          <Card className="fz-apply__card" title={t('apply.respondent')}>
            <Form.Item name={['respondent', 'name']} label={t('mediation.party.name')} rules={req(t('mediation.party.nameRequired'))}>
              <Input maxLength={32} autoComplete="off" />
            </Form.Item>
            <Form.Item name={['respondent', 'phone']} label={t('apply.phoneOptional')} rules={[{ pattern: mobileOrLandline, message: t('mediation.party.phoneInvalid') }]}>
              <Input maxLength={13} inputMode="tel" autoComplete="off" />
            </Form.Item>
            <Form.Item name={['respondent', 'address']} label={t('apply.addressOptional')}>
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
          </Card>
          <Card className="fz-apply__card" title={t('apply.matter')}>
            <Form.Item name="facts" label={t('mediation.field.facts')} rules={[...req(t('mediation.field.factsRequired')), { min: 10, message: t('mediation.field.factsShort') }]}>
              <Input.TextArea rows={5} maxLength={5000} showCount placeholder={t('mediation.field.factsPlaceholder')} />
            </Form.Item>
            <Form.Item name="claims" label={t('mediation.field.claims')} rules={[...req(t('mediation.field.claimsRequired')), { min: 2, message: t('mediation.field.claimsRequired') }]}>
              <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('mediation.field.claimsPlaceholder')} />
            </Form.Item>
            <ConsentItem label={t('apply.consent')} required={t('apply.consentRequired')} />
          </Card>
          <SubmitBar failure={failure} submitting={submitting} disabled={!canSubmit} label={t('apply.submit')} />
        </Form>
      )}
    </PortalShell>
  );
};
