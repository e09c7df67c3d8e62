import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import type { SignInBody } from '@fazhi/contracts';
import { ApiError } from '../../api/client.ts';
import { useT } from '../../i18n/locale-context.tsx';
import { LocaleSwitch } from '../../i18n/locale-switch.tsx';
import { errorToString } from '../../shared/describe-error.ts';
import { BrandMark } from '../../layout/brand-mark.tsx';
import { usePortalInfo } from '../portal/portal-api.ts';
import { signIn } from './auth-api.ts';
import { FullPageSpin } from './require-session.tsx';
import { useSession } from './session-context.tsx';
import './sign-in-page.css';

/** How many seconds a throttled sign-in must wait (details.retryAfter of AUTH_THROTTLED). */
const retryAfterOf = (error: ApiError): number | null => {
  const details = error.details;
  if (typeof details === 'object' && details !== null && 'retryAfter' in details) {
    const value = details.retryAfter;
    return typeof value === 'number' ? value : null;
  }
  return null;
};

const fromOf = (state: unknown): string => {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = state.from;
    if (typeof from === 'string' && from.startsWith('/console')) return from;
  }
  return '/console';
};

export const SignInPage = () => {
  const t = useT();
  const { state, signedIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const portal = usePortalInfo();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status === 'signed-in') return <Navigate to={fromOf(location.state)} replace />;
  const notice = state.status === 'anonymous' ? state.notice : null;

  const onFinish = async (values: SignInBody) => {
    setSubmitting(true);
    setError(null);
    try {
      const me = await signIn({ username: values.username.trim(), password: values.password });
      signedIn(me);
      void navigate(fromOf(location.state), { replace: true });
    } catch (e) {
      const wait = e instanceof ApiError && e.code === 'AUTH_THROTTLED' ? retryAfterOf(e) : null;
      setError(wait !== null ? t('auth.signIn.throttled', { seconds: String(wait) }) : errorToString(t, e));
    } finally {
      setSubmitting(false);
    }
  };

  const township = portal.data ? `${portal.data.township.county} · ${portal.data.township.name}` : null;

  return (
    <div className="fz-signin">
      <header className="fz-signin__top">
        <Link to="/" className="fz-signin__brand">
          <BrandMark size={28} />
          <span>{t('app.shortName')}</span>
        </Link>
        <LocaleSwitch light />
      </header>
      <main className="fz-signin__main">
        <div className="fz-signin__intro">
          {township && <div className="fz-signin__township">{township}</div>}
          <h1 className="fz-signin__title">{t('app.name')}</h1>
          <p className="fz-signin__tagline">{t('auth.signIn.tagline')}</p>
        </div>
        <div className="fz-signin__side">
          <Card className="fz-signin__card" variant="borderless">
            <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 4 }}>
              {t('auth.signIn.title')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('auth.signIn.subtitle')}</Typography.Paragraph>
            <Form<SignInBody> name="sign-in" layout="vertical" size="large" onFinish={(v) => void onFinish(v)} requiredMark={false}>
              <Form.Item name="username" rules={[{ required: true, whitespace: true, message: t('auth.signIn.usernameRequired') }]}>
                <Input
                  prefix={<UserOutlined />}
                  placeholder={t('auth.username')}
                  aria-label={t('auth.username')}
                  autoComplete="username"
                  autoCapitalize="off"
                />
              </Form.Item>
              <Form.Item name="password" rules={[{ required: true, message: t('auth.signIn.passwordRequired') }]}>
                <Input.Password
                  prefix={<LockOutlined />}
                  placeholder={t('auth.password')}
                  aria-label={t('auth.password')}
                  autoComplete="current-password"
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={submitting}>
                {t('auth.signIn.submit')}
              </Button>
            </Form>
            {(error ?? notice) && (
              <Alert
                role="alert"
                style={{ marginTop: 16 }}
                type={error ? 'error' : 'warning'}
                showIcon
                title={error ?? notice}
              />
            )}
          </Card>
          <p className="fz-signin__notice">{t('auth.signIn.notice')}</p>
          <Link to="/" className="fz-signin__back">{t('auth.signIn.backToPortal')}</Link>
        </div>
      </main>
    </div>
  );
};
