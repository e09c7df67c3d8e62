import { ApiError, csrfHeader, networkErrorCode, unexpectedErrorCode } from '../../api/client.ts';

/** The file name from `content-disposition` (RFC 5987 filename* first), or the fallback. */
const fileNameOf = (header: string | null, fallback: string): string => {
  if (!header) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      return fallback;
    }
  }
  return /filename="?([^";]+)"?/i.exec(header)?.[1] ?? fallback;
};

const failure = async (response: Response): Promise<ApiError> => {
  const requestId = response.headers.get('x-request-id');
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; details?: unknown }; requestId?: string };
    if (body.error?.code) {
      return new ApiError({ status: response.status, code: body.error.code, message: body.error.message ?? body.error.code, requestId: body.requestId ?? requestId, details: body.error.details });
    }
  } catch {
    // Not the error envelope: fall through to a plain HTTP error.
  }
  return new ApiError({ status: response.status, code: unexpectedErrorCode, message: '', requestId });
};

const send = async (path: string, init: RequestInit): Promise<Response> => {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { credentials: 'same-origin', ...init });
  } catch {
    throw new ApiError({ status: 0, code: networkErrorCode, message: '', requestId: null });
  }
  if (!response.ok) throw await failure(response);
  return response;
};

/**
 * Fetches a generated file (a Word document, the Excel ledger, a case file) and hands it to the
 * browser as a download, so a refusal (no agreement yet, no permission) shows as a message, not
 * a JSON page. A download that may write (an audit row for personal data printed in full) is a
 * POST with the session's CSRF token, so that no link on another site can trigger it; `body`
 * goes with it as JSON.
 */
export const downloadFile = async (path: string, fallbackName: string, locale: string, method: 'GET' | 'POST' = 'GET', body?: unknown): Promise<string> => {
  const response = await send(path, {
    method, headers: { 'Accept-Language': locale, ...(method === 'POST' ? csrfHeader() : {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const name = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return name;
};

/** Uploads one file as multipart field `file` (writes need the session's CSRF token). */
export const uploadFile = async <T>(path: string, file: File, csrfToken: string, locale: string): Promise<T> => {
  const form = new FormData();
  form.append('file', file, file.name);
  const response = await send(path, { method: 'POST', body: form, headers: { 'X-CSRF-Token': csrfToken, 'Accept-Language': locale, Accept: 'application/json' } });
  return (await response.json()) as T;
};
