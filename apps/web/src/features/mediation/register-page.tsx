import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Form, Space } from 'antd';
import type { CreateCaseBody } from '@fazhi/contracts';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n/locale-context.tsx';
import { useReportError } from '../../shared/use-report-error.ts';
import { useFormLayout, useIsPhone } from '../../shared/use-viewport.ts';
import { useMe } from '../auth/session-context.tsx';
import { OrgTreeSelect } from '../orgs/org-tree-select.tsx';
import { createCase, fetchCase, takeTransition } from './mediation-api.ts';
import { applicantRole, composeBody, groupDisputeFrom, respondentRole } from './mediation-options.ts';
import { RegisterDisputeFields, type DisputeValues } from './register-dispute-fields.tsx';
import { emptyParty, RegisterPartyList, type PartyValues } from './register-party-list.tsx';
import { useHandleOrgs } from './use-handle-orgs.ts';
import { newIdempotencyKey } from './validators.ts';
import './mediation.css';

type RegisterValues = DisputeValues & { orgId: string; parties: PartyValues[] };

const trimmed = (v: string | undefined): string | undefined => (v?.trim() ? v.trim() : undefined);

const toBody = (v: RegisterValues, assignee: string): CreateCaseBody => ({
  type: 'mediation',
  orgId: v.orgId,
  title: v.title.trim(),
  body: composeBody(v.facts.trim(), v.claims.trim()),
  category: v.category,
  parties: v.parties.map((p) => {
    const idNumber = trimmed(p.idNumber)?.toUpperCase();
    const phone = trimmed(p.phone);
    const address = trimmed(p.address);
    return { kind: p.kind, role: p.role, name: p.name.trim(), ...(idNumber ? { idNumber } : {}), ...(phone ? { phone } : {}), ...(address ? { address } : {}) };
  }),
  assigneeIds: [assignee],
  data: {
    amount: v.amount ?? null, people: v.people, group: v.people >= groupDisputeFrom, risk: v.risk, consent: v.consent, intake: v.intake,
    facts: v.facts.trim(), claims: v.claims.trim(),
  },
});

/**
 * 登记纠纷. The Idempotency-Key is made once per form, so a double tap or a retry after a
 * dropped connection returns the first case. A refusal by the other side (人民调解法 第十七条)
 * is registered, then ended at once with 不予调解.
 */
export const RegisterPage = () => {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const layout = useFormLayout();
  const reportError = useReportError();
  const { message } = App.useApp();
  const [form] = Form.useForm<RegisterValues>();
  const handle = useHandleOrgs();
  const key = useRef(newIdempotencyKey());
  const [submitting, setSubmitting] = useState(false);
  const defaultOrg = me.grants.find((g) => handle.orgs.some((o) => o.id === g.orgId))?.orgId;

  // The user's own grant org, once the tree has loaded, unless a choice was made meanwhile.
  useEffect(() => {
    if (defaultOrg && !form.getFieldValue('orgId')) form.setFieldValue('orgId', defaultOrg);
  }, [defaultOrg, form]);

  const onFinish = async (values: RegisterValues) => {
    setSubmitting(true);
    try {
      const created = await createCase(toBody(values, me.user.id), key.current);
      if (values.consent === 'refuse' && !created.replayed) {
        try {
          const kase = await fetchCase(created.id);
          await takeTransition(created.id, { transition: 'refuse', version: kase.version, fields: { reason: values.refuseReason?.trim() } });
        } catch (e) {
          reportError(e);
        }
      }
      void message.success(t('mediation.register.done', { ref: created.ref }));
      void navigate(`/console/cases/${created.id}`);
    } catch (e) {
      reportError(e);
    } finally {
      setSubmitting(false);
    }
  };

  const submit = (
    <Button type="primary" size="large" loading={submitting} onClick={() => form.submit()} block={phone} className="fz-med-submit">
      {t('mediation.register.submit')}
    </Button>
  );

  return (
    <div className={phone ? 'fz-med-page fz-med-page--with-bar' : 'fz-med-page fz-med-form'}>
      <Form<RegisterValues>
        {...layout}
        {...(phone ? {} : { labelCol: { flex: '140px' } })}
        name="mediation-register"
        form={form}
        size={phone ? 'large' : 'middle'}
        scrollToFirstError={{ behavior: 'smooth', block: 'center' }}
        initialValues={{ people: 2, risk: 'low', consent: 'agree', intake: 'visit', parties: [emptyParty(applicantRole), emptyParty(respondentRole)] }}
        onFinish={(v) => void onFinish(v)}
        onFinishFailed={() => void message.warning(t('mediation.register.fixErrors'))}
      >
        <Card title={t('mediation.register.title')} className="fz-med-card">
          {handle.error !== undefined && <Alert type="error" showIcon title={t('error.loadFailed')} className="fz-med-alert" />}
          <Form.Item name="orgId" label={t('mediation.field.org')}
            rules={[{ required: true, message: t('mediation.field.orgRequired') }]} extra={t('mediation.field.orgHelp')}>
            <OrgTreeSelect orgs={handle.orgs} loading={handle.loading} placeholder={t('mediation.field.orgPlaceholder')} />
          </Form.Item>
          <RegisterDisputeFields />
        </Card>
        <Card title={t('mediation.party.section')} className="fz-med-card">
          <RegisterPartyList />
        </Card>
      </Form>
      {phone ? (
        <div className="fz-med-bottom-bar">{submit}</div>
      ) : (
        <Card className="fz-med-card">
          <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
            <Button size="large" onClick={() => void navigate('/console/mediation')}>{t('common.cancel')}</Button>
            {submit}
          </Space>
        </Card>
      )}
    </div>
  );
};
