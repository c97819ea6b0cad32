import type { ApiErrorBody } from './types';

/** An error answered by the API (or a network failure, status 0). `message` is Chinese, shown as is. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: { field: string; message: string }[];
  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.details = body.details ?? [];
  }
}

export const AUTH_LOST_CODES = ['E_AUTH_REQUIRED', 'E_AUTH_SESSION_EXPIRED'];
export const PASSWORD_CHANGE_CODE = 'E_AUTH_PASSWORD_CHANGE_REQUIRED';

let csrfToken: string | null = null;
let authFailureListener: ((error: ApiError) => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called for a lost session (401) or a forced password change (403) on any call but login/me. */
export function onAuthFailure(listener: (error: ApiError) => void): void {
  authFailureListener = listener;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** A body sent as it is (a file), with its content type, instead of JSON. */
interface RawBody {
  raw: Blob | ArrayBuffer;
  contentType: string;
}

async function request<T>(method: string, path: string, body?: unknown, query?: Query, rawBody?: RawBody): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (rawBody) headers['content-type'] = rawBody.contentType;
  else if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(withQuery(`/api${path}`, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: rawBody ? rawBody.raw : body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { code: 'E_NETWORK', message: '无法连接服务器，请检查网络后重试' });
  }
  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => null);
  if (res.ok) return data as T;
  const errBody = data && typeof data === 'object' && 'code' in data ? (data as ApiErrorBody) : null;
  const error = new ApiError(res.status, errBody ?? { code: `E_HTTP_${res.status}`, message: `服务器错误（${res.status}），请稍后重试` });
  const isAuthCall = path === '/auth/login' || path === '/auth/me';
  const lost = res.status === 401 && AUTH_LOST_CODES.includes(error.code);
  if (!isAuthCall && (lost || error.code === PASSWORD_CHANGE_CODE)) authFailureListener?.(error);
  throw error;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
  /** POST of a file as the raw body (e.g. an .xlsx upload), with the CSRF header like any write. */
  postRaw: <T>(path: string, raw: Blob | ArrayBuffer, contentType: string, query?: Query) =>
    request<T>('POST', path, undefined, query, { raw, contentType }),
};

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
