import { useState } from 'react';
import { Alert, App, Button, Checkbox, Input, Modal, Space, Upload } from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/locale-context.tsx';
import { useSaving } from '../../shared/use-saving.ts';
import { importSchedule } from './calendar-api.ts';
import { parseSchedule } from './schedule-json.ts';

type Props = { open: boolean; onClose: () => void; onDone: (year: number | undefined) => void };

/** 导入放假安排: paste or choose the State Council schedule in holiday-cn JSON. */
export const ImportModal = ({ open, onClose, onDone }: Props) => {
  const t = useT();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [replace, setReplace] = useState(false);
  const { saving, save } = useSaving();
  const parsed = text.trim() ? parseSchedule(text) : null;

  const submit = () => {
    if (!parsed?.ok) return;
    const { body } = parsed;
    void save(async () => {
      const r = await importSchedule({ ...body, replace });
      void message.success(t('calendar.import.done', { added: r.added, replaced: r.replaced, n: r.recomputed }));
      setText('');
      onDone(body.year);
    });
  };

  return (
    <Modal
      title={t('calendar.import.title')}
      open={open}
      onCancel={onClose}
      onOk={submit}
      okText={t('calendar.import.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !parsed?.ok }}
      confirmLoading={saving}
      width={640}
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Alert type="info" showIcon title={t('calendar.import.hint')} />
        <Upload
          accept=".json,application/json"
          showUploadList={false}
          beforeUpload={(file) => {
            void file.text().then(setText);
            return false;
          }}
        >
          <Button icon={<FileTextOutlined />}>{t('calendar.import.file')}</Button>
        </Upload>
        <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} rows={10} className="fz-mono" spellCheck={false} />
        {parsed && !parsed.ok && <Alert type="error" showIcon title={t('calendar.import.invalid', { reason: parsed.reason })} />}
        <Checkbox checked={replace} onChange={(e) => setReplace(e.target.checked)}>{t('calendar.import.replace')}</Checkbox>
      </Space>
    </Modal>
  );
};
