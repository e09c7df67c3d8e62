import { Button, DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { OrgView } from '@fazhi/contracts';
import type { CommitteeBody, CommitteeKind, CommitteeView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { FormDrawer } from '../../shared/form-drawer.tsx';
import { useSaving } from '../../shared/use-saving.ts';
import { useFormLayout } from '../../shared/use-viewport.ts';
import { OrgTreeSelect } from '../orgs/org-tree-select.tsx';
import { createCommittee, createMediator } from './mediation-api.ts';
import { disputeCategories } from './mediation-options.ts';
import { committeeKinds } from './committee-kinds.ts';
import { mobileOrLandline } from './validators.ts';

type CommitteeValues = { orgId: string; kind: CommitteeKind; name: string; specialty?: string };

/** 新增调解组织: a committee (town, village, professional) or a personal studio (个人调解工作室). */
export const CommitteeDrawer = ({ open, orgs, onClose, onSaved }: { open: boolean; orgs: OrgView[]; onClose: () => void; onSaved: () => void }) => {
  const t = useT();
  const layout = useFormLayout();
  const [form] = Form.useForm<CommitteeValues>();
  const { saving, save } = useSaving();
  const onFinish = (v: CommitteeValues) => save(async () => {
    const body: CommitteeBody = { orgId: v.orgId, kind: v.kind, name: v.name.trim(), ...(v.specialty?.trim() ? { specialty: v.specialty.trim() } : {}) };
    await createCommittee(body);
    onSaved();
  });
  return (
    <FormDrawer title={t('mediation.org.addCommittee')} open={open} submitting={saving} onClose={onClose} onSubmit={() => form.submit()}>
      <Form<CommitteeValues> {...layout} name="mediation-committee" form={form} initialValues={{ kind: 'village' }} onFinish={(v) => void onFinish(v)}>
        <Form.Item name="orgId" label={t('mediation.org.org')} rules={[{ required: true, message: t('mediation.field.orgRequired') }]}>
          <OrgTreeSelect orgs={orgs} />
        </Form.Item>
        <Form.Item name="kind" label={t('mediation.org.kind')} rules={[{ required: true }]}>
          <Select options={committeeKinds.map((k) => ({ value: k.value, label: t(k.label) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('mediation.org.name')} rules={[{ required: true, whitespace: true, min: 2, message: t('mediation.org.nameRequired') }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="specialty" label={t('mediation.org.specialty')}>
          <Input maxLength={64} placeholder={t('mediation.org.specialtyPlaceholder')} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
};

type Training = { date: Dayjs; title: string; hours: number };
type MediatorValues = { name: string; phone?: string; specialties?: string[]; trainings?: Training[] };

/** 新增调解员: name, phone (sealed by the server), specialties and the trainings attended. */
export const MediatorDrawer = ({ committee, onClose, onSaved }: { committee: CommitteeView | null; onClose: () => void; onSaved: () => void }) => {
  const t = useT();
  const layout = useFormLayout();
  const [form] = Form.useForm<MediatorValues>();
  const { saving, save } = useSaving();
  const onFinish = (v: MediatorValues) => save(async () => {
    if (!committee) return;
    await createMediator({
      committeeId: committee.id, name: v.name.trim(), ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
      specialties: v.specialties ?? [],
      trainings: (v.trainings ?? []).map((x) => ({ date: x.date.format('YYYY-MM-DD'), title: x.title.trim(), hours: x.hours })),
    });
    onSaved();
  });
  return (
    <FormDrawer title={committee ? t('mediation.org.addMediatorTo', { name: committee.name }) : ''} open={committee !== null} submitting={saving}
      onClose={onClose} onSubmit={() => form.submit()} width={600}>
      <Form<MediatorValues> {...layout} name="mediation-mediator" form={form} onFinish={(v) => void onFinish(v)}>
        <Form.Item name="name" label={t('mediation.org.mediatorName')} rules={[{ required: true, whitespace: true, message: t('mediation.org.mediatorNameRequired') }]}>
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item name="phone" label={t('mediation.party.phone')} rules={[{ pattern: mobileOrLandline, message: t('mediation.party.phoneInvalid') }]}>
          <Input maxLength={13} inputMode="tel" />
        </Form.Item>
        <Form.Item name="specialties" label={t('mediation.org.specialties')}>
          <Select mode="tags" maxCount={16} options={disputeCategories.map((c) => ({ value: c.value, label: t(c.label) }))} />
        </Form.Item>
        <Form.Item label={t('mediation.org.trainings')}>
          <Form.List name="trainings">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="start" wrap className="fz-med-participant">
                    <Form.Item name={[f.name, 'date']} noStyle rules={[{ required: true }]}><DatePicker placeholder={t('mediation.org.trainingDate')} /></Form.Item>
                    <Form.Item name={[f.name, 'title']} noStyle rules={[{ required: true, whitespace: true }]}><Input placeholder={t('mediation.org.trainingTitle')} maxLength={100} style={{ width: 160 }} /></Form.Item>
                    <Form.Item name={[f.name, 'hours']} noStyle rules={[{ required: true }]}><InputNumber min={0} max={200} placeholder={t('mediation.org.trainingHours')} style={{ width: 90 }} /></Form.Item>
                    <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('mediation.party.remove')} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>{t('mediation.org.addTraining')}</Button>
              </>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </FormDrawer>
  );
};
