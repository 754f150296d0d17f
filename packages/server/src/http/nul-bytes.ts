import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

/**
 * The dotted path of the first string (or object key) holding a NUL byte, e.g.
 * `people.2.person.fullName` ('' for the value itself), or undefined when there is none.
 * Walked with a stack rather than recursion, so a deeply nested body cannot overflow it.
 */
export function nulBytePath(value: unknown): string | undefined {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [item, path] = stack.pop()!;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return path;
    } else if (item !== null && typeof item === 'object' && !Buffer.isBuffer(item)) {
      const entries = Array.isArray(item) ? [...item.entries()] : Object.entries(item);
      // Reversed onto the stack, so the first field at fault is the one named.
      for (const [key, child] of entries.reverse()) {
        const at = path ? `${path}.${key}` : String(key);
        if (String(key).includes('\u0000')) return at.replaceAll('\u0000', '\\u0000');
        stack.push([child, at]);
      }
    }
  }
  return undefined;
}

export function nulByteError(field: string): AppError {
  return new AppError(
    400,
    'nul_byte',
    `Trường "${field}" chứa ký tự NUL (\\u0000), không được phép trong dữ liệu gửi lên`,
    field,
  );
}

/**
 * PostgreSQL text cannot hold a NUL byte: a string carrying one is refused here, for every route,
 * public ones included, before access control or a handler reads the database. preValidation runs
 * once the body, the query string and the path parameters are parsed; register this hook before
 * the access-control one. Uploaded files are streams: their names are checked in imports/upload.ts
 * and their cells cleaned by imports/stage.ts.
 */
export function refuseNulBytes(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const field = nulBytePath(part);
      if (field !== undefined) throw nulByteError(field || 'body');
    }
  });
}
