import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Checkbox, Form, Input, Modal, Select, Space, Typography } from 'antd';
import type { GridMediationBody, GridPetitionBody } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { useSaving } from '../../shared/use-saving.ts';
import { useCan } from '../auth/session-context.tsx';
import { useCaseTypes } from '../cases/cases-api.ts';
import type { CaseExtension, CasePanelProps } from '../cases/case-extensions.ts';
import { useHandleOrgs } from '../mediation/use-handle-orgs.ts';
import { referGridEventToMediation, referGridEventToPetition } from './grid-api.ts';

type Values = Omit<GridMediationBody, 'consent'> & { consent?: boolean };
const phoneRule = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/**
 * 转办 on a grid event's page: a dispute the 综治中心 refers to people's mediation with both
 * parties' consent (人民调解法 第十七条), registered at a village of the township or by the
 * township's committee; or a demand that is the petition office's, registered there as a
 * transferred petition (信访工作条例 第二十一条). The new case is linked to the event ("一案一码"),
 * which stays on its own loop until verified and closed.
 */
const Referral = ({ view, reload }: CasePanelProps) => {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const { saving, save } = useSaving();
  const [open, setOpen] = useState<'mediation' | 'petition' | null>(null);
  const [form] = Form.useForm<Values>();
  const [petitionForm] = Form.useForm<GridPetitionBody>();
  const types = useCaseTypes();
  const { orgs, all } = useHandleOrgs();
  const mediation = types.data?.items.find((x) => x.code === 'mediation');
  const petition = types.data?.items.find((x) => x.code === 'petition');
  const linked = view.links.filter((l) => l.kind === 'related');
  const home = all.find((o) => o.id === view.orgId);
  const townshipId = home?.kind === 'township' ? home.id : home?.townshipId ?? null;
  const places = orgs.filter((o) => (o.kind === 'village' && o.townshipId === townshipId) || (o.kind === 'township' && o.id === townshipId));
  const linkedTo = (refCode: string | undefined) => linked.some((l) => l.ref.split('-')[1] === refCode);
  // Once filed (no longer 已上报), while open, by whoever dispatches (the 综治中心).
  const dispatching = can('grid.dispatch') && view.statusKind === 'open' && view.status !== 'reported';
  const mayMediate = dispatching && mediation !== undefined && !linkedTo(mediation.refCode);
  const mayPetition = dispatching && petition !== undefined && !linkedTo(petition.refCode);

  const submit = (v: Values) => void save(async () => {
    const r = await referGridEventToMediation(view.id, {
      ...v, consent: v.consent === true,
      applicant: { name: v.applicant.name.trim(), ...(v.applicant.phone?.trim() ? { phone: v.applicant.phone.trim() } : {}) },
      respondent: { name: v.respondent.name.trim(), ...(v.respondent.phone?.trim() ? { phone: v.respondent.phone.trim() } : {}) },
    });
    setOpen(null);
    void message.success(t('grid.refer.done', { ref: r.ref }));
    reload();
  });
  const submitPetition = (v: GridPetitionBody) => void save(async () => {
    const r = await referGridEventToPetition(view.id, {
      ...v, petitioner: { name: v.petitioner.name.trim(), ...(v.petitioner.phone?.trim() ? { phone: v.petitioner.phone.trim() } : {}) },
    });
    setOpen(null);
    void message.success(t('grid.refer.petitionDone', { ref: r.ref }));
    reload();
  });

  if (linked.length === 0 && !mayMediate && !mayPetition) return null;
  return (
    <Card title={t('grid.refer.title')} size="small" className="fz-case-card-block" data-testid="grid-referral">
      {linked.map((l) => (
        <Typography.Paragraph key={l.caseId}>
          {can(l.ref.split('-')[1] === petition?.refCode ? 'petition.read' : 'mediation.read') ? <Link to={`/console/cases/${l.caseId}`}>{l.ref}</Link> : l.ref} {l.title}
        </Typography.Paragraph>
      ))}
      <Space wrap>
        {mayMediate && <Button onClick={() => { form.resetFields(); setOpen('mediation'); }} data-testid="grid-refer-mediation">{t('grid.refer.mediation')}</Button>}
        {mayPetition && <Button onClick={() => { petitionForm.resetFields(); setOpen('petition'); }} data-testid="grid-refer-petition">{t('grid.refer.petition')}</Button>}
      </Space>
      <Modal open={open === 'petition'} title={t('grid.refer.petition')} okText={t('grid.refer.petitionSubmit')} confirmLoading={saving} onCancel={() => setOpen(null)} onOk={() => petitionForm.submit()} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('grid.refer.petitionBasis')}</Typography.Paragraph>
        <Form form={petitionForm} layout="vertical" onFinish={submitPetition}>
          <Form.Item name="category" label={t('grid.refer.petitionCategory')} rules={[{ required: true, message: t('grid.refer.required') }]}>
            <Select options={(petition?.categories ?? []).map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          <Form.Item name={['petitioner', 'name']} label={t('grid.refer.petitioner')} rules={[{ required: true, whitespace: true, max: 32, message: t('grid.refer.required') }]}><Input maxLength={32} /></Form.Item>
          <Form.Item name={['petitioner', 'phone']} label={t('grid.refer.phone')} rules={[{ pattern: phoneRule, message: t('grid.refer.phoneInvalid') }]}><Input maxLength={20} inputMode="tel" /></Form.Item>
          <Form.Item name="request" label={t('grid.refer.request')} rules={[{ required: true, whitespace: true, min: 2, message: t('grid.refer.required') }]}><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
          <Form.Item name="note" label={t('grid.refer.note')} rules={[{ required: true, whitespace: true, min: 2, message: t('grid.refer.required') }]}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
        </Form>
      </Modal>
      <Modal open={open === 'mediation'} title={t('grid.refer.mediation')} okText={t('grid.refer.submit')} confirmLoading={saving} onCancel={() => setOpen(null)} onOk={() => form.submit()} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('grid.refer.basis')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="orgId" label={t('grid.refer.org')} rules={[{ required: true, message: t('grid.refer.required') }]}>
            <Select showSearch optionFilterProp="label" options={places.map((o) => ({ value: o.id, label: o.name }))} />
          </Form.Item>
          <Form.Item name="category" label={t('grid.refer.category')} rules={[{ required: true, message: t('grid.refer.required') }]}>
            <Select options={(mediation?.categories ?? []).map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          <Form.Item name={['applicant', 'name']} label={t('grid.refer.applicant')} rules={[{ required: true, whitespace: true, max: 32, message: t('grid.refer.required') }]}><Input maxLength={32} /></Form.Item>
          <Form.Item name={['applicant', 'phone']} label={t('grid.refer.phone')} rules={[{ pattern: phoneRule, message: t('grid.refer.phoneInvalid') }]}><Input maxLength={20} inputMode="tel" /></Form.Item>
          <Form.Item name={['respondent', 'name']} label={t('grid.refer.respondent')} rules={[{ required: true, whitespace: true, max: 32, message: t('grid.refer.required') }]}><Input maxLength={32} /></Form.Item>
          <Form.Item name={['respondent', 'phone']} label={t('grid.refer.phone')} rules={[{ pattern: phoneRule, message: t('grid.refer.phoneInvalid') }]}><Input maxLength={20} inputMode="tel" /></Form.Item>
          <Form.Item name="note" label={t('grid.refer.note')} rules={[{ required: true, whitespace: true, min: 2, message: t('grid.refer.required') }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
          <Form.Item name="consent" valuePropName="checked" rules={[{ validator: (_, v) => (v === true ? Promise.resolve() : Promise.reject(new Error(t('grid.refer.consentRequired')))) }]}>
            <Checkbox>{t('grid.refer.consent')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
};

/** A grid event on the one case page: its referrals beside the engine's steps. */
export const gridEventCase: CaseExtension = { side: [Referral] };
