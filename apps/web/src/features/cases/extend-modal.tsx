import { App, Form, Input, InputNumber, Modal } from 'antd';
import type { CaseView, DeadlineView } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { useFormLayout } from '../../shared/use-viewport.ts';
import { useSaving } from '../../shared/use-saving.ts';
import { extendDeadline } from './cases-api.ts';

type Props = { caseId: string; deadline: DeadlineView | null; onClose: () => void; onDone: (next: CaseView) => void };
type Values = { length: number; reason: string };

/** 延长期限: how many days (in the clock's own unit) and why; the server enforces the statutory cap. */
export const ExtendModal = ({ caseId, deadline, onClose, onDone }: Props) => {
  const { t, label } = useLocale();
  const { message } = App.useApp();
  const layout = useFormLayout();
  const [form] = Form.useForm<Values>();
  const { saving, save } = useSaving();
  const unit = deadline?.unit === 'wd' ? t('calendar.calc.unit.wd') : t('calendar.calc.unit.cd');

  const submit = async () => {
    if (!deadline) return;
    const values = await form.validateFields();
    await save(async () => {
      const next = await extendDeadline(caseId, deadline.key, { length: values.length, reason: values.reason.trim() });
      void message.success(t('case.extend.done'));
      onDone(next);
    });
  };

  return (
    <Modal
      title={deadline ? t('case.extend.title', { name: label(deadline.label) }) : ''}
      open={deadline !== null}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={saving}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form form={form} {...layout} preserve={false} requiredMark>
        <Form.Item name="length" label={t('case.extend.length')} rules={[{ required: true, message: t('case.extend.lengthRequired') }]}>
          <InputNumber min={1} max={365} precision={0} suffix={unit} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="reason" label={t('case.extend.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('case.extend.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
};
