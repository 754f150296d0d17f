import { ApiError, type Query } from '../../app/api.ts';
import { i18n } from '../../app/i18n/i18n.ts';
import type { ImportColumns } from './types.ts';

function csrfToken(): string | undefined {
  const entry = document.cookie.split('; ').find((c) => c.startsWith('csrf_token='));
  return entry === undefined ? undefined : decodeURIComponent(entry.slice('csrf_token='.length));
}

/** An upload refused for its header row (a required column missing), with how that row was read. */
export class ImportColumnsError extends ApiError {
  constructor(
    error: ApiError,
    readonly columns: ImportColumns,
  ) {
    super(error.status, error.code, error.message, error.field);
  }
}

/**
 * POSTs one file as multipart/form-data (field `file`) with the session's CSRF header; JSON back.
 * An error answer that carries a row report (`error.rejected`) is returned as that report, not thrown.
 */
export async function postFile<T>(path: string, file: File, query: Query = {}): Promise<T> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  const body = new FormData();
  body.append('file', file, file.name);
  const headers: Record<string, string> = { accept: 'application/json' };
  const csrf = csrfToken();
  if (csrf) headers['x-csrf-token'] = csrf;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}${search ? `?${search}` : ''}`, {
      method: 'POST',
      headers,
      body,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  const json = (await response.json().catch(() => undefined)) as
    | (T & {
        error?: {
          code?: string;
          message?: string;
          field?: string;
          rejected?: unknown;
          columns?: ImportColumns;
        };
      })
    | undefined;
  if (response.ok) return json as T;
  const error = json?.error;
  // An import refused for its rejected rows answers with the row report inside the error.
  if (error && Array.isArray(error.rejected)) return error as T;
  const failure = new ApiError(
    response.status,
    error?.code ?? `http_${response.status}`,
    error?.message ?? i18n.t('errors.http', { status: response.status }),
    error?.field,
  );
  throw error?.columns ? new ImportColumnsError(failure, error.columns) : failure;
}
