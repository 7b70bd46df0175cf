import type { ErrorId } from './types.ts';

/** Ids the client adds for failures that never reached the server. */
export type ClientErrorId = ErrorId | 'network_error' | 'timeout' | 'outbox_full';

/** One error shape for REST replies, socket acknowledgements and transport failures. */
export class AppError extends Error {
  constructor(
    readonly id: ClientErrorId,
    message: string,
    readonly status = 0,
    readonly fields?: Record<string, string>,
    /** With rate_limit_exceeded: how long the server asks us to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError(
    'internal_error',
    error instanceof Error ? error.message : 'Something went wrong.',
  );
}

/** Failures where the server may never have seen the command: safe to send again with the same clientId. */
export function isTransportError(error: unknown): boolean {
  const { id } = toAppError(error);
  return id === 'timeout' || id === 'network_error';
}

/** A message fit to show: field problems first, since they say what to fix. */
export function describeError(error: unknown): string {
  const appError = toAppError(error);
  const fields = appError.fields ? Object.values(appError.fields) : [];
  return fields.length > 0 ? `${appError.message} (${fields.join('; ')})` : appError.message;
}
