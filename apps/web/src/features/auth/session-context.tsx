import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { Me } from '@fazhi/contracts';
import { ApiError, onAuthFailure, setCsrfToken } from '../../api/client.ts';
import { fetchMe, signOut as postSignOut, signOutAll as postSignOutAll } from './auth-api.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; notice: string | null }
  | { status: 'failed'; error: unknown }
  | { status: 'signed-in'; me: Me };

type SessionValue = {
  state: SessionState;
  /** Re-reads /auth/me (after a password change, or when told the password must change). */
  refresh: () => Promise<void>;
  signedIn: (me: Me) => void;
  signOut: (everywhere: boolean) => Promise<void>;
};

const SessionContext = createContext<SessionValue | null>(null);

const isSignedOut = (error: unknown): boolean => error instanceof ApiError && error.status === 401;

/**
 * Opening the sign-in page does not ask /auth/me: for a visitor who is not signed in the
 * answer is a 401, which the browser reports as a failed request. Someone already signed in
 * simply signs in again there.
 */
const startsOnSignIn = (): boolean => window.location.pathname.replace(/\/$/, '') === '/console/login';

export const SessionProvider = ({ children }: { children: ReactNode }) => {
  const [skipProbe] = useState(startsOnSignIn);
  const [state, setState] = useState<SessionState>(() => (skipProbe ? { status: 'anonymous', notice: null } : { status: 'loading' }));
  const navigate = useNavigate();

  const signedIn = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    setState({ status: 'signed-in', me });
  }, []);

  const refresh = useCallback(async () => {
    try {
      signedIn(await fetchMe());
    } catch (error) {
      setCsrfToken(null);
      setState(isSignedOut(error) ? { status: 'anonymous', notice: null } : { status: 'failed', error });
    }
  }, [signedIn]);

  useEffect(() => {
    if (!skipProbe) void refresh();
  }, [refresh, skipProbe]);

  useEffect(
    () =>
      onAuthFailure((error) => {
        if (error.code === 'AUTH_PASSWORD_CHANGE_REQUIRED') {
          void refresh().then(() => navigate('/console/change-password', { replace: true }));
          return;
        }
        setCsrfToken(null);
        setState({ status: 'anonymous', notice: error.message });
        void navigate('/console/login', { replace: true, state: { from: window.location.pathname + window.location.search } });
      }),
    [navigate, refresh],
  );

  const signOut = useCallback(
    async (everywhere: boolean) => {
      try {
        await (everywhere ? postSignOutAll() : postSignOut());
      } finally {
        setCsrfToken(null);
        setState({ status: 'anonymous', notice: null });
        void navigate('/console/login', { replace: true });
      }
    },
    [navigate],
  );

  const value = useMemo(() => ({ state, refresh, signedIn, signOut }), [state, refresh, signedIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
};

export const useSession = (): SessionValue => {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
};

/** For screens under the guard: the signed-in user. */
export const useMe = (): Me => {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe used outside a signed-in screen');
  return state.me;
};

export const useCan = (): ((permission: string) => boolean) => {
  const me = useMe();
  return useCallback((permission: string) => me.permissions.includes(permission), [me]);
};
