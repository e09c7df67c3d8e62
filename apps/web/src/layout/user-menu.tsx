import { App, Avatar, Dropdown, type MenuProps } from 'antd';
import { DownOutlined, IdcardOutlined, KeyOutlined, LogoutOutlined, PoweroffOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useT } from '../i18n/locale-context.tsx';
import { useMe, useSession } from '../features/auth/session-context.tsx';

/** The user's name in the top bar, opening 我的账号与授权 / 修改密码 / 退出登录 / 退出所有设备. */
export const UserMenu = ({ compact }: { compact: boolean }) => {
  const t = useT();
  const me = useMe();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();

  const doSignOut = (everywhere: boolean) =>
    void signOut(everywhere).then(() => void message.success(t('auth.signedOut')));

  const items: MenuProps['items'] = [
    ...(me.user.mustChangePassword
      ? []
      : [
          { key: 'profile', icon: <IdcardOutlined />, label: t('layout.profile') },
          { key: 'change-password', icon: <KeyOutlined />, label: t('layout.changePassword') },
          { type: 'divider' as const },
        ]),
    { key: 'sign-out', icon: <LogoutOutlined />, label: t('auth.signOut') },
    { key: 'sign-out-all', icon: <PoweroffOutlined />, label: t('auth.signOutAll'), danger: true },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'profile') void navigate('/console/profile');
    else if (key === 'change-password') void navigate('/console/change-password');
    else if (key === 'sign-out') doSignOut(false);
    else if (key === 'sign-out-all') {
      modal.confirm({
        title: t('auth.signOutAll.confirmTitle'),
        content: t('auth.signOutAll.confirmBody'),
        okText: t('auth.signOutAll'),
        okButtonProps: { danger: true },
        cancelText: t('common.cancel'),
        onOk: () => doSignOut(true),
      });
    }
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <span className="fz-user" data-testid="user-menu" role="button" tabIndex={0} aria-haspopup="menu">
        <Avatar size="small" style={{ background: '#1a4fa0' }}>
          {[...me.user.displayName][0] ?? '?'}
        </Avatar>
        {!compact && <span className="fz-user__name">{me.user.displayName}</span>}
        <DownOutlined style={{ fontSize: 10 }} />
      </span>
    </Dropdown>
  );
};
