/**
 * Test fixtures: a fresh DATA_DIR (and so a fresh database) per app, builders with overrides,
 * and (re-exported from sockets.ts and builders.ts) socket clients and post and question builders.
 */
import type { FastifyInstance, HTTPMethods } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../server/app.ts';
import { loadConfig, type Config } from '../server/config.ts';
import { solveJoinChallenge } from '../shared/pow.ts';
import type { CreateEventBody } from '../shared/schemas/events.ts';

export * from './sockets.ts';
export * from './builders.ts';

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'backchannel-test-'));
}

/**
 * A join challenge that costs next to nothing, so tests that join many attendees stay fast; the
 * real cost is measured in tests/e2e/join-pow.test.ts and by `npm run bench -- join`.
 */
export const CHEAP_JOIN_POW = { JOIN_POW_COST: '1', JOIN_POW_MAX: '10' };

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    DATA_DIR: tempDataDir(),
    PORT: '0',
    LOG_LEVEL: 'silent',
    ...CHEAP_JOIN_POW,
    ...env,
  });
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
  /** How often the schedule is checked; default as in production. */
  scheduleTickMs?: number;
}

/** Builds the real app on a fresh database. Call close() in afterAll/afterEach. */
export async function build(
  env: Record<string, string> = {},
  { clientDir, routes, cleanup = [], scheduleTickMs }: BuildOptions = {},
): Promise<TestApp> {
  const config = testConfig(env);
  const app = await buildApp({
    config,
    ...(clientDir ? { clientDir } : {}),
    ...(scheduleTickMs ? { scheduleTickMs } : {}),
  });
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

/** The organiser, for fixtures made through the domain. */
export const ADMIN = { kind: 'admin' } as const;
/** An event's moderator, for fixtures made through the domain. */
export const asModerator = (eventId: number) => ({ kind: 'moderator', eventId }) as const;

/** An event with one live session, made through the domain (not under test here). */
export function seedEvent(
  app: FastifyInstance,
  overrides: Partial<CreateEventBody> = {},
): SeededEvent {
  const { row, keys } = app.domain.events.create(ADMIN, buildEventBody(overrides));
  const session = app.domain.sessions.create(asModerator(row.id), row.id, {
    title: 'Keynote',
    room: 'Main hall',
    live: true,
  });
  return {
    eventId: row.id,
    code: row.code,
    ...keys,
    sessionId: session.id,
    sessionSpeakerKey: app.domain.sessions.speakerKeyOf(session),
  };
}

export function seedSession(
  app: FastifyInstance,
  eventId: number,
  overrides: { title?: string; room?: string; live?: boolean } = {},
) {
  const session = app.domain.sessions.create(asModerator(eventId), eventId, {
    title: 'Talk',
    room: 'Room B',
    ...overrides,
  });
  return { sessionId: session.id, speakerKey: app.domain.sessions.speakerKeyOf(session) };
}

export function joinAttendee(
  app: FastifyInstance,
  eventId: number,
  displayName: string | null = 'Ada',
) {
  const { attendee, token } = app.domain.attendees.join(eventId, displayName);
  return { attendeeId: attendee.id, token };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export interface ApiCallOptions {
  token?: string;
  body?: object;
}

/**
 * The one REST caller of the route tests: `call('GET', '/events/1')` injects `/api/events/1`
 * with the bearer token when one is given. `app` is read at call time, so a file can make its
 * caller before `beforeAll` has built the app.
 */
export function apiCaller(app: () => FastifyInstance) {
  return (method: HTTPMethods, url: string, { token, body }: ApiCallOptions = {}) =>
    app().inject({ method, url: `/api${url}`, headers: token ? bearer(token) : {}, payload: body });
}

/** Asks for a join challenge over HTTP and solves it: the `altcha` a join route takes. */
export async function solvedAltcha(app: FastifyInstance, code: string): Promise<string> {
  const res = await app.inject({
    method: 'GET',
    url: `/api/events/by-code/${encodeURIComponent(code)}/join-challenge`,
  });
  if (res.statusCode !== 200) throw new Error(`join-challenge ${res.statusCode}: ${res.body}`);
  return (await solveJoinChallenge(res.json()))!;
}

/**
 * Joins through the real route, proof of work and all: POST /api/events/by-code/:code/attendees.
 * `remoteAddress` and `cookie` stand for where the phone is.
 */
export async function joinByCode(
  app: FastifyInstance,
  code: string,
  displayName: string | null = 'Ada',
  { remoteAddress, cookie }: { remoteAddress?: string; cookie?: string } = {},
) {
  const altcha = await solvedAltcha(app, code);
  const res = await app.inject({
    method: 'POST',
    url: `/api/events/by-code/${encodeURIComponent(code)}/attendees`,
    payload: displayName === null ? { altcha } : { altcha, displayName },
    ...(remoteAddress ? { remoteAddress } : {}),
    ...(cookie ? { headers: { cookie } } : {}),
  });
  if (res.statusCode !== 201) throw new Error(`join ${res.statusCode}: ${res.body}`);
  const body = res.json<{ attendee: { id: number }; token: string }>();
  const setCookie = res.headers['set-cookie'];
  return {
    attendeeId: body.attendee.id,
    token: body.token,
    /** The device cookie to send on a later join from the same browser. */
    cookie: (typeof setCookie === 'string' ? setCookie.split(';')[0] : undefined) ?? cookie,
  };
}

export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** Joins a server over real HTTP (a child process, a listening app), proof of work and all. */
export async function joinOverHttp(
  url: string,
  code: string,
  displayName?: string,
): Promise<{ token: string; attendeeId: number }> {
  const base = `${url}/api/events/by-code/${encodeURIComponent(code)}`;
  const challenge = await (await fetch(`${base}/join-challenge`)).json();
  const altcha = await solveJoinChallenge(challenge);
  const res = await fetch(`${base}/attendees`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(displayName ? { altcha, displayName } : { altcha }),
  });
  if (res.status !== 201) throw new Error(`join ${res.status}: ${await res.text()}`);
  const joined = (await res.json()) as { token: string; attendee: { id: number } };
  return { token: joined.token, attendeeId: joined.attendee.id };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
