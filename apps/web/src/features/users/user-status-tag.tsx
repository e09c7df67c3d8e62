import { Space, Tag } from 'antd';
import dayjs from 'dayjs';
import type { UserView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { formatUntil } from '../../shared/format.ts';

/** 正常 / 停用 / 锁定至…, and 待改密 while the initial password is unchanged. */
export const UserStatusTag = ({ user }: { user: UserView }) => {
  const t = useT();
  const locked = user.lockedUntil && dayjs(user.lockedUntil).isAfter(dayjs());
  return (
    <Space size={4} wrap>
      {user.status === 'disabled' ? (
        <Tag>{t('users.status.disabled')}</Tag>
      ) : locked && user.lockedUntil ? (
        <Tag color="orange">{t('users.status.locked', { time: formatUntil(user.lockedUntil) })}</Tag>
      ) : (
        <Tag color="green">{t('users.status.active')}</Tag>
      )}
      {user.mustChangePassword && user.status === 'active' && <Tag color="gold">{t('users.status.mustChange')}</Tag>}
    </Space>
  );
};
