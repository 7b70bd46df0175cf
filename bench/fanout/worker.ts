/**
 * Fanout worker: holds a share of the audience sockets (no credential: screens and attendees
 * see the same public wall) and records when each approved post reached each of them.
 */
import { io, type Socket } from 'socket.io-client';

interface Setup {
  url: string;
  eventCode: string;
  clients: number;
  /** 'batched' listens to Backchannel's posts:changed; 'single' to the naive post:approved. */
  protocol: 'batched' | 'single';
}

const sockets: Socket[] = [];
const arrivals = new Map<number, { count: number; lastAt: number }>();
const messages: number[] = [];

function record(id: number, at: number): void {
  const entry = arrivals.get(id);
  if (entry) {
    entry.count += 1;
    entry.lastAt = Math.max(entry.lastAt, at);
  } else arrivals.set(id, { count: 1, lastAt: at });
}

function connectOne(setup: Setup, index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = io(setup.url, {
      auth: { eventCode: setup.eventCode },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 60_000,
    });
    sockets.push(socket);
    messages[index] = 0;
    if (setup.protocol === 'batched') {
      socket.on('posts:changed', (batch: { upserted: Array<{ id: number }> }) => {
        const at = Date.now();
        messages[index]! += 1;
        for (const post of batch.upserted) record(post.id, at);
      });
    } else {
      socket.on('post:approved', (post: { id: number }) => {
        messages[index]! += 1;
        record(post.id, Date.now());
      });
    }
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}

process.on('message', async (message: { type: string; setup?: Setup }) => {
  if (message.type === 'setup') {
    const setup = message.setup!;
    try {
      for (let i = 0; i < setup.clients; i += 100) {
        await Promise.all(
          Array.from({ length: Math.min(100, setup.clients - i) }, (_, k) =>
            connectOne(setup, i + k),
          ),
        );
      }
      process.send!({ type: 'ready' });
    } catch (error) {
      process.send!({ type: 'error', message: String(error) });
    }
  } else if (message.type === 'report') {
    process.send!({ type: 'report', arrivals: [...arrivals.entries()], messages });
  } else if (message.type === 'close') {
    sockets.forEach((socket) => socket.close());
    process.exit(0);
  }
});
