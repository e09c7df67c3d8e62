import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Space, Tooltip } from 'antd';
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/locale-context.tsx';
import { useIsPhone } from '../../shared/use-viewport.ts';
import { useMe } from '../auth/session-context.tsx';
import { useSavedViews } from './saved-views.ts';

type Props = { current: string; onApply: (search: string) => void };

/** 常用查询: pick a saved filter set, or save the current one under a name (this browser only). */
export const SavedViewsBar = ({ current, onApply }: Props) => {
  const t = useT();
  const me = useMe();
  const phone = useIsPhone();
  const { message } = App.useApp();
  const { views, save, remove } = useSavedViews(me.user.id);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string }>();
  const selected = views.find((v) => v.search === current)?.name;

  return (
    <Space wrap size={8}>
      <Tooltip title={t('cases.views.hint')}>
        <Select<string>
          aria-label={t('cases.views.label')}
          style={{ width: phone ? 180 : 220 }}
          placeholder={t('cases.views.placeholder')}
          value={selected}
          onChange={(name) => {
            const view = views.find((v) => v.name === name);
            if (view) onApply(view.search);
          }}
          notFoundContent={t('cases.views.hint')}
          options={views.map((v) => ({ value: v.name, label: v.name }))}
          optionRender={(option) => (
            <span className="fz-view-option">
              <span>{option.label}</span>
              <DeleteOutlined
                aria-label={t('cases.views.delete', { name: String(option.value) })}
                onClick={(e) => {
                  e.stopPropagation();
                  remove(String(option.value));
                }}
              />
            </span>
          )}
        />
      </Tooltip>
      <Button icon={<SaveOutlined />} onClick={() => setSaving(true)}>{t('cases.views.save')}</Button>
      <Modal
        title={t('cases.views.save')}
        open={saving}
        onCancel={() => setSaving(false)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
        onOk={() => {
          // A name that fails validation is shown on the form itself; nothing more to report.
          form.validateFields().then(({ name }) => {
            save({ name: name.trim(), search: current });
            setSaving(false);
            void message.success(t('cases.views.saved', { name: name.trim() }));
          }, () => undefined);
        }}
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="name" label={t('cases.views.name')} rules={[{ required: true, whitespace: true, message: t('cases.views.nameRequired') }]} extra={t('cases.views.hint')}>
            <Input maxLength={30} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
};
