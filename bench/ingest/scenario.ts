/**
 * ingest: the REST API receives 1,000 posts per second for 10 s from 50 keep-alive clients (two
 * worker processes). Reports acknowledgement latency and checks that every acknowledged post is
 * stored. Baseline: a bare Fastify route inserting into SQLite.
 */
import Database from 'better-sqlite3';
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

export const INGEST = { ratePerSecond: 1000, durationMs: 10_000, connections: 50, workers: 2 };

interface Result {
  name: string;
  sent: number;
  acked: number;
  failures: number;
  lost: number;
  ackP50Ms: number;
  ackP99Ms: number;
  cpuSeconds: number;
  peakRssMb: number;
}

async function drive(
  name: string,
  server: RunningServer,
  path: string,
  token: string,
  stored: (ids: string[]) => number,
): Promise<Result> {
  const workers = Array.from({ length: INGEST.workers }, () =>
    startWorker(join(ROOT, 'bench', 'ingest', 'worker.ts')),
  );
  try {
    const before = server.usage();
    workers.forEach((worker, i) =>
      worker.send({
        type: 'go',
        setup: {
          url: server.url,
          path,
          token,
          ratePerSecond: INGEST.ratePerSecond / INGEST.workers,
          durationMs: INGEST.durationMs,
          connections: INGEST.connections / INGEST.workers,
          prefix: `w${i}`,
        },
      }),
    );
    const done = await Promise.all(
      workers.map((worker) =>
        worker.next<{ latencies: number[]; acked: string[]; failures: number; sent: number }>(
          'done',
          INGEST.durationMs + 60_000,
        ),
      ),
    );
    const after = server.usage();
    const latencies = done.flatMap((d) => d.latencies);
    const acked = done.flatMap((d) => d.acked);
    const present = stored(acked);
    return {
      name,
      sent: done.reduce((sum, d) => sum + d.sent, 0),
      acked: acked.length,
      failures: done.reduce((sum, d) => sum + d.failures, 0),
      lost: acked.length - present,
      ackP50Ms: round(percentile(latencies, 50), 2),
      ackP99Ms: round(percentile(latencies, 99), 2),
      cpuSeconds: round(after.cpuSeconds - before.cpuSeconds, 2),
      peakRssMb: round(after.peakRssMb),
    };
  } finally {
    workers.forEach((worker) => worker.close());
  }
}

/** Counts how many of the acknowledged source ids are in the database file, read directly. */
function countStored(file: string, table: string, column: string, where: string) {
  return (ids: string[]): number => {
    const db = new Database(file, { readonly: true });
    try {
      const select = db
        .prepare(`SELECT count(*) FROM ${table} WHERE ${where} ${column} = ?`)
        .pluck();
      return ids.reduce((sum, id) => sum + Number(select.get(id)), 0);
    } finally {
      db.close();
    }
  };
}

export async function runIngest() {
  const ours = await startBackchannel();
  let oursResult: Result;
  try {
    const created = await api<{ event: { id: number }; apiKey: string }>(
      ours.url,
      'POST',
      '/api/events',
      BENCH_ADMIN_TOKEN,
      {
        name: 'Ingest',
        settings: { postModeration: 'post' },
      },
    );
    oursResult = await drive(
      'backchannel',
      ours,
      `/api/events/${created.event.id}/posts`,
      created.apiKey,
      countStored(join(ours.dataDir, 'backchannel.db'), 'posts', 'source_id', "source = 'api' AND"),
    );
  } finally {
    await ours.stop();
  }
  const baseline = await startProcess(
    join(ROOT, 'bench', 'baselines', 'minimal-http.ts'),
    {},
    /ready/,
  );
  let baseResult: Result;
  try {
    baseResult = await drive(
      'minimal fastify',
      baseline,
      '/api/events/1/posts',
      'none',
      countStored(join(baseline.dataDir, 'baseline.db'), 'posts', 'source_id', ''),
    );
  } finally {
    await baseline.stop();
  }
  const [o, b] = [oursResult, baseResult];
  return {
    scenario: 'ingest',
    options: INGEST,
    results: [o, b],
    table: [
      ['metric', o.name, b.name, 'ratio (ours / baseline)'],
      [
        'posts sent / acknowledged / failed',
        `${o.sent} / ${o.acked} / ${o.failures}`,
        `${b.sent} / ${b.acked} / ${b.failures}`,
        '',
      ],
      ['acknowledged but not stored', o.lost, b.lost, ''],
      ['ack p50 (ms)', o.ackP50Ms, b.ackP50Ms, ratio(o.ackP50Ms, b.ackP50Ms)],
      ['ack p99 (ms)', o.ackP99Ms, b.ackP99Ms, ratio(o.ackP99Ms, b.ackP99Ms)],
      ['server CPU (s)', o.cpuSeconds, b.cpuSeconds, ratio(o.cpuSeconds, b.cpuSeconds)],
      ['server peak RSS (MB)', o.peakRssMb, b.peakRssMb, ratio(o.peakRssMb, b.peakRssMb)],
    ],
  };
}
