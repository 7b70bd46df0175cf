/**
 * Join storm worker: each simulated attendee loads the start page, joins over the API, opens
 * its socket and waits for its first snapshot, at a random moment in the window. The sockets
 * stay open until the end, as a real audience's would.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';

interface Setup {
  url: string;
  code: string;
  eventId: number;
  attendees: number;
  windowMs: number;
}

const sockets: Socket[] = [];

function httpCall(agent: Agent, url: URL, method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      { host: url.hostname, port: url.port, path, method, agent, headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {} },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** socket.io-client hides the cause of a failed upgrade in `description`: keep it. */
function describe(error: Error & { description?: unknown }): string {
  const cause = error.description as { message?: string; code?: string } | string | undefined;
  const detail = typeof cause === 'string' ? cause : (cause?.code ?? cause?.message);
  return detail ? `${error.message} (${detail})` : error.message;
}

async function joinOne(setup: Setup, agent: Agent, url: URL): Promise<number> {
  const t0 = performance.now();
  const page = await httpCall(agent, url, 'GET', `/e/${setup.code}`);
  if (page.status !== 200) throw new Error(`page ${page.status}`);
  const joined = await httpCall(agent, url, 'POST', `/api/events/${setup.eventId}/attendees`, {});
  if (joined.status !== 201) throw new Error(`join ${joined.status}`);
  const { token } = JSON.parse(joined.text) as { token: string };
  await new Promise<void>((resolve, reject) => {
    const socket = io(setup.url, { auth: { eventCode: setup.code, token }, transports: ['websocket'], reconnection: false, forceNew: true, timeout: 30_000 });
    sockets.push(socket);
    socket.once('event:snapshot', () => resolve());
    socket.once('connect_error', reject);
  });
  return performance.now() - t0;
}

process.on('message', (message: { type: string; setup?: Setup }) => {
  if (message.type === 'close') {
    sockets.forEach((socket) => socket.close());
    process.exit(0);
  }
  if (message.type !== 'go') return;
  const setup = message.setup!;
  const url = new URL(setup.url);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const latencies: number[] = [];
  const errors: string[] = [];
  let remaining = setup.attendees;
  for (let i = 0; i < setup.attendees; i++) {
    setTimeout(() => {
      joinOne(setup, agent, url).then(
        (ms) => latencies.push(ms),
        (error: Error & { description?: unknown }) => errors.push(describe(error)),
      ).finally(() => {
        if (--remaining === 0) process.send!({ type: 'done', latencies, failures: errors.length, sampleErrors: errors.slice(0, 5) });
      });
    }, Math.random() * setup.windowMs);
  }
});
