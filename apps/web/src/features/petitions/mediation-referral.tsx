import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Checkbox, Form, Input, Modal, Select, Typography } from 'antd';
import type { CaseView, MediationReferralBody } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { useReportError } from '../../shared/use-report-error.ts';
import { useCan } from '../auth/session-context.tsx';
import { useCaseTypes } from '../cases/cases-api.ts';
import { useHandleOrgs } from '../mediation/use-handle-orgs.ts';
import { referToMediation } from './petitions-api.ts';

type Values = Omit<MediationReferralBody, 'consent'> & { consent?: boolean };

/**
 * 转人民调解 (信访工作条例 第三十三条): an accepted matter that is a dispute with another party,
 * mediated with both parties' consent at a village of the township or by the township's
 * committee. The mediation case it makes is linked to the petition, which stays in hand.
 */
export const MediationReferral = ({ kase, onDone }: { kase: CaseView; onDone: () => void }) => {
  const { t } = useLocale();
  const { message } = App.useApp();
  const reportError = useReportError();
  const can = useCan();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();
  const types = useCaseTypes();
  const { orgs, all } = useHandleOrgs();
  const mediation = types.data?.items.find((x) => x.code === 'mediation');
  const categories = mediation?.categories ?? [];
  // The mediation cases this petition went to: its links whose reference is mediation's (张八桥-调-2025-0012).
  const referred = mediation ? kase.links.filter((l) => l.kind === 'related' && l.ref.split('-')[1] === mediation.refCode) : [];
  // The petition's township: its office's (a village mediates, or the township's own committee).
  const home = all.find((o) => o.id === kase.orgId);
  const townshipId = home?.kind === 'township' ? home.id : home?.townshipId ?? null;
  const places = orgs.filter((o) => (o.kind === 'village' && o.townshipId === townshipId) || (o.kind === 'township' && o.id === townshipId));

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const r = await referToMediation(kase.id, { ...v, consent: v.consent === true, respondentPhone: v.respondentPhone?.trim() || undefined });
      setOpen(false);
      form.resetFields();
      void message.success(t('petitions.mediation.done', { ref: r.ref }));
      onDone();
    } catch (e) {
      reportError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      {referred.map((l) => (
        <Typography.Paragraph key={l.caseId} data-testid="petition-mediation-case">
          {/* The petition office may not read mediation cases: it sees the reference, the mediators the case. */}
          {can('mediation.read')
            ? <Link to={`/console/cases/${l.caseId}`}>{t('petitions.mediation.open', { ref: l.ref })}</Link>
            : t('petitions.mediation.referred', { ref: l.ref })}
        </Typography.Paragraph>
      ))}
      {referred.length === 0 && <Button onClick={() => setOpen(true)} data-testid="petition-refer-mediation">{t('petitions.mediation.action')}</Button>}
      <Modal open={open} title={t('petitions.mediation.title')} okText={t('petitions.mediation.submit')} confirmLoading={saving}
        onCancel={() => setOpen(false)} onOk={() => form.submit()} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('petitions.mediation.basis')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item name="orgId" label={t('petitions.mediation.org')} rules={[{ required: true, message: t('petitions.mediation.orgRequired') }]}>
            <Select showSearch optionFilterProp="label" options={places.map((o) => ({ value: o.id, label: o.name }))} />
          </Form.Item>
          <Form.Item name="category" label={t('petitions.mediation.category')} rules={[{ required: true, message: t('petitions.mediation.categoryRequired') }]}>
            <Select options={categories.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          <Form.Item name="respondent" label={t('petitions.mediation.respondent')} rules={[{ required: true, whitespace: true, message: t('petitions.mediation.respondentRequired') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="respondentPhone" label={t('petitions.mediation.respondentPhone')} rules={[{ pattern: /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, message: t('petitions.mediation.phoneInvalid') }]}>
            <Input maxLength={20} inputMode="tel" />
          </Form.Item>
          <Form.Item name="note" label={t('petitions.mediation.note')} rules={[{ required: true, whitespace: true, message: t('petitions.mediation.noteRequired') }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="consent" valuePropName="checked" rules={[{ validator: (_, v) => (v === true ? Promise.resolve() : Promise.reject(new Error(t('petitions.mediation.consentRequired')))) }]}>
            <Checkbox>{t('petitions.mediation.consent')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
};
