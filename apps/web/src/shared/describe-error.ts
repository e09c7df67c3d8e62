import { ApiError, networkErrorCode, unexpectedErrorCode } from '../api/client.ts';
import type { Translate } from '../i18n/locale-context.tsx';

export type ErrorText = { message: string; requestId: string | null };

/**
 * The server already words its messages in the request's language; we add the request id on
 * 5xx so a clerk can quote it to the administrator.
 */
export const describeError = (t: Translate, error: unknown): ErrorText => {
  if (error instanceof ApiError) {
    const requestId = error.status >= 500 ? error.requestId : null;
    if (error.code === networkErrorCode) return { message: t('error.network'), requestId: null };
    if (error.code === unexpectedErrorCode || !error.message) {
      return { message: t('error.unknown', { status: error.status }), requestId };
    }
    return { message: error.message, requestId };
  }
  return { message: error instanceof Error ? error.message : String(error), requestId: null };
};

export const errorToString = (t: Translate, error: unknown): string => {
  const { message, requestId } = describeError(t, error);
  return requestId ? t('error.withRequestId', { message, id: requestId }) : message;
};
