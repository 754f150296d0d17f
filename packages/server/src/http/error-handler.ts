import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

/** Every error answers in one shape: `{ error: { code, message, field?, ... } }`, in words for people. */
export function setErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    if (err instanceof AppError) {
      return reply.code(err.status).send({
        error: {
          code: err.code,
          message: err.message,
          field: err.field,
          problems: err.problems,
          ...err.details,
        },
      });
    }
    // Concurrency the application's own locks did not foresee ends in a clear refusal, never a 500:
    // a unique violation is a conflict with what another request just wrote, a deadlock or a
    // serialisation failure a conflict to retry.
    const pgCode = (err as { code?: string }).code;
    if (pgCode === '23505') {
      request.log.warn(err);
      return reply.code(409).send({
        error: {
          code: 'conflict',
          message: 'Dữ liệu này vừa được người khác ghi cùng lúc; hãy tải lại trang để xem bản mới nhất',
        },
      });
    }
    if (pgCode === '40P01' || pgCode === '40001' || pgCode === '55P03') {
      request.log.warn(err);
      return reply.code(409).send({
        error: { code: 'conflict_retry', message: 'Có thao tác khác đang ghi cùng dữ liệu này; hãy thử lại' },
      });
    }
    if (err.validation) {
      const { field, message } = describeValidation(err.validation[0]);
      return reply.code(400).send({ error: { code: 'invalid_input', message, field } });
    }
    if (err.statusCode === 429) {
      return reply.code(429).send({
        error: {
          code: 'rate_limited',
          message: 'Bạn thử quá nhiều lần, vui lòng đợi một phút rồi thử lại',
        },
      });
    }
    if (
      err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      (err.statusCode === 400 && /JSON/i.test(err.message))
    ) {
      return reply
        .code(400)
        .send({ error: { code: 'bad_json', message: 'Nội dung gửi lên không phải JSON hợp lệ' } });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply
        .code(err.statusCode)
        .send({ error: { code: 'bad_request', message: 'Yêu cầu không hợp lệ' } });
    }
    request.log.error(err);
    return reply
      .code(500)
      .send({ error: { code: 'internal', message: 'Lỗi hệ thống, vui lòng thử lại sau' } });
  });
}

/** A schema violation in words for people, naming the field. */
function describeValidation(v: { keyword?: string; instancePath?: string; params?: unknown } | undefined): {
  field?: string;
  message: string;
} {
  const params = (v?.params ?? {}) as { missingProperty?: string; limit?: number; allowedValues?: unknown[] };
  const path = v?.instancePath ? v.instancePath.replace(/^\//, '').replace(/\//g, '.') : undefined;
  const field = params.missingProperty ?? path;
  const name = field ? `"${field}"` : 'gửi lên';
  switch (v?.keyword) {
    case 'required':
      return { field, message: `Thiếu trường bắt buộc ${name}` };
    case 'type':
      return { field, message: `Trường ${name} sai kiểu dữ liệu` };
    case 'enum':
    case 'const':
    case 'anyOf':
      return { field, message: `Giá trị của trường ${name} không hợp lệ` };
    case 'format':
    case 'pattern':
      return { field, message: `Trường ${name} sai định dạng` };
    case 'maxLength':
      return { field, message: `Trường ${name} dài quá ${params.limit} ký tự` };
    case 'minLength':
      return { field, message: `Trường ${name} phải có ít nhất ${params.limit} ký tự` };
    case 'minimum':
    case 'maximum':
      return { field, message: `Trường ${name} nằm ngoài khoảng cho phép` };
    case 'additionalProperties':
      return { field, message: 'Dữ liệu có trường không được phép' };
    default:
      return { field, message: `Dữ liệu ${name} không hợp lệ` };
  }
}
