import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../http/errors.ts';
import { nulByteError } from '../http/nul-bytes.ts';

/** The largest file an import accepts: 100,000 test results are about 10 MB of CSV. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** The longest file name most file systems allow. */
const MAX_FILENAME_LENGTH = 255;

/** Lets the routes of one capability receive a file (multipart/form-data), in that capability only. */
export async function acceptUploads(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, parts: 6 },
  });
}

/** `?partial=true`: import the valid rows and report the others, instead of all or nothing. */
export const ImportQuery = Type.Object({ partial: Type.Optional(Type.Boolean()) });

/** The uploaded file as a stream, or a 400 naming the field `file`. */
export async function uploadedFile(request: FastifyRequest): Promise<{ stream: Readable; filename: string }> {
  if (!request.isMultipart()) {
    throw new AppError(
      400,
      'file_required',
      'Hãy gửi tệp .csv hoặc .xlsx trong trường "file" (multipart/form-data)',
      'file',
    );
  }
  const part = await request.file().catch((err) => {
    throw uploadError(err);
  });
  if (!part) throw new AppError(400, 'file_required', 'Chưa chọn tệp để nhập', 'file');
  // The name is kept in the audit log: a stream skips the NUL hook (http/nul-bytes.ts), so check it here.
  if (part.filename.includes('\u0000')) throw nulByteError('file');
  if (part.filename.length > MAX_FILENAME_LENGTH) {
    throw new AppError(
      400,
      'file_name_too_long',
      `Tên tệp dài quá ${MAX_FILENAME_LENGTH} ký tự: hãy đặt tên ngắn hơn`,
      'file',
    );
  }
  // Past the limit the parser only ends the stream short: fail the reading instead of importing a
  // truncated file (the limit may already be reached when a body arrives in one piece).
  if (part.file.truncated) throw fileTooLarge();
  part.file.once('limit', () => part.file.destroy(fileTooLarge()));
  return { stream: part.file, filename: part.filename };
}

export function fileTooLarge(): AppError {
  return new AppError(
    413,
    'file_too_large',
    `Tệp lớn quá ${MAX_UPLOAD_BYTES / 1024 / 1024} MB: hãy chia nhỏ tệp`,
    'file',
  );
}

/** A refusal of the upload itself (too large, too many parts) in words for people. */
export function uploadError(err: unknown): unknown {
  const code = String((err as { code?: unknown })?.code ?? '');
  if (code === 'FST_REQ_FILE_TOO_LARGE') return fileTooLarge();
  if (code.startsWith('FST_')) {
    return new AppError(400, 'bad_upload', 'Chỉ gửi một tệp trong trường "file"', 'file');
  }
  return err;
}
