/**
 * Join storm worker: each simulated attendee loads the start page, joins over the API, opens
 * its socket and waits for its first snapshot, at a random moment in the window. The sockets
 * stay open until the end, as a real audience's would.
 */
import { Agent } from 'node:http';
import { httpCall, joinAddress, joinWith, solvedAltcha } from '../lib/join.ts';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';

interface Setup {
  url: string;
  code: string;
  eventId: number;
  attendees: number;
  /** This worker's first phone number, so workers spread over the addresses alike. */
  offset: number;
  windowMs: number;
}

const sockets: Socket[] = [];

/** socket.io-client hides the cause of a failed upgrade in `description`: keep it. */
function describe(error: Error & { description?: unknown }): string {
  const cause = error.description as { message?: string; code?: string } | string | undefined;
  const detail = typeof cause === 'string' ? cause : (cause?.code ?? cause?.message);
  return detail ? `${error.message} (${detail})` : error.message;
}

async function joinOne(
  setup: Setup,
  agent: Agent,
  url: URL,
  altcha: string,
  address: string,
): Promise<number> {
  const t0 = performance.now();
  const page = await httpCall(agent, url, 'GET', `/e/${setup.code}`);
  if (page.status !== 200) throw new Error(`page ${page.status}`);
  const token = await joinWith(agent, url, setup.code, altcha, undefined, address);
  await new Promise<void>((resolve, reject) => {
    const socket = io(setup.url, {
      auth: { eventCode: setup.code, token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 30_000,
    });
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
  // One connection pool per address the phones join from.
  const agents = new Map<string, Agent>();
  const agentFor = (address: string) => {
    if (!agents.has(address)) agents.set(address, new Agent({ keepAlive: true, maxSockets: 64 }));
    return agents.get(address)!;
  };
  const latencies: number[] = [];
  const errors: string[] = [];
  const remaining = setup.attendees;
  void prepare(setup, url, agentFor).then(
    (altchas) => storm(setup, url, agentFor, altchas, latencies, errors, remaining),
    (error: Error) =>
      process.send!({
        type: 'done',
        latencies,
        failures: setup.attendees,
        sampleErrors: [error.message],
      }),
  );
});

/**
 * Before the window: each simulated phone fetches and solves its join challenge (a real phone
 * does this in the second after opening the page; here it is kept out of what is measured).
 */
async function prepare(setup: Setup, url: URL, agentFor: (address: string) => Agent) {
  const altchas: string[] = new Array(setup.attendees);
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < setup.attendees) {
        const i = next++;
        const address = joinAddress(setup.offset + i);
        altchas[i] = await solvedAltcha(agentFor(address), url, setup.code, address);
      }
    }),
  );
  process.send!({ type: 'ready' });
  await new Promise<void>((resolve) =>
    process.once('message', (message: { type: string }) => message.type === 'start' && resolve()),
  );
  return altchas;
}

function storm(
  setup: Setup,
  url: URL,
  agentFor: (address: string) => Agent,
  altchas: string[],
  latencies: number[],
  errors: string[],
  remaining: number,
) {
  for (let i = 0; i < setup.attendees; i++) {
    const address = joinAddress(setup.offset + i);
    setTimeout(() => {
      joinOne(setup, agentFor(address), url, altchas[i]!, address)
        .then(
          (ms) => latencies.push(ms),
          (error: Error & { description?: unknown }) => errors.push(describe(error)),
        )
        .finally(() => {
          if (--remaining === 0)
            process.send!({
              type: 'done',
              latencies,
              failures: errors.length,
              sampleErrors: errors.slice(0, 5),
            });
        });
    }, Math.random() * setup.windowMs);
  }
}
