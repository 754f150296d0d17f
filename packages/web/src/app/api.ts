import type { Problem } from '@tuyendau/domain';
import { i18n } from './i18n/i18n.ts';

/**
 * An error answered by the API (`{error:{code,message,field,problems?}}`), or a network failure
 * (status 0). `problems` lists every problem of a rejected input when the server found several.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly problems: Problem[];

  constructor(status: number, code: string, message: string, field?: string, problems: Problem[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.problems = problems;
  }
}

/** A page of a list route: pass `next` back as `cursor` for the following page. */
export interface ListPage<T> {
  items: T[];
  next?: string;
}

export type Query = Record<string, string | number | boolean | undefined>;

const BASE = '/api/v1';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function cookieValue(name: string): string | undefined {
  const prefix = `${name}=`;
  const entry = document.cookie.split('; ').find((c) => c.startsWith(prefix));
  return entry === undefined ? undefined : decodeURIComponent(entry.slice(prefix.length));
}

function urlOf(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${BASE}${path}?${search}` : `${BASE}${path}`;
}

async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => undefined)) as
    | { error?: { code?: string; message?: string; field?: string; problems?: Problem[] } }
    | undefined;
  const error = body?.error;
  return new ApiError(
    response.status,
    error?.code ?? `http_${response.status}`,
    error?.message ?? i18n.t('errors.http', { status: response.status }),
    error?.field,
    error?.problems,
  );
}

async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const csrf = cookieValue('csrf_token');
  if (UNSAFE.has(method) && csrf) headers['x-csrf-token'] = csrf;
  let response: Response;
  try {
    response = await fetch(urlOf(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The Tuyến Đầu HTTP API; paths are relative to `/api/v1`. */
export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

/** The people-facing message of any error thrown by a query or mutation. */
export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return i18n.t('errors.unknown');
}
