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
  /** The other facts of the answer, e.g. `existingId` of a duplicate, `candidates` of a likely one. */
  readonly details: Record<string, unknown>;

  constructor(
    status: number,
    code: string,
    message: string,
    field?: string,
    problems: Problem[] = [],
    details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.problems = problems;
    this.details = details;
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
  const { code, message, field, problems, ...details } = body?.error ?? {};
  return new ApiError(
    response.status,
    code ?? `http_${response.status}`,
    message ?? i18n.t('errors.http', { status: response.status }),
    field,
    problems,
    details,
  );
}

/** A random Idempotency-Key (getRandomValues works over plain HTTP too; randomUUID does not). */
function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The Idempotency-Key of each POST still without an answer, by what it sends. The same POST sent
 * again before an answer (a second click, Enter and a click, the save pressed again after a
 * network failure) is the same submission: it reuses the key, and the server stores it once and
 * answers both with the first result. Once an answer arrives the next POST gets a fresh key.
 */
const unanswered = new Map<string, string>();

/** How often a POST is sent again, with its key, when the network fails or the server is busy with it. */
const RETRIES = 3;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const csrf = cookieValue('csrf_token');
  if (UNSAFE.has(method) && csrf) headers['x-csrf-token'] = csrf;
  const url = urlOf(path, query);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const submission = `${url}\n${payload ?? ''}`;
  if (method === 'POST') {
    const key = unanswered.get(submission) ?? newIdempotencyKey();
    if (unanswered.size > 200) unanswered.clear();
    unanswered.set(submission, key);
    headers['idempotency-key'] = key;
  }
  let response: Response | undefined;
  for (let attempt = 0; response === undefined; attempt++) {
    try {
      response = await fetch(url, { method, headers, credentials: 'same-origin', body: payload });
    } catch {
      // A keyed POST is safe to send again: the server stores it once.
      if (method !== 'POST' || attempt >= RETRIES) throw new ApiError(0, 'network', i18n.t('errors.network'));
      await pause(500 * 2 ** attempt);
      continue;
    }
    if (method === 'POST' && response.status === 409 && attempt < RETRIES) {
      const busy = (await response
        .clone()
        .json()
        .catch(() => undefined)) as { error?: { code?: string } };
      if (busy?.error?.code === 'idempotency_in_progress') {
        response = undefined;
        await pause(1000);
      }
    }
  }
  if (method === 'POST') unanswered.delete(submission);
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
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

/** The people-facing message of any error thrown by a query or mutation. */
export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return i18n.t('errors.unknown');
}
