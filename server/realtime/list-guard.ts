import { LIMITS, SOCKET_RATE_LIMITS } from '../../shared/limits.ts';
import { AppError } from '../lib/errors.ts';
import type { IoSocket } from './types.ts';

/** What engine.io keeps per connection that tells how much it has not sent yet. */
interface EngineConn {
  writeBuffer?: Array<{ data?: unknown }>;
  transport?: { socket?: { bufferedAmount?: number } };
}

/**
 * Bytes queued for this socket and not yet on the wire: packets engine.io holds (a polling
 * client that has not polled, a websocket mid-write) plus what the websocket has queued.
 */
export function bufferedBytes(socket: IoSocket, enough = Infinity): number {
  const conn = socket.conn as unknown as EngineConn;
  let bytes = conn.transport?.socket?.bufferedAmount ?? 0;
  // Stops counting once past `enough`: a flooded queue is long, and this runs per command.
  for (const packet of conn.writeBuffer ?? []) {
    if (bytes > enough) break;
    const data = packet.data;
    if (typeof data === 'string') bytes += data.length;
    else if (data instanceof Uint8Array || data instanceof ArrayBuffer) bytes += data.byteLength;
    else bytes += 16;
  }
  return bytes;
}

/** A refusal without a stack trace: a flood makes thousands, and nobody reads their stacks. */
function refusal(id: 'slow_consumer' | 'rate_limit_exceeded', message: string, waitMs: number) {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new AppError(429, id, message, undefined, waitMs);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * Guards the socket commands that answer with a list. Each socket has a token bucket (whoever
 * holds it, so a public socket is limited too), and a socket that is not reading what it was
 * sent is refused more lists until it drains; one that keeps asking without draining is
 * disconnected. State lives on the socket and dies with it.
 */
export function createListGuard(socket: IoSocket, now: () => number = Date.now) {
  const limit = SOCKET_RATE_LIMITS.list;
  let tokens: number = limit.burst;
  let at = now();
  let refusals = 0;
  const slow = () =>
    refusal(
      'slow_consumer',
      'This connection has not read what it was sent; try again when it has',
      1000,
    );

  return {
    /** Throws rate_limit_exceeded or slow_consumer; returns when a list may be sent. */
    admit(): void {
      if (refusals >= LIMITS.socketRefusals) throw slow();
      if (bufferedBytes(socket, LIMITS.socketBufferedBytes) > LIMITS.socketBufferedBytes) {
        refusals += 1;
        // Asking again and again without reading: the answers would only join the queue it is
        // not reading, so the connection goes.
        if (refusals >= LIMITS.socketRefusals) socket.disconnect(true);
        throw slow();
      }
      refusals = 0;
      const t = now();
      tokens = Math.min(limit.burst, tokens + ((t - at) / 60_000) * limit.perMinute);
      at = t;
      if (tokens < 1) {
        const waitMs = Math.ceil(((1 - tokens) / limit.perMinute) * 60_000);
        throw refusal(
          'rate_limit_exceeded',
          `Too many list requests: try again in ${Math.ceil(waitMs / 1000)} s`,
          waitMs,
        );
      }
      tokens -= 1;
    },
  };
}

/**
 * Disconnects a socket that sends more messages in a second than any person could. Each message
 * costs the server its decoding, its handler and its acknowledgement even when refused, and a
 * script writing thousands at once would hold the event loop for all of them. Counted as engine.io
 * hands each packet up, before socket.io decodes it: once disconnected, the rest of the burst is
 * dropped by engine.io (and what socket.io had already queued is ignored) without a handler.
 */
export function limitMessageRate(socket: IoSocket, now: () => number = Date.now): void {
  let windowStart = now();
  let count = 0;
  socket.conn.on('packet', (packet: { type: string }) => {
    if (packet.type !== 'message') return;
    const t = now();
    if (t - windowStart >= 1000) {
      windowStart = t;
      count = 0;
    }
    count += 1;
    if (count > LIMITS.socketMessagesPerSecond && socket.connected) socket.disconnect(true);
  });
}
