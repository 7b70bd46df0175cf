import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import type { ErrorId } from '../../shared/errors.ts';
import { AppError, busyError, isDatabaseBusy } from '../lib/errors.ts';

/** Fastify's own client errors, mapped to stable ids. */
const FASTIFY_CODES: Record<string, { status: number; id: ErrorId; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    id: 'body_too_large',
    message: 'The request body is too large',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    id: 'unsupported_media_type',
    message: 'Send JSON with Content-Type: application/json',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    id: 'validation_failed',
    message: 'The JSON body is empty',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    id: 'validation_failed',
    message: 'The body is not valid JSON',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    id: 'validation_failed',
    message: 'Invalid Content-Length',
  },
  FST_ERR_VALIDATION: { status: 400, id: 'validation_failed', message: 'The request is not valid' },
};

/**
 * One error shape for every route: `{ error: { id, message, fields? } }`. A 5xx never carries
 * the internal message; it is logged instead.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    // Another process holds the database: nothing was written, and a retry will likely pass.
    if (isDatabaseBusy(error)) error = busyError() as unknown as FastifyError;
    if (error instanceof AppError) {
      if (error.retryAfterMs !== undefined)
        void reply.header('retry-after', String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))));
      return reply.code(error.statusCode).send({
        error: {
          id: error.id,
          message: error.message,
          ...(error.fields ? { fields: error.fields } : {}),
        },
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields: Record<string, string> = {};
      for (const issue of error.validation) {
        const path =
          `${error.validationContext ?? 'body'}${issue.instancePath.replace(/\//g, '.')}`.replace(
            /\.$/,
            '',
          );
        fields[path] ??= issue.message ?? 'invalid';
      }
      const [path, message] = Object.entries(fields)[0] ?? ['body', 'invalid'];
      return reply
        .code(400)
        .send({ error: { id: 'validation_failed', message: `${path}: ${message}`, fields } });
    }
    if (error.statusCode === 429) {
      return reply.code(429).send({ error: { id: 'rate_limit_exceeded', message: error.message } });
    }
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known)
      return reply.code(known.status).send({ error: { id: known.id, message: known.message } });
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send({
        error: {
          id: error.statusCode === 404 ? 'not_found' : 'validation_failed',
          message: error.message,
        },
      });
    }
    if (isResponseSerializationError(error))
      request.log.error(
        { err: error, issues: error.cause.issues },
        'response did not match its schema',
      );
    else request.log.error({ err: error }, 'request failed');
    return reply
      .code(500)
      .send({ error: { id: 'internal_error', message: 'Something went wrong on our side' } });
  });
}

/**
 * Errors Fastify's router raises before any route or hook runs (a malformed percent-encoding,
 * a parameter over the length limit): the same error shape as every other refusal.
 */
export function frameworkErrors(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
  const message = status === 414 ? 'A part of the URL is too long' : 'The URL is not valid';
  void reply.code(status).send({ error: { id: 'validation_failed', message } });
}
