import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  ConflictError,
  ForbiddenError,
  LogInRequiredError,
  NotFoundError,
  ValidationError,
} from '../../domain/errors.ts';
import { InvalidParameterError } from '../../domain/work-list-query.ts';
import { errorResource } from '../../formats/api/resources.ts';

/** An answer the API gives on purpose: HTTP status, a stable machine code and a sentence for people. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const UNEXPECTED =
  'The archive ran into a problem it did not expect. Nothing you sent was half-saved; please try again in a moment.';

/** Turns anything thrown in an API route into `{ "error": { "code", "message" } }` with the right status. */
export function sendApiError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const [status, body] = describe(error);
  if (status >= 500) request.log.error(error);
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="quire"');
  return reply.code(status).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(body);
}

function describe(error: FastifyError | Error): [number, ReturnType<typeof errorResource>] {
  if (error instanceof ApiError) return [error.status, errorResource(error.code, error.message, error.fields)];
  if (error instanceof LogInRequiredError) {
    const message = error.registeredOnly
      ? `${error.registeredOnly.what} Send a personal API token to ${error.registeredOnly.action}.`
      : 'This needs a personal API token, sent as “Authorization: Bearer <token>”. Create one on your account page.';
    return [401, errorResource('token_required', message)];
  }
  if (error instanceof InvalidParameterError)
    return [400, errorResource('invalid_parameter', error.message, error.fieldErrors)];
  if (error instanceof ValidationError) return [422, errorResource('invalid_fields', error.message, error.fieldErrors)];
  if (error instanceof NotFoundError) return [404, errorResource('not_found', error.message)];
  if (error instanceof ForbiddenError) return [403, errorResource('forbidden', error.message)];
  if (error instanceof ConflictError) return [409, errorResource('conflict', error.message)];
  const statusCode = (error as { statusCode?: unknown }).statusCode;
  const code = (error as { code?: unknown }).code;
  if (statusCode === 429)
    return [429, errorResource('rate_limited', error.message || 'Too many requests. Wait a moment and try again.')];
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return [
      415,
      errorResource('unsupported_media_type', 'Send the body as JSON, with Content-Type: application/json.'),
    ];
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return [413, errorResource('too_large', 'What you sent is larger than the archive accepts.')];
  if (
    code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    (error instanceof SyntaxError && statusCode === 400)
  ) {
    return [400, errorResource('invalid_json', 'The body is not valid JSON.')];
  }
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500)
    return [statusCode, errorResource('bad_request', error.message)];
  return [500, errorResource('internal', UNEXPECTED)];
}
