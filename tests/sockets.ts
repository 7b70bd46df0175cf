/**
 * Real socket.io clients for tests: one connection helper, a per-file fixture that closes every
 * client it opened, and the two waits every socket test needs (an acknowledgement, a broadcast).
 */
import { afterAll, afterEach } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type {
  Ack,
  ClientToServerEvents,
  HandshakeAuth,
  ServerToClientEvents,
  Snapshot,
} from '../shared/socket-events.ts';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ConnectedClient {
  socket: ClientSocket;
  snapshot: Snapshot;
}

/** A real socket.io client; resolves with its first snapshot. */
export function connectClient(url: string, auth: HandshakeAuth): Promise<ConnectedClient> {
  const socket: ClientSocket = connect(url, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no snapshot within 5 s')), 5000);
    socket.once('event:snapshot', (snapshot) => {
      clearTimeout(timer);
      resolve({ socket, snapshot });
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    });
  });
}

/** Where a fixture's clients connect: read at connect time, so a file can make it before beforeAll. */
export interface SocketTarget {
  url: string;
  /** The event a client joins unless its handshake names another. */
  code?: string;
}

/**
 * The socket clients of one test file. Every client it opens is closed after each test, or after
 * the file with `closeAfter: 'all'` (for clients made in beforeAll). The roles are the credential
 * the handshake carries: an attendee's token, a moderator's or speaker's key, or none (a screen).
 */
export function socketClients(
  target: () => SocketTarget,
  { closeAfter = 'each' }: { closeAfter?: 'each' | 'all' } = {},
) {
  const open = new Set<ClientSocket>();
  (closeAfter === 'each' ? afterEach : afterAll)(() => {
    for (const socket of open) socket.close();
    open.clear();
  });
  const connectAs = async (auth: Omit<HandshakeAuth, 'eventCode'> & { eventCode?: string }) => {
    const { url, code } = target();
    const client = await connectClient(url, { eventCode: code ?? '', ...auth });
    open.add(client.socket);
    return client;
  };
  return {
    /** Any handshake (another event's code, a moderator's name); closed like the others. */
    connect: connectAs,
    attendee: (token: string) => connectAs({ token }),
    moderator: (key: string, name?: string) => connectAs({ token: key, ...(name ? { name } : {}) }),
    speaker: (key: string) => connectAs({ token: key }),
    screen: () => connectAs({}),
    /** Closes one client now (its disconnect is what the test is about). */
    close(socket: ClientSocket) {
      socket.close();
      open.delete(socket);
    },
  };
}

/** Emits a command and resolves with its acknowledgement. */
export function request<E extends keyof ClientToServerEvents>(
  socket: ClientSocket,
  name: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ack for ${name}`)), 5000);
    (socket.emit as (...args: unknown[]) => void)(name, payload, (reply: Ack<unknown>) => {
      clearTimeout(timer);
      resolve(reply as never);
    });
  });
}

/** Resolves with the next broadcast of `name` that matches, or rejects after `ms`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  name: E,
  match: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
  ms = 3000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      (socket.off as (...args: unknown[]) => void)(name, listener);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      (socket.off as (...args: unknown[]) => void)(name, listener);
      reject(new Error(`no ${name} within ${ms} ms`));
    }, ms);
    (socket.on as (...args: unknown[]) => void)(name, listener);
  });
}

/** Collects every broadcast of `name` until stopped. */
export function collect<E extends keyof ServerToClientEvents>(socket: ClientSocket, name: E) {
  const items: Array<Parameters<ServerToClientEvents[E]>[0]> = [];
  const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => items.push(payload);
  (socket.on as (...args: unknown[]) => void)(name, listener);
  return { items, stop: () => (socket.off as (...args: unknown[]) => void)(name, listener) };
}
