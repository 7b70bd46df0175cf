/**
 * SIGTERM with work in flight: requests already received finish with their normal answer,
 * sockets are told to go, the process exits 0 with the SQLite file checkpointed and closed, and
 * the next start finds everything.
 */
import Database from 'better-sqlite3';
import { existsSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { joinOverHttp, sleep, tempDataDir } from '../helper.ts';
import { bannerValue, killHard, startServer, type RunningServer } from './server-process.ts';

const dataDir = tempDataDir();
const IN_FLIGHT = 50;
const running: RunningServer[] = [];
const sockets: Socket[] = [];

afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const server of running) await killHard(server);
  rmSync(dataDir, { recursive: true, force: true });
});

interface Slow {
  request: ClientRequest;
  rest: string;
  answer: Promise<{ status: number; body: string }>;
}

/**
 * A POST whose headers and first half of the body are sent now and the rest later: the server
 * has accepted and routed it, and is waiting for the body when the signal arrives.
 */
function slowPost(url: string, path: string, token: string, body: object): Slow {
  const payload = JSON.stringify(body);
  const half = Math.floor(payload.length / 2);
  const target = new URL(path, url);
  const request = httpRequest({
    host: target.hostname,
    port: target.port,
    path: target.pathname,
    method: 'POST',
    agent: false,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(payload),
    },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    request.on('error', reject);
  });
  request.flushHeaders();
  request.write(payload.slice(0, half));
  return { request, rest: payload.slice(half), answer };
}

function connectSocket(
  url: string,
  auth: object,
): Promise<{ socket: Socket; disconnected: Promise<string> }> {
  const socket = connect(url, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('event:snapshot', () =>
      resolve({ socket, disconnected: new Promise((done) => socket.once('disconnect', done)) }),
    );
    socket.once('connect_error', reject);
  });
}

describe('SIGTERM', () => {
  it('finishes the requests in flight, disconnects sockets, exits 0 with the database closed cleanly, and a restart finds it all', async () => {
    const server = await startServer(dataDir, { EVENT_CODE: 'STOP01' });
    running.push(server);
    const apiKey = bannerValue(server.banner, 'API key');
    const moderatorLink = bannerValue(server.banner, 'Moderator console');
    const moderatorKey = moderatorLink.split('#key=')[1]!;

    const joined = await joinOverHttp(server.url, 'STOP01');
    const watchers = await Promise.all([
      connectSocket(server.url, { eventCode: 'STOP01' }),
      connectSocket(server.url, { eventCode: 'STOP01', token: moderatorKey }),
      connectSocket(server.url, { eventCode: 'STOP01', token: joined.token }),
    ]);

    const slow = Array.from({ length: IN_FLIGHT }, (_, i) =>
      slowPost(server.url, '/api/events/1/posts', apiKey, {
        text: `Sent before SIGTERM, finished after it (${i})`,
        sourceId: `shutdown-${i}`,
      }),
    );
    // Let every request reach the server and be routed before the signal (generous: CI is busy).
    await sleep(1000);
    server.child.kill('SIGTERM');
    await sleep(150);
    for (const s of slow) s.request.end(s.rest);

    const answers = await Promise.all(slow.map((s) => s.answer));
    expect(answers.map((a) => a.status)).toEqual(Array(IN_FLIGHT).fill(201));
    const reasons = await Promise.race([
      Promise.all(watchers.map((w) => w.disconnected)),
      sleep(10_000).then(() => 'timed out'),
    ]);
    expect(reasons).toEqual(Array(watchers.length).fill('io server disconnect'));

    const exit = await server.exited;
    expect(exit, server.stderr()).toEqual({ code: 0, signal: null });
    expect(server.stderr()).not.toMatch(/"level":(50|60)/);

    // The last connection checkpoints the WAL into the file and removes it.
    const wal = join(dataDir, 'backchannel.db-wal');
    expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);
    const db = new Database(join(dataDir, 'backchannel.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(
        db.prepare("SELECT count(*) FROM posts WHERE source_id LIKE 'shutdown-%'").pluck().get(),
      ).toBe(IN_FLIGHT);
    } finally {
      db.close();
    }

    const again = await startServer(dataDir);
    running.push(again);
    expect(again.banner).not.toContain('A first event was created');
    expect(bannerValue(again.banner, 'API key')).toBe(apiKey);
    const page = (await (
      await fetch(`${again.url}/api/events/1/moderation/posts?limit=100`, {
        headers: { authorization: `Bearer ${moderatorKey}` },
      })
    ).json()) as { posts: Array<{ sourceId: string | null }> };
    expect(page.posts.filter((p) => p.sourceId?.startsWith('shutdown-')).length).toBe(IN_FLIGHT);
    again.child.kill('SIGTERM');
    expect((await again.exited).code).toBe(0);
  }, 60_000);

  it('refuses new connections once it is stopping, while it finishes the old ones', async () => {
    const server = await startServer(dataDir);
    running.push(server);
    const apiKey = bannerValue(server.banner, 'API key');
    const inFlight = slowPost(server.url, '/api/events/1/posts', apiKey, {
      text: 'Last one in',
      sourceId: 'shutdown-last',
    });
    await sleep(1000);
    server.child.kill('SIGTERM');
    await sleep(150);
    const late = await fetch(`${server.url}/api/health`, {
      signal: AbortSignal.timeout(3000),
    }).then(
      (res) => `answered ${res.status}`,
      (error: Error) =>
        `refused: ${(error.cause as { code?: string } | undefined)?.code ?? error.message}`,
    );
    inFlight.request.end(inFlight.rest);
    expect((await inFlight.answer).status).toBe(201);
    // A new request during shutdown is refused or answered 503; it never hangs or gets a 500.
    expect(late).toMatch(/^(refused: ECONNREFUSED|refused: ECONNRESET|answered 503)$/);
    expect((await server.exited).code).toBe(0);
  }, 30_000);
});
