import { App, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../i18n/locale-context.tsx';
import { useFormLayout } from '../../shared/use-viewport.ts';
import { useSaving } from '../../shared/use-saving.ts';
import { addOverride } from './calendar-api.ts';

type Values = { day: Dayjs; kind: 'holiday' | 'workday'; name: string; note?: string };
type Props = { open: boolean; year: number; onClose: () => void; onDone: () => void };

/** 录入节假日或调休: one day for the whole deployment; the server recomputes the open clocks it touches. */
export const OverrideModal = ({ open, year, onClose, onDone }: Props) => {
  const t = useT();
  const { message } = App.useApp();
  const layout = useFormLayout();
  const [form] = Form.useForm<Values>();
  const { saving, save } = useSaving();

  const submit = async () => {
    const v = await form.validateFields();
    await save(async () => {
      const r = await addOverride({ day: v.day.format('YYYY-MM-DD'), kind: v.kind, name: v.name.trim(), ...(v.note?.trim() ? { note: v.note.trim() } : {}) });
      void message.success(t('calendar.recomputed', { n: r.recomputed }));
      onDone();
    });
  };

  return (
    <Modal
      title={t('calendar.add.title')}
      open={open}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form form={form} {...layout} preserve={false} initialValues={{ kind: 'holiday' }}>
        <Form.Item name="day" label={t('calendar.add.day')} rules={[{ required: true, message: t('calendar.add.dayRequired') }]}>
          <DatePicker style={{ width: '100%' }} defaultPickerValue={dayjs(`${year}-01-01`)} disabledDate={(d) => d.year() < year - 1 || d.year() > year + 1} />
        </Form.Item>
        <Form.Item name="kind" label={t('calendar.add.kind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'holiday', label: t('calendar.kind.holidayLong') },
              { value: 'workday', label: t('calendar.kind.workdayLong') },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label={t('calendar.add.name')} rules={[{ required: true, whitespace: true, message: t('calendar.add.nameRequired') }]}>
          <Input maxLength={32} placeholder={t('calendar.add.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="note" label={t('calendar.add.note')}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
};
