import { io, type Socket } from 'socket.io-client';
import { AppError } from './errors.ts';
import { handshakeAuth } from './moderator-name.ts';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from './types.ts';

export type BcSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type Command = keyof ClientToServerEvents;
export type CommandPayload<E extends Command> = Parameters<ClientToServerEvents[E]>[0];
export type CommandResult<E extends Command> = Parameters<ClientToServerEvents[E]>[1] extends (
  reply: Ack<infer T>,
) => void
  ? T
  : never;

const COMMAND_TIMEOUT_MS = 10_000;

/**
 * Same origin, default path; without a token the socket is public (the big screen).
 * WebSocket first: when a hall of phones connects at once, each opens one connection instead of
 * a series of long-polling requests; polling stays as the fallback for networks that block it.
 */
export function openSocket(eventCode: string, token?: string | null): BcSocket {
  return io({
    // A function, so a moderator who renames their console sends the new name on reconnect.
    auth: (send) => send(handshakeAuth(eventCode, token)),
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
  });
}

/**
 * Sends a command and resolves with its `data`, or rejects with an AppError carrying the
 * server's error id. A command sent while offline is buffered by socket.io; the timeout makes
 * sure the user hears about it instead of waiting forever.
 */
export async function send<E extends Command>(
  socket: BcSocket,
  event: E,
  payload: CommandPayload<E>,
): Promise<CommandResult<E>> {
  // The typed overloads cannot follow a generic event name; the shape is checked by the signature above.
  const emitter = socket.timeout(COMMAND_TIMEOUT_MS) as unknown as {
    emitWithAck(event: string, payload: unknown): Promise<Ack<CommandResult<E>>>;
  };
  let reply: Ack<CommandResult<E>>;
  try {
    reply = await emitter.emitWithAck(event, payload);
  } catch {
    throw new AppError(
      'timeout',
      'No answer from the server. Check your connection, then try again.',
    );
  }
  if (reply.error)
    throw new AppError(
      reply.error.id,
      reply.error.message,
      0,
      reply.error.fields,
      reply.error.retryAfterMs,
    );
  return reply.data as CommandResult<E>;
}

/** What a refused handshake says, from the `data` the server attaches to its Error. */
export function handshakeError(error: Error & { data?: unknown }): AppError {
  const data = error.data as { id?: string; message?: string } | undefined;
  const id = (data?.id ?? error.message) as AppError['id'];
  const known: Partial<Record<string, string>> = {
    unauthorized: 'This link is not valid any more.',
    forbidden: 'This link does not give access here.',
    event_not_found: 'There is no event with this code.',
  };
  return new AppError(id, data?.message ?? known[id] ?? error.message);
}
