import type { z } from 'zod';
import type { Ack } from '../../shared/socket-events.ts';
import { AppError, validationError } from '../lib/errors.ts';
import type { IoSocket } from './types.ts';

export interface CommandLogger {
  error(obj: unknown, message: string): void;
}

/**
 * Wraps a socket command: parse the payload with its shared schema, run the domain call,
 * acknowledge `{ data }` or `{ error }`. Nothing a client sends can throw out of here, so a bad
 * payload never disconnects the socket or crashes the server.
 */
export function command<Schema extends z.ZodType, Result>(
  socket: IoSocket,
  name: string,
  schema: Schema,
  logger: CommandLogger,
  run: (input: z.output<Schema>) => Result,
): void {
  (socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void }).on(name, (...args) => {
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as (reply: Ack<Result>) => void) : () => undefined;
    const payload = typeof args[0] === 'function' ? undefined : args[0];
    try {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        const error = validationError(parsed.error);
        ack({ error: { id: error.id, message: error.message, fields: error.fields } });
        return;
      }
      ack({ data: run(parsed.data) });
    } catch (error) {
      if (error instanceof AppError) {
        ack({
          error: {
            id: error.id,
            message: error.message,
            ...(error.fields ? { fields: error.fields } : {}),
            ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
          },
        });
        return;
      }
      logger.error({ err: error, command: name }, 'socket command failed');
      ack({ error: { id: 'internal_error', message: 'Something went wrong on our side' } });
    }
  });
}
