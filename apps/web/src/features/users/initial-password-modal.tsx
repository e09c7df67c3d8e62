import { Alert, Button, Modal, Typography } from 'antd';
import { useT } from '../../i18n/locale-context.tsx';

export type ShownPassword = { kind: 'created' | 'reset'; name: string; password: string };

/** Shows a new initial password exactly once, with a copy button. */
export const InitialPasswordModal = ({ shown, onClose }: { shown: ShownPassword | null; onClose: () => void }) => {
  const t = useT();
  return (
    <Modal
      open={shown !== null}
      title={shown?.kind === 'reset' ? t('users.initialPassword.resetTitle') : t('users.initialPassword.createdTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={<Button type="primary" onClick={onClose}>{t('users.initialPassword.done')}</Button>}
    >
      {shown && (
        <>
          <Typography.Paragraph>{t('users.initialPassword.body', { name: shown.name })}</Typography.Paragraph>
          <div className="fz-initial-password">
            <Typography.Text type="secondary">{t('users.initialPassword.label')}</Typography.Text>
            <Typography.Text
              className="fz-mono"
              strong
              copyable={{ text: shown.password }}
              style={{ fontSize: 20 }}
              data-testid="initial-password"
            >
              {shown.password}
            </Typography.Text>
          </div>
          <Alert type="warning" showIcon title={t('users.initialPassword.mustChange')} />
        </>
      )}
    </Modal>
  );
};
