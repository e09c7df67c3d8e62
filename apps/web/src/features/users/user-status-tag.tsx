import { Space, Tag } from 'antd';
import type { UserView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';

/** 正常 / 停用, and 待改密 while the initial password is unchanged. (No account locks: wrong passwords slow the failing address down.) */
export const UserStatusTag = ({ user }: { user: UserView }) => {
  const t = useT();
  return (
    <Space size={4} wrap>
      {user.status === 'disabled' ? <Tag>{t('users.status.disabled')}</Tag> : <Tag color="green">{t('users.status.active')}</Tag>}
      {user.mustChangePassword && user.status === 'active' && <Tag color="gold">{t('users.status.mustChange')}</Tag>}
    </Space>
  );
};
