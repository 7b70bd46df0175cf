import type { ErrorId } from '../../shared/errors.ts';
import type { ZodError } from 'zod';

/** A refusal the client caused: carries its HTTP status and stable id. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly id: ErrorId,
    message: string,
    readonly fields?: Record<string, string>,
    /** For 429: how long the caller should wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (id: ErrorId, message: string) => new AppError(400, id, message);
export const unauthorized = (message = 'A valid credential is required') =>
  new AppError(401, 'unauthorized', message);
export const forbidden = (message = 'This credential may not do that') =>
  new AppError(403, 'forbidden', message);
export const notFound = (id: ErrorId, message: string) => new AppError(404, id, message);
export const conflict = (id: ErrorId, message: string) => new AppError(409, id, message);

/** Field path -> first message, for validation_failed replies. */
export function zodFields(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    fields[path] ??= issue.message;
  }
  return fields;
}

export function validationError(error: ZodError): AppError {
  const fields = zodFields(error);
  const [path, message] = Object.entries(fields)[0] ?? ['(root)', 'invalid'];
  return new AppError(400, 'validation_failed', `${path}: ${message}`, fields);
}

/** Whether an error is SQLite giving up on another connection's lock (SQLITE_BUSY and kin). */
export function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
  );
}

/** What a request that met a locked database is told: try again shortly. */
export const BUSY_RETRY_MS = 1000;
export const busyError = () =>
  new AppError(503, 'busy', 'The server is busy; try again in a moment', undefined, BUSY_RETRY_MS);
