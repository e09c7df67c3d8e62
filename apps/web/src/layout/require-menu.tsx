import { Result } from 'antd';
import { Outlet } from 'react-router';
import type { MenuKey } from '@fazhi/contracts';
import { useT } from '../i18n/locale-context.tsx';
import { useMe } from '../features/auth/session-context.tsx';

/** A console page opens only if the server put its menu key into Me.menu. */
export const RequireMenu = ({ menuKey }: { menuKey: MenuKey }) => {
  const t = useT();
  const me = useMe();
  return me.menu.includes(menuKey) ? <Outlet /> : <Result status="403" title={t('forbidden.title')} />;
};
