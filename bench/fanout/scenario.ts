/**
 * fanout: one event, 5,000 audience sockets plus a screen; a moderator approves 20 posts a
 * second for 30 s. Delivery latency is from the approval's acknowledgement to the moment the
 * last client received the post. Baseline: a socket.io server broadcasting each post alone.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io as connect } from 'socket.io-client';
import {
  api,
  BENCH_ADMIN_TOKEN,
  pool,
  ROOT,
  startBackchannel,
  startProcess,
  type RunningServer,
} from '../lib/process.ts';
import { percentile, ratio, round } from '../lib/stats.ts';
import { startWorker } from '../lib/workers.ts';

export const FANOUT = { clients: 5000, perSecond: 20, durationMs: 30_000, workers: 2 };

interface Result {
  name: string;
  approvals: number;
  deliveredToAll: number;
  p50Ms: number;
  p99Ms: number;
  messagesPerClientPerSecond: number;
  cpuSeconds: number;
  peakRssMb: number;
}

async function run(
  name: string,
  server: RunningServer,
  eventCode: string,
  moderatorKey: string | undefined,
  postIds: number[],
  protocol: 'batched' | 'single',
  clients: number,
): Promise<Result> {
  const workers = Array.from({ length: FANOUT.workers }, () =>
    startWorker(join(ROOT, 'bench', 'fanout', 'worker.ts')),
  );
  const moderator = connect(server.url, {
    auth: { eventCode, token: moderatorKey },
    transports: ['websocket'],
    forceNew: true,
  });
  try {
    // One more client than the audience: the big screen.
    const shares = workers.map(
      (_, i) =>
        Math.floor((clients + 1) / workers.length) + (i < (clients + 1) % workers.length ? 1 : 0),
    );
    workers.forEach((worker, i) =>
      worker.send({
        type: 'setup',
        setup: { url: server.url, eventCode, clients: shares[i], protocol },
      }),
    );
    await Promise.all(workers.map((worker) => worker.next('ready', 180_000)));
    await new Promise<void>((resolve) =>
      moderator.connected ? resolve() : moderator.once('connect', () => resolve()),
    );
    const before = server.usage();
    const acks = new Map<number, number>();
    const started = performance.now();
    await new Promise<void>((resolve) => {
      let sent = 0;
      const timer = setInterval(() => {
        const due = Math.min(
          postIds.length,
          Math.floor(((performance.now() - started) * FANOUT.perSecond) / 1000),
        );
        while (sent < due) {
          const postId = postIds[sent++]!;
          moderator.emit('post:moderate', { postId, action: 'approve' }, () =>
            acks.set(postId, Date.now()),
          );
        }
        if (sent >= postIds.length) {
          clearInterval(timer);
          resolve();
        }
      }, 5);
    });
    // Let the last batches arrive.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const after = server.usage();
    const reports = await Promise.all(
      workers.map((worker) => {
        worker.send({ type: 'report' });
        return worker.next<{
          arrivals: Array<[number, { count: number; lastAt: number }]>;
          messages: number[];
        }>('report', 60_000);
      }),
    );
    const total = shares.reduce((a, b) => a + b, 0);
    const arrivals = new Map<number, { count: number; lastAt: number }>();
    for (const report of reports) {
      for (const [id, entry] of report.arrivals) {
        const seen = arrivals.get(id) ?? { count: 0, lastAt: 0 };
        arrivals.set(id, {
          count: seen.count + entry.count,
          lastAt: Math.max(seen.lastAt, entry.lastAt),
        });
      }
    }
    const latencies: number[] = [];
    let deliveredToAll = 0;
    for (const [id, ackAt] of acks) {
      const arrival = arrivals.get(id);
      if (!arrival || arrival.count < total) continue;
      deliveredToAll += 1;
      latencies.push(Math.max(0, arrival.lastAt - ackAt));
    }
    const messages = reports.flatMap((r) => r.messages);
    const seconds = FANOUT.durationMs / 1000;
    return {
      name,
      approvals: acks.size,
      deliveredToAll,
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
      messagesPerClientPerSecond: round(
        messages.reduce((a, b) => a + b, 0) / Math.max(1, messages.length) / seconds,
        2,
      ),
      cpuSeconds: round(after.cpuSeconds - before.cpuSeconds, 2),
      peakRssMb: round(after.peakRssMb),
    };
  } finally {
    moderator.close();
    workers.forEach((worker) => worker.close());
  }
}

export async function runFanout(clients = FANOUT.clients) {
  const count = (FANOUT.perSecond * FANOUT.durationMs) / 1000;
  const ours = await startBackchannel();
  let o: Result;
  try {
    const created = await api<{
      event: { id: number; code: string };
      moderatorKey: string;
      apiKey: string;
    }>(ours.url, 'POST', '/api/events', BENCH_ADMIN_TOKEN, {
      name: 'Fanout',
    });
    const postIds = await pool(
      Array.from({ length: count }, (_, i) => i),
      20,
      async (i) => {
        const post = await api<{ id: number }>(
          ours.url,
          'POST',
          `/api/events/${created.event.id}/posts`,
          created.apiKey,
          {
            text: `Post number ${i}: a sentence or two, the length a wall post usually has. #fanout`,
            author: { name: `Author ${i % 50}`, handle: `author${i % 50}` },
            sourceId: `fanout-${i}`,
          },
        );
        return post.id;
      },
    );
    o = await run(
      'backchannel',
      ours,
      created.event.code,
      created.moderatorKey,
      postIds,
      'batched',
      clients,
    );
  } finally {
    await ours.stop();
  }
  const naive = await startProcess(join(ROOT, 'bench', 'baselines', 'naive-wall.ts'), {}, /ready/);
  let b: Result;
  try {
    b = await run(
      'naive socket.io',
      naive,
      'NAIVE',
      undefined,
      Array.from({ length: count }, (_, i) => i + 1),
      'single',
      clients,
    );
  } finally {
    await naive.stop();
  }
  return {
    scenario: 'fanout',
    options: { ...FANOUT, clients },
    results: [o, b],
    table: [
      ['metric', o.name, b.name, 'ratio (ours / naive)'],
      [
        'approvals / delivered to every client',
        `${o.approvals} / ${o.deliveredToAll}`,
        `${b.approvals} / ${b.deliveredToAll}`,
        '',
      ],
      ['delivery p50 (ms): ack → last client', o.p50Ms, b.p50Ms, ratio(o.p50Ms, b.p50Ms)],
      ['delivery p99 (ms)', o.p99Ms, b.p99Ms, ratio(o.p99Ms, b.p99Ms)],
      [
        'messages per client per second',
        o.messagesPerClientPerSecond,
        b.messagesPerClientPerSecond,
        ratio(o.messagesPerClientPerSecond, b.messagesPerClientPerSecond),
      ],
      ['server CPU (s)', o.cpuSeconds, b.cpuSeconds, ratio(o.cpuSeconds, b.cpuSeconds)],
      ['server peak RSS (MB)', o.peakRssMb, b.peakRssMb, ratio(o.peakRssMb, b.peakRssMb)],
    ],
  };
}
