import { Alert, Form, Input, InputNumber, Radio, Select, Tag } from 'antd';
import { useT } from '../../i18n/locale-context.tsx';
import { disputeCategories, groupDisputeFrom, intakes, risks, type Intake, type Risk } from './mediation-options.ts';

export type Consent = 'agree' | 'refuse';
export type DisputeValues = {
  category: string; title: string; facts: string; claims: string; amount?: number | null; people: number;
  risk: Risk; consent: Consent; refuseReason?: string; intake: Intake;
};

/** The dispute itself: category, facts and claims, size and risk, the other side's consent, the source. */
export const RegisterDisputeFields = () => {
  const t = useT();
  const people = Form.useWatch<number | undefined>('people');
  const risk = Form.useWatch<Risk | undefined>('risk');
  const consent = Form.useWatch<Consent | undefined>('consent');

  return (
    <>
      <Form.Item name="category" label={t('mediation.field.category')} rules={[{ required: true, message: t('mediation.field.categoryRequired') }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('mediation.field.categoryPlaceholder')}
          options={disputeCategories.map((c) => ({ value: c.value, label: t(c.label) }))}
        />
      </Form.Item>
      <Form.Item name="title" label={t('mediation.field.title')} extra={t('mediation.field.titleHelp')}
        rules={[{ required: true, whitespace: true, message: t('mediation.field.titleRequired') }]}>
        <Input maxLength={200} showCount />
      </Form.Item>
      <Form.Item name="facts" label={t('mediation.field.facts')}
        rules={[{ required: true, whitespace: true, message: t('mediation.field.factsRequired') }, { min: 10, message: t('mediation.field.factsShort') }]}>
        <Input.TextArea rows={4} maxLength={5000} showCount placeholder={t('mediation.field.factsPlaceholder')} />
      </Form.Item>
      <Form.Item name="claims" label={t('mediation.field.claims')}
        rules={[{ required: true, whitespace: true, message: t('mediation.field.claimsRequired') }]}>
        <Input.TextArea rows={2} maxLength={2000} showCount placeholder={t('mediation.field.claimsPlaceholder')} />
      </Form.Item>
      <Form.Item name="amount" label={t('mediation.field.amount')} extra={t('mediation.field.amountHelp')}>
        <InputNumber<number> min={0} max={1e10} precision={2} prefix="¥" style={{ width: '100%' }} inputMode="decimal" />
      </Form.Item>
      <Form.Item name="people" label={t('mediation.field.people')} rules={[{ required: true, message: t('mediation.field.peopleRequired') }]}
        extra={(people ?? 0) >= groupDisputeFrom && <Tag color="orange" className="fz-med-group-tag">{t('mediation.field.groupDispute')}</Tag>}>
        <InputNumber<number> min={1} max={10000} precision={0} style={{ width: 140 }} inputMode="numeric" suffix={t('mediation.unit.people')} />
      </Form.Item>
      <Form.Item name="risk" label={t('mediation.field.risk')} rules={[{ required: true }]}>
        <Radio.Group optionType="button" buttonStyle="solid" options={risks.map((r) => ({ value: r.value, label: t(r.label) }))} />
      </Form.Item>
      {risk === 'high' && (
        <Alert className="fz-med-alert" type="error" showIcon title={t('mediation.field.highRiskTitle')} description={t('mediation.field.highRiskText')} />
      )}
      <Form.Item name="consent" label={t('mediation.field.consent')} rules={[{ required: true }]}>
        <Radio.Group optionType="button" options={[
          { value: 'agree', label: t('mediation.consent.agree') },
          { value: 'refuse', label: t('mediation.consent.refuse') },
        ]} />
      </Form.Item>
      {consent === 'refuse' && (
        <>
          <Alert className="fz-med-alert" type="warning" showIcon title={t('mediation.consent.refuseNote')} />
          <Form.Item name="refuseReason" label={t('mediation.consent.reason')}
            rules={[{ required: true, whitespace: true, message: t('mediation.consent.reasonRequired') }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </>
      )}
      <Form.Item name="intake" label={t('mediation.field.intake')} rules={[{ required: true }]}>
        <Select options={intakes.map((s) => ({ value: s.value, label: t(s.label) }))} />
      </Form.Item>
    </>
  );
};
