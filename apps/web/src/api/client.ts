/**
 * The one door to the server. Same-origin cookies carry the session; write methods carry the
 * CSRF token from the last Me (sign-in or /auth/me); every request says which language the
 * server's error messages should be in.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | null;
  readonly details: unknown;

  constructor(opts: { status: number; code: string; message: string; requestId: string | null; details?: unknown }) {
    super(opts.message);
    this.name = 'ApiError';
    this.status = opts.status;
    this.code = opts.code;
    this.requestId = opts.requestId;
    this.details = opts.details;
  }
}

/** Network failure or a response without the error envelope (proxy page, HTML). */
export const networkErrorCode = 'NETWORK';
export const unexpectedErrorCode = 'UNEXPECTED';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type AuthFailureListener = (error: ApiError) => void;
export type QueryValue = string | number | undefined | null;

let csrfToken: string | null = null;
let apiLocale = 'zh-CN';
const authFailureListeners = new Set<AuthFailureListener>();

/** The CSRF header of the session, for requests made outside this client (file downloads). */
export const csrfHeader = (): Record<string, string> => (csrfToken ? { 'X-CSRF-Token': csrfToken } : {});

export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};
export const setApiLocale = (locale: string): void => {
  apiLocale = locale;
};
/** Called when the server says the session is gone or the password must be changed first. */
export const onAuthFailure = (listener: AuthFailureListener): (() => void) => {
  authFailureListeners.add(listener);
  return () => authFailureListeners.delete(listener);
};

const sessionCodes = new Set(['AUTH_REQUIRED', 'AUTH_SESSION_EXPIRED', 'AUTH_PASSWORD_CHANGE_REQUIRED']);

export const toQuery = (params: Record<string, QueryValue>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const readError = (status: number, body: unknown, headerRequestId: string | null): ApiError => {
  if (isRecord(body) && isRecord(body.error) && typeof body.error.code === 'string') {
    return new ApiError({
      status,
      code: body.error.code,
      message: typeof body.error.message === 'string' ? body.error.message : body.error.code,
      requestId: typeof body.requestId === 'string' ? body.requestId : headerRequestId,
      details: body.error.details,
    });
  }
  return new ApiError({ status, code: unexpectedErrorCode, message: '', requestId: headerRequestId });
};

export type RequestOptions = {
  body?: unknown;
  /** Sign-in and the session probe handle 401 themselves instead of redirecting. */
  skipAuthRedirect?: boolean;
  /** Extra headers, e.g. Idempotency-Key on a case intake. */
  headers?: Record<string, string>;
};

export const request = async <T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> => {
  const headers: Record<string, string> = { ...options.headers, Accept: 'application/json', 'Accept-Language': apiLocale };
  // A FormData body goes as multipart: the browser writes its Content-Type with the boundary.
  const multipart = options.body instanceof FormData;
  if (options.body !== undefined && !multipart) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : options.body instanceof FormData ? options.body : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError({ status: 0, code: networkErrorCode, message: '', requestId: null });
  }

  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }

  if (!response.ok) {
    const error = readError(response.status, parsed, response.headers.get('x-request-id'));
    if (!options.skipAuthRedirect && sessionCodes.has(error.code)) {
      for (const listener of authFailureListeners) listener(error);
    }
    throw error;
  }
  // 204 and empty bodies come back as undefined; callers type those as void.
  return parsed as T;
};

/**
 * A page's first request, started on a full page load together with the session check instead
 * of after it (app.tsx, `prefetchFirstRequest`), and taken once by the page's own request for
 * the same path. Not used past PREFETCH_MS; a failed one is asked again by the page, so its
 * error (a session that is gone, above all) is handled as any other.
 */
const prefetched = new Map<string, { at: number; answer: Promise<unknown> }>();
const PREFETCH_MS = 10_000;

export const prefetchGet = (path: string): void => {
  const answer = request<unknown>('GET', path, { skipAuthRedirect: true });
  answer.catch(() => undefined);
  prefetched.set(path, { at: Date.now(), answer });
};

const getOnce = <T>(path: string, options?: RequestOptions): Promise<T> => {
  // Only a plain GET takes an early answer (the session check's own flag aside): never one with headers of its own.
  const plain = !options || (options.headers === undefined && options.body === undefined);
  const early = plain ? prefetched.get(path) : undefined;
  if (!early) return request<T>('GET', path, options);
  prefetched.delete(path);
  if (Date.now() - early.at > PREFETCH_MS) return request<T>('GET', path, options);
  return (early.answer as Promise<T>).catch(() => request<T>('GET', path, options));
};

export const api = {
  get: <T>(path: string, options?: RequestOptions) => getOnce<T>(path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** POSTs one file as multipart field `file`, with the CSRF token like any write. */
  upload: <T>(path: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<T>('POST', path, { body: form });
  },
};
