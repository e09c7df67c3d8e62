import { useCallback } from 'react';
import { App } from 'antd';
import { ApiError } from '../api/client.ts';
import { useT } from '../i18n/locale-context.tsx';
import { describeError } from './describe-error.ts';

const silentCodes = new Set(['AUTH_REQUIRED', 'AUTH_SESSION_EXPIRED', 'AUTH_PASSWORD_CHANGE_REQUIRED']);

/** Shows a failed call as a toast; 5xx get a lasting notice with the request id. */
export const useReportError = (): ((error: unknown) => void) => {
  const { message, notification } = App.useApp();
  const t = useT();
  return useCallback(
    (error: unknown) => {
      // Session failures are handled by the redirect to the sign-in page.
      if (error instanceof ApiError && silentCodes.has(error.code)) return;
      const text = describeError(t, error);
      if (text.requestId) {
        notification.error({
          title: text.message,
          description: t('error.requestId', { id: text.requestId }),
          duration: 0,
        });
      } else {
        void message.error(text.message);
      }
    },
    [message, notification, t],
  );
};
