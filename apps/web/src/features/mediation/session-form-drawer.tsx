import { useState } from 'react';
import { AutoComplete, Button, DatePicker, Form, Input, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { Participant } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { FormDrawer } from '../../shared/form-drawer.tsx';
import { useReportError } from '../../shared/use-report-error.ts';
import { useFormLayout, useIsPhone } from '../../shared/use-viewport.ts';
import { recordSession } from './mediation-api.ts';
import { sessionPlaces } from './mediation-options.ts';

type Values = { heldAt: Dayjs; place: string; participants: Participant[]; record: string };

type Props = {
  caseId: string;
  open: boolean;
  /** The parties and mediators, offered as participants. */
  people: Participant[];
  onClose: () => void;
  onSaved: (sessionId: string) => void;
  /** 调解笔录 (the default) or 调查记录. */
  kind?: 'session' | 'investigation';
};

/** 记录调解: when and where, who took part, and the record (人民调解法 第二十七条). */
export const SessionFormDrawer = ({ caseId, open, people, onClose, onSaved, kind = 'session' }: Props) => {
  const t = useT();
  const layout = useFormLayout();
  const phone = useIsPhone();
  const reportError = useReportError();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async (v: Values) => {
    setSubmitting(true);
    try {
      const { id } = await recordSession(caseId, {
        heldAt: v.heldAt.toISOString(), place: v.place.trim(), record: v.record.trim(), kind,
        participants: v.participants.map((p) => ({ name: p.name.trim(), role: p.role?.trim() ?? '' })),
      });
      form.resetFields();
      onSaved(id);
    } catch (e) {
      reportError(e);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <FormDrawer title={t(kind === 'investigation' ? 'mediation.session.newInvestigation' : 'mediation.session.new')} open={open} submitting={submitting} onClose={onClose} onSubmit={() => form.submit()} width={640}
      submitText={t('mediation.session.save')}>
      <Form<Values> {...layout} name="mediation-session" form={form} size={phone ? 'large' : 'middle'} preserve
        initialValues={{ heldAt: dayjs(), participants: people.length ? people : [{ name: '', role: '' }] }} onFinish={(v) => void onFinish(v)}>
        <Form.Item name="heldAt" label={t('mediation.session.heldAt')} rules={[{ required: true, message: t('mediation.session.heldAtRequired') }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} inputReadOnly={phone} />
        </Form.Item>
        <Form.Item name="place" label={t('mediation.session.place')} rules={[{ required: true, whitespace: true, message: t('mediation.session.placeRequired') }]}>
          <AutoComplete options={sessionPlaces.map((p) => ({ value: p.value, label: t(p.label) }))} maxLength={100} />
        </Form.Item>
        <Form.Item label={t('mediation.session.participants')} required>
          <Form.List name="participants" rules={[{ validator: async (_, v: Participant[] | undefined) => { if (!v?.length) throw new Error(t('mediation.session.participantsRequired')); } }]}>
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="start" className="fz-med-participant">
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: t('mediation.session.nameRequired') }]} noStyle>
                      <Input placeholder={t('mediation.session.name')} maxLength={32} style={{ width: 130 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'role']} noStyle>
                      <Input placeholder={t('mediation.session.role')} maxLength={32} style={{ width: 120 }} />
                    </Form.Item>
                    <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('mediation.party.remove')} />
                  </Space>
                ))}
                <Form.ErrorList errors={errors} />
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', role: '' })}>{t('mediation.session.addParticipant')}</Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="record" label={t('mediation.session.record')} rules={[{ required: true, whitespace: true, message: t('mediation.session.recordRequired') }]}
          extra={t('mediation.session.recordHelp')}>
          <Input.TextArea rows={10} maxLength={20000} showCount />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
};
