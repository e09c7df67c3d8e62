import { Button, Result, Spin } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useT } from '../../i18n/locale-context.tsx';
import { errorToString } from '../../shared/describe-error.ts';
import { SessionProvider, useSession } from './session-context.tsx';

export const changePasswordPath = '/console/change-password';

export const FullPageSpin = () => (
  <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
    <Spin size="large" />
  </div>
);

/** Element of the /console route: every console screen shares one session. */
export const SessionRoute = () => (
  <SessionProvider>
    <Outlet />
  </SessionProvider>
);

/**
 * Lets signed-in users through; sends everyone else to the sign-in page, and a user whose
 * password must change to the change-password page before anything else.
 */
export const RequireSession = () => {
  const { state, refresh } = useSession();
  const location = useLocation();
  const t = useT();

  switch (state.status) {
    case 'loading':
      return <FullPageSpin />;
    case 'failed':
      return (
        <Result
          status="warning"
          title={t('error.loadFailed')}
          subTitle={errorToString(t, state.error)}
          extra={<Button type="primary" onClick={() => void refresh()}>{t('common.retry')}</Button>}
        />
      );
    case 'anonymous':
      return <Navigate to="/console/login" replace state={{ from: location.pathname + location.search }} />;
    case 'signed-in':
      if (state.me.user.mustChangePassword && location.pathname !== changePasswordPath) {
        return <Navigate to={changePasswordPath} replace />;
      }
      return <Outlet />;
  }
};
