import type { ReactNode } from 'react';
import { Button, Drawer, Space } from 'antd';
import { useT } from '../i18n/locale-context.tsx';
import { useIsPhone } from './use-viewport.ts';

type Props = {
  title: ReactNode;
  open: boolean;
  submitting: boolean;
  onClose: () => void;
  onSubmit: () => void;
  submitText?: string;
  width?: number;
  children: ReactNode;
};

/** A drawer holding one form, with 取消 / 保存 at the bottom (full width on a phone). */
export const FormDrawer = ({ title, open, submitting, onClose, onSubmit, submitText, width = 520, children }: Props) => {
  const t = useT();
  const phone = useIsPhone();
  return (
    <Drawer
      title={title}
      open={open}
      onClose={onClose}
      size={phone ? '100%' : width}
      destroyOnHidden
      mask={{ closable: !submitting }}
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose} size={phone ? 'large' : 'middle'}>{t('common.cancel')}</Button>
          <Button type="primary" loading={submitting} onClick={onSubmit} size={phone ? 'large' : 'middle'}>
            {submitText ?? t('common.save')}
          </Button>
        </Space>
      }
    >
      {children}
    </Drawer>
  );
};
