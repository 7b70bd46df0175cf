/**
 * Test fixtures: a fresh DATA_DIR (and so a fresh database) per app, builders with overrides,
 * and socket.io helpers for real clients on port 0.
 */
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { buildApp } from '../server/app.ts';
import { loadConfig, type Config } from '../server/config.ts';
import type { CreateEventBody } from '../shared/schemas/events.ts';
import type { Ack, ClientToServerEvents, ServerToClientEvents, Snapshot } from '../shared/socket-events.ts';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'backchannel-test-'));
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ DATA_DIR: tempDataDir(), PORT: '0', LOG_LEVEL: 'silent', ...env });
}

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  close(): Promise<void>;
}

export interface BuildOptions {
  /** Serve this copy of the built client instead of client/dist. */
  clientDir?: string;
  /** Extra routes a test needs (registered before the app is ready). */
  routes?: (app: FastifyInstance) => void;
  /** Removed on close, with the data dir. */
  cleanup?: string[];
}

/** Builds the real app on a fresh database. Call close() in afterAll/afterEach. */
export async function build(env: Record<string, string> = {}, { clientDir, routes, cleanup = [] }: BuildOptions = {}): Promise<TestApp> {
  const config = testConfig(env);
  const app = await buildApp({ config, ...(clientDir ? { clientDir } : {}) });
  routes?.(app);
  await app.ready();
  return {
    app,
    config,
    async close() {
      await app.close();
      for (const dir of [config.dataDir, ...cleanup]) rmSync(dir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
export function buildEventBody(overrides: Partial<CreateEventBody> = {}): CreateEventBody {
  counter += 1;
  return { name: `Test Conf ${counter}`, hashtags: ['testconf'], ...overrides };
}

export interface SeededEvent {
  eventId: number;
  code: string;
  moderatorKey: string;
  speakerKey: string;
  apiKey: string;
  sessionId: number;
  sessionSpeakerKey: string;
}

/** An event with one live session, made through the domain (not under test here). */
export function seedEvent(app: FastifyInstance, overrides: Partial<CreateEventBody> = {}): SeededEvent {
  const { row, keys } = app.domain.events.create(buildEventBody(overrides));
  const session = app.domain.sessions.create(row.id, { title: 'Keynote', room: 'Main hall', live: true }, { kind: 'admin' });
  return {
    eventId: row.id,
    code: row.code,
    ...keys,
    sessionId: session.id,
    sessionSpeakerKey: app.domain.sessions.speakerKeyOf(session),
  };
}

export function seedSession(app: FastifyInstance, eventId: number, overrides: { title?: string; room?: string; live?: boolean } = {}) {
  const session = app.domain.sessions.create(eventId, { title: 'Talk', room: 'Room B', ...overrides }, { kind: 'admin' });
  return { sessionId: session.id, speakerKey: app.domain.sessions.speakerKeyOf(session) };
}

export function joinAttendee(app: FastifyInstance, eventId: number, displayName: string | null = 'Ada') {
  const { attendee, token } = app.domain.attendees.join(eventId, displayName);
  return { attendeeId: attendee.id, token };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export interface ConnectedClient {
  socket: ClientSocket;
  snapshot: Snapshot;
}

/** A real socket.io client; resolves with its first snapshot. */
export function connectClient(url: string, auth: { eventCode: string; token?: string; name?: string }): Promise<ConnectedClient> {
  const socket: ClientSocket = connect(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
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

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
