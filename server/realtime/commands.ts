import type { z } from 'zod';
import {
  COMMANDS,
  type Ack,
  type CommandName,
  type CommandResult,
} from '../../shared/socket-events.ts';
import { AppError, busyError, isDatabaseBusy, validationError } from '../lib/errors.ts';
import type { IoSocket } from './types.ts';

export interface CommandLogger {
  error(obj: unknown, message: string): void;
}

/** A command's payload once its schema has parsed it. */
type CommandInput<K extends CommandName> = z.output<(typeof COMMANDS)[K]>;

/** What each command does with its parsed payload; its result is what the catalog acknowledges. */
export type CommandHandlers = {
  [K in CommandName]: (input: CommandInput<K>) => CommandResult<K>;
};

/** The registry seen per command, so that a generic command keeps its schema's output type. */
const schemas: { [K in CommandName]: z.ZodType<CommandInput<K>> } = COMMANDS;

/**
 * Registers one command from the registry: parse the payload with its shared schema, run the
 * handler, acknowledge `{ data }` or `{ error }`. Nothing a client sends can throw out of here,
 * so a bad payload never disconnects the socket or crashes the server.
 */
export function command<K extends CommandName>(
  socket: IoSocket,
  name: K,
  run: CommandHandlers[K],
  logger: CommandLogger,
): void {
  const schema = schemas[name];
  const event: CommandName = name;
  // The listener takes whatever a client sent: a payload may be missing, the ack may be absent or
  // not a function. Its arguments are checked here, not trusted from the catalog's types.
  socket.on(event, (...args: unknown[]) => {
    const last = args[args.length - 1];
    const payload = typeof args[0] === 'function' ? undefined : args[0];
    const ack = (reply: Ack<CommandResult<K>>): void => {
      if (typeof last === 'function') last(reply);
    };
    try {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        const error = validationError(parsed.error);
        ack({ error: { id: error.id, message: error.message, fields: error.fields } });
        return;
      }
      ack({ data: run(parsed.data) });
    } catch (thrown) {
      const error = isDatabaseBusy(thrown) ? busyError() : thrown;
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
