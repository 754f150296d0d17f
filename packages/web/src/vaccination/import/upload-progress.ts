import { ApiError } from '../../app/api.ts';
import { i18n } from '../../app/i18n/i18n.ts';
import type { ImportColumns } from '../../surveillance/shared/types.ts';
import { ImportColumnsError } from '../../surveillance/shared/upload.ts';

/** Where an upload is: sending the file (with the share sent), then the server reading it. */
export type UploadStage = { stage: 'sending'; sent: number; total: number } | { stage: 'processing' };

function csrfToken(): string | undefined {
  const entry = document.cookie.split('; ').find((c) => c.startsWith('csrf_token='));
  return entry === undefined ? undefined : decodeURIComponent(entry.slice('csrf_token='.length));
}

/**
 * POSTs one file as multipart/form-data (field `file`) with XMLHttpRequest, whose upload events
 * (unlike fetch) say how much of a large file has gone; `onStage` hears the progress, then that
 * the server is at work. JSON back; an error answer becomes an ApiError (an ImportColumnsError
 * when the header row was refused, with how it was read). `signal` aborts the upload.
 */
export function postFileWithProgress<T>(
  path: string,
  file: File,
  onStage: (stage: UploadStage) => void,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}`);
    xhr.setRequestHeader('accept', 'application/json');
    const csrf = csrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.withCredentials = true;
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => {
      const total = event.lengthComputable ? event.total : file.size;
      onStage({ stage: 'sending', sent: Math.min(event.loaded, total), total });
    };
    xhr.upload.onload = () => onStage({ stage: 'processing' });
    xhr.onerror = () => reject(new ApiError(0, 'network', i18n.t('errors.network')));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', i18n.t('vaccinationImport.aborted')));
    xhr.onload = () => {
      let json: unknown;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        json = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(json as T);
        return;
      }
      const error = (
        json as { error?: { code?: string; message?: string; field?: string; columns?: ImportColumns } }
      )?.error;
      const failure = new ApiError(
        xhr.status,
        error?.code ?? `http_${xhr.status}`,
        error?.message ?? i18n.t('errors.http', { status: xhr.status }),
        error?.field,
      );
      reject(error?.columns ? new ImportColumnsError(failure, error.columns) : failure);
    };
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const body = new FormData();
    body.append('file', file, file.name);
    onStage({ stage: 'sending', sent: 0, total: file.size });
    xhr.send(body);
  });
}
