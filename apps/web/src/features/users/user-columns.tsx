import { Dropdown, Space, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import type { UserView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { formatDate, formatDateTime } from '../../shared/format.ts';
import { useIsPhone } from '../../shared/use-viewport.ts';
import { GrantTags } from './grant-tags.tsx';
import { PhoneCell } from './phone-cell.tsx';
import { UserStatusTag } from './user-status-tag.tsx';

export type UserAction = 'update' | 'set-grants' | 'reset-password' | 'disable' | 'enable';
const inlineActions: UserAction[] = ['update', 'set-grants'];
const menuActions: UserAction[] = ['reset-password', 'disable', 'enable'];

/** Columns of the user table; only the actions the server lists on each row are offered. */
export const useUserColumns = (onAction: (action: UserAction, user: UserView) => void): TableColumnsType<UserView> => {
  const t = useT();
  // Fixed columns would leave no room for the others at phone width.
  const phone = useIsPhone();
  const actionLabel: Record<UserAction, string> = {
    update: t('users.action.update'),
    'set-grants': t('users.action.setGrants'),
    'reset-password': t('users.action.resetPassword'),
    disable: t('users.action.disable'),
    enable: t('users.action.enable'),
  };

  return [
    { title: t('users.col.username'), dataIndex: 'username', width: 100, render: (v: string) => <span className="fz-mono">{v}</span> },
    { title: t('users.col.displayName'), dataIndex: 'displayName', width: 110 },
    { title: t('users.col.org'), dataIndex: 'orgName', width: 120, ellipsis: true },
    { title: t('users.col.phone'), key: 'phone', width: 150, render: (_, user) => <PhoneCell user={user} /> },
    { title: t('users.col.grants'), key: 'grants', width: 180, render: (_, user) => <GrantTags grants={user.grants} /> },
    { title: t('users.col.status'), key: 'status', width: 120, render: (_, user) => <UserStatusTag user={user} /> },
    {
      title: t('users.col.lastSignIn'),
      dataIndex: 'lastSignInAt',
      width: 110,
      render: (v: string | null) => <Tooltip title={v ? formatDateTime(v) : undefined}>{formatDate(v)}</Tooltip>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: phone ? undefined : 'right',
      width: 170,
      render: (_, user) => {
        const inline = inlineActions.filter((a) => user.actions.includes(a));
        const more = menuActions.filter((a) => user.actions.includes(a));
        return (
          <Space size={12} className="fz-nowrap">
            {inline.map((a) => (
              <Typography.Link key={a} onClick={() => onAction(a, user)}>
                {actionLabel[a]}
              </Typography.Link>
            ))}
            {more.length > 0 && (
              <Dropdown
                trigger={['click']}
                menu={{
                  items: more.map((a) => ({ key: a, label: actionLabel[a], danger: a === 'disable' })),
                  onClick: ({ key }) => {
                    const action = more.find((a) => a === key);
                    if (action) onAction(action, user);
                  },
                }}
              >
                <Typography.Link>
                  {t('common.more')} <DownOutlined style={{ fontSize: 10 }} />
                </Typography.Link>
              </Dropdown>
            )}
          </Space>
        );
      },
    },
  ];
};
