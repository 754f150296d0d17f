import type { Problem } from '@tuyendau/domain';

/** An error meant for the client: status, a stable code, a message for people, the field at fault. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly problems?: Problem[],
    /** Extra facts for the client, e.g. the id of the record a duplicate collides with. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function notFound(message = 'Không tìm thấy dữ liệu yêu cầu'): AppError {
  return new AppError(404, 'not_found', message);
}

export function forbidden(message = 'Tài khoản không có quyền thực hiện thao tác này'): AppError {
  return new AppError(403, 'forbidden', message);
}

export function badInput(message: string, field?: string, code = 'invalid_input'): AppError {
  return new AppError(400, code, message, field);
}

/** All the problems found in one input; the first names the field the client shows first. */
export function problemsError(problems: Problem[]): AppError {
  const [first] = problems;
  return new AppError(400, first.code, first.message, first.field, problems);
}
