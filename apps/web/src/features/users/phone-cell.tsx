import { useState } from 'react';
import { Space, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import type { UserView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { useReportError } from '../../shared/use-report-error.ts';
import { revealPhone } from './users-api.ts';

/** Masked phone; 查看 (when the server allows) fetches the full number, and that view is logged. */
export const PhoneCell = ({ user }: { user: UserView }) => {
  const t = useT();
  const reportError = useReportError();
  const [revealed, setRevealed] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  if (!user.phoneMasked) return <Typography.Text type="secondary">—</Typography.Text>;
  if (revealed !== null) {
    return (
      <Space orientation="vertical" size={0}>
        <Typography.Text copyable>{revealed}</Typography.Text>
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          <EyeOutlined /> {t('users.revealNote')}
        </Typography.Text>
      </Space>
    );
  }
  const canReveal = user.actions.includes('reveal-phone');
  return (
    <Space size={8} className="fz-nowrap">
      <span className="fz-num">{user.phoneMasked}</span>
      {canReveal && (
        <Typography.Link
          disabled={loading}
          onClick={() => {
            setLoading(true);
            revealPhone(user.id)
              .then((r) => setRevealed(r.value ?? '—'))
              .catch(reportError)
              .finally(() => setLoading(false));
          }}
        >
          {t('users.reveal')}
        </Typography.Link>
      )}
    </Space>
  );
};
