/**
 * join: 5,000 attendees join within 10 s — start page, join call, socket connect, first
 * snapshot — from two worker processes. Baseline: the minimal Fastify + socket.io server.
 * Joining costs a proof of work at the production difficulty; each simulated phone solves its
 * challenge before the window (as a phone does while the page opens), and the phones join from
 * four loopback addresses (the server allows 2,000 joins at once per address, then 20 a second).
 */
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import {
  api,
  BENCH_ADMIN_TOKEN,
  ROOT,
  startBackchannel,
  startProcess,
  type RunningServer,
} from '../lib/process.ts';
import { percentile, ratio, round } from '../lib/stats.ts';
import { startWorker } from '../lib/workers.ts';

export const JOIN = { attendees: 5000, windowMs: 10_000, workers: 2 };

interface Result {
  name: string;
  joined: number;
  failures: number;
  sampleErrors: string[];
  p50Ms: number;
  p99Ms: number;
  cpuSeconds: number;
  peakRssMb: number;
  /** Before the window: all phones fetching and solving their challenges (two workers). */
  solveSeconds: number;
}

async function storm(
  name: string,
  server: RunningServer,
  code: string,
  eventId: number,
  attendees: number,
): Promise<Result> {
  const workers = Array.from({ length: JOIN.workers }, () =>
    startWorker(join(ROOT, 'bench', 'join', 'worker.ts')),
  );
  try {
    const share = Math.ceil(attendees / workers.length);
    workers.forEach((worker, i) =>
      worker.send({
        type: 'go',
        setup: {
          url: server.url,
          code,
          eventId,
          attendees: share,
          offset: i * share,
          windowMs: JOIN.windowMs,
        },
      }),
    );
    // Every phone solves its join challenge first; the measured window starts after.
    const solveStarted = performance.now();
    await Promise.all(workers.map((worker) => worker.next('ready', 600_000)));
    const solveSeconds = (performance.now() - solveStarted) / 1000;
    const before = server.usage();
    workers.forEach((worker) => worker.send({ type: 'start' }));
    const done = await Promise.all(
      workers.map((worker) =>
        worker.next<{ latencies: number[]; failures: number; sampleErrors: string[] }>(
          'done',
          JOIN.windowMs + 90_000,
        ),
      ),
    );
    const after = server.usage();
    const latencies = done.flatMap((d) => d.latencies);
    return {
      name,
      joined: latencies.length,
      failures: done.reduce((sum, d) => sum + d.failures, 0),
      sampleErrors: done.flatMap((d) => d.sampleErrors),
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
      cpuSeconds: round(after.cpuSeconds - before.cpuSeconds, 2),
      peakRssMb: round(after.peakRssMb),
      solveSeconds: round(solveSeconds, 1),
    };
  } finally {
    workers.forEach((worker) => worker.close());
  }
}

export async function runJoin(attendees = JOIN.attendees) {
  const ours = await startBackchannel();
  let o: Result;
  try {
    const created = await api<{
      event: { id: number; code: string };
      moderatorKey: string;
      apiKey: string;
    }>(ours.url, 'POST', '/api/events', BENCH_ADMIN_TOKEN, {
      name: 'Join storm',
      settings: { postModeration: 'post' },
    });
    // A realistic snapshot: a live session and a wall of 50 approved posts.
    await api(ours.url, 'POST', `/api/events/${created.event.id}/sessions`, created.moderatorKey, {
      title: 'Keynote',
      live: true,
    });
    for (let i = 0; i < 50; i++) {
      await api(ours.url, 'POST', `/api/events/${created.event.id}/posts`, created.apiKey, {
        text: `Wall post number ${i} with a sentence or two of text, as a real wall has. #joinstorm`,
        author: { name: `Author ${i}`, handle: `author${i}` },
        sourceId: `seed-${i}`,
      });
    }
    o = await storm('backchannel', ours, created.event.code, created.event.id, attendees);
  } finally {
    await ours.stop();
  }
  const baseline = await startProcess(
    join(ROOT, 'bench', 'baselines', 'minimal-http.ts'),
    {},
    /ready/,
  );
  let b: Result;
  try {
    b = await storm('minimal fastify + socket.io', baseline, 'BASE', 1, attendees);
  } finally {
    await baseline.stop();
  }
  return {
    scenario: 'join',
    options: { ...JOIN, attendees },
    results: [o, b],
    table: [
      ['metric', o.name, b.name, 'ratio (ours / baseline)'],
      ['joined / failed', `${o.joined} / ${o.failures}`, `${b.joined} / ${b.failures}`, ''],
      ['join p50 (ms): page + join + socket + snapshot', o.p50Ms, b.p50Ms, ratio(o.p50Ms, b.p50Ms)],
      ['join p99 (ms)', o.p99Ms, b.p99Ms, ratio(o.p99Ms, b.p99Ms)],
      ['server CPU (s)', o.cpuSeconds, b.cpuSeconds, ratio(o.cpuSeconds, b.cpuSeconds)],
      ['server peak RSS (MB)', o.peakRssMb, b.peakRssMb, ratio(o.peakRssMb, b.peakRssMb)],
      ['challenges solved before the window (s)', o.solveSeconds, b.solveSeconds, ''],
    ],
  };
}
