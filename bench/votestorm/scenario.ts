/**
 * votestorm: 5,000 attendee sockets on one session with 20 live questions; each casts 3 votes
 * at random moments within 10 s. Measured against Backchannel and against the naive
 * re-broadcast-every-vote server, in the same run.
 */
import { Agent } from 'node:http';
import { join } from 'node:path';
import { joinAddress, joinWith, solvedAltcha } from '../lib/join.ts';
import { percentile, ratio, round } from '../lib/stats.ts';
import {
  api,
  BENCH_ADMIN_TOKEN,
  pool,
  ROOT,
  startBackchannel,
  startProcess,
  type RunningServer,
} from '../lib/process.ts';
import { startWorker } from '../lib/workers.ts';

export interface VoteStormOptions {
  attendees: number;
  questions: number;
  votesPerClient: number;
  windowMs: number;
  workers: number;
  /** How long after the last vote to wait for every client to show the exact counts. */
  settleMs: number;
}

export const DEFAULTS: VoteStormOptions = {
  attendees: 5000,
  questions: 20,
  votesPerClient: 3,
  windowMs: 10_000,
  workers: 2,
  settleMs: 30_000,
};

export interface StormResult {
  name: string;
  clients: number;
  votesAcked: number;
  voteFailures: number;
  votesNeverAcked: number;
  disconnects: number;
  lost: number;
  doubled: number;
  ackP50Ms: number;
  ackP99Ms: number;
  convergenceMs: number | null;
  clientsNotConverged: number;
  messagesPerClientMean: number;
  messagesPerClientMax: number;
  cpuSeconds: number;
  peakRssMb: number;
}

interface WorkerReport {
  ackMs: number[];
  acked: Array<{ questionId: number; voted: boolean }>;
  failures: number;
  disconnects: number;
  pendingVotes: number;
  messages: number[];
}

interface Target {
  name: string;
  server: RunningServer;
  eventCode: string;
  sessionId: number;
  tokens: string[];
  questionIds: number[];
  counts: () => Promise<Record<string, number>>;
}

async function prepareBackchannel(options: VoteStormOptions): Promise<Target> {
  // Joining is not what this scenario measures: a cheap challenge. Its 5,000 voters joined a
  // moment ago, as a real audience had not: the fresh-identity vote allowance is lifted.
  const server = await startBackchannel({
    JOIN_POW_COST: '1',
    JOIN_POW_MAX: '10',
    FRESH_VOTES: '1000000',
  });
  const created = await api<{ event: { id: number; code: string }; moderatorKey: string }>(
    server.url,
    'POST',
    '/api/events',
    BENCH_ADMIN_TOKEN,
    {
      name: 'Vote storm',
      settings: { questionModeration: 'post' },
    },
  );
  const eventId = created.event.id;
  const { session } = await api<{ session: { id: number } }>(
    server.url,
    'POST',
    `/api/events/${eventId}/sessions`,
    created.moderatorKey,
    {
      title: 'Storm',
      live: true,
    },
  );
  const url = new URL(server.url);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const tokens = await pool(
    Array.from({ length: options.attendees }, (_, i) => i),
    50,
    async (i) => {
      const address = joinAddress(i);
      const altcha = await solvedAltcha(agent, url, created.event.code, address);
      return joinWith(agent, url, created.event.code, altcha, `A${i}`, address);
    },
  );
  const questionIds = await pool(
    Array.from({ length: options.questions }, (_, i) => i),
    10,
    async (i) => {
      const question = await api<{ id: number }>(
        server.url,
        'POST',
        `/api/sessions/${session.id}/questions`,
        tokens[i]!,
        {
          text: `Question number ${i + 1}?`,
        },
      );
      return question.id;
    },
  );
  return {
    name: 'backchannel',
    server,
    eventCode: created.event.code,
    sessionId: session.id,
    tokens,
    questionIds,
    async counts() {
      const list = await api<{ questions: Array<{ id: number; votes: number }> }>(
        server.url,
        'GET',
        `/api/sessions/${session.id}/questions`,
        null,
      );
      return Object.fromEntries(list.questions.map((q) => [String(q.id), q.votes]));
    },
  };
}

async function prepareNaive(options: VoteStormOptions): Promise<Target> {
  const questionIds = Array.from({ length: options.questions }, (_, i) => i + 1);
  const server = await startProcess(
    join(ROOT, 'bench', 'baselines', 'naive-votes.ts'),
    { QUESTION_IDS: questionIds.join(',') },
    /ready/,
  );
  return {
    name: 'naive socket.io',
    server,
    eventCode: 'NAIVE',
    sessionId: 1,
    tokens: Array.from({ length: options.attendees }, (_, i) => `naive-${i}`),
    questionIds,
    counts: async () => api<Record<string, number>>(server.url, 'GET', '/counts', null),
  };
}

async function storm(target: Target, options: VoteStormOptions): Promise<StormResult> {
  const workers = Array.from({ length: options.workers }, () =>
    startWorker(join(ROOT, 'bench', 'votestorm', 'worker.ts')),
  );
  try {
    const share = Math.ceil(target.tokens.length / workers.length);
    const setups = workers.map((_, i) => ({
      url: target.server.url,
      eventCode: target.eventCode,
      sessionId: target.sessionId,
      tokens: target.tokens.slice(i * share, (i + 1) * share),
      questionIds: target.questionIds,
      windowMs: options.windowMs,
      votesPerClient: options.votesPerClient,
    }));
    workers.forEach((worker, i) => worker.send({ type: 'setup', setup: setups[i] }));
    await Promise.all(workers.map((worker) => worker.next('ready', 180_000)));
    const before = target.server.usage();

    const goAt = Date.now();
    workers.forEach((worker, i) => worker.send({ type: 'go', setup: setups[i] }));
    // A design that cannot keep up never acknowledges every vote: give up on it after a bound.
    const voted = await Promise.all(
      workers.map((worker) =>
        worker
          .next<{ lastSentAt: number }>('voted', options.windowMs + options.settleMs)
          .catch(() => null),
      ),
    );
    const finished = voted.every((v) => v !== null);
    const lastVoteAt = finished
      ? Math.max(...voted.map((v) => v!.lastSentAt))
      : goAt + options.windowMs;

    const reports = await Promise.all(
      workers.map((worker) => {
        worker.send({ type: 'report' });
        return worker.next<WorkerReport>('report', 60_000);
      }),
    );
    const expected: Record<string, number> = Object.fromEntries(
      target.questionIds.map((id) => [String(id), 0]),
    );
    for (const { acked } of reports)
      for (const a of acked) if (a.voted) expected[String(a.questionId)]! += 1;

    // Poll until every client shows exactly the expected counts, or the settle window ends.
    let convergenceMs: number | null = null;
    let notConverged = options.attendees;
    const deadline = finished ? lastVoteAt + options.settleMs : 0;
    do {
      const checks = await Promise.all(
        workers.map((worker) => {
          worker.send({ type: 'check', expected });
          return worker.next<{ mismatched: number; lastChangeAt: number }>('checked', 60_000);
        }),
      );
      notConverged = checks.reduce((sum, c) => sum + c.mismatched, 0);
      if (notConverged === 0 && finished) {
        convergenceMs = Math.max(0, Math.max(...checks.map((c) => c.lastChangeAt)) - lastVoteAt);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    } while (Date.now() < deadline);
    const after = target.server.usage();
    const stored = await target.counts();
    let lost = 0;
    let doubled = 0;
    for (const [id, want] of Object.entries(expected)) {
      const got = stored[id] ?? 0;
      if (got < want) lost += want - got;
      if (got > want) doubled += got - want;
    }
    const finalReports = await Promise.all(
      workers.map((worker) => {
        worker.send({ type: 'report' });
        return worker.next<WorkerReport>('report', 60_000);
      }),
    );
    const messages = finalReports.flatMap((r) => r.messages);
    const ackMs = reports.flatMap((r) => r.ackMs);
    return {
      name: target.name,
      clients: messages.length,
      votesAcked: ackMs.length,
      voteFailures: reports.reduce((sum, r) => sum + r.failures, 0),
      votesNeverAcked: finalReports.reduce((sum, r) => sum + r.pendingVotes, 0),
      disconnects: finalReports.reduce((sum, r) => sum + r.disconnects, 0),
      lost,
      doubled,
      ackP50Ms: round(percentile(ackMs, 50)),
      ackP99Ms: round(percentile(ackMs, 99)),
      convergenceMs,
      clientsNotConverged: notConverged,
      messagesPerClientMean: round(
        messages.reduce((a, b) => a + b, 0) / Math.max(1, messages.length),
      ),
      messagesPerClientMax: Math.max(0, ...messages),
      cpuSeconds: round(after.cpuSeconds - before.cpuSeconds, 2),
      peakRssMb: round(after.peakRssMb),
    };
  } finally {
    workers.forEach((worker) => worker.close());
  }
}

export async function runVoteStorm(options: VoteStormOptions = DEFAULTS) {
  const results: StormResult[] = [];
  // --skip-baseline is for tuning runs only; reported figures always include the baseline.
  const targets = process.argv.includes('--skip-baseline')
    ? [prepareBackchannel]
    : [prepareBackchannel, prepareNaive];
  for (const prepare of targets) {
    const target = await prepare(options);
    try {
      results.push(await storm(target, options));
    } finally {
      await target.server.stop();
    }
  }
  const [ours, naive = ours] = results as [StormResult, StormResult?];
  const conv = (r: StormResult) =>
    r.convergenceMs === null
      ? `> ${options.settleMs} (${r.clientsNotConverged} clients behind)`
      : String(r.convergenceMs);
  return {
    scenario: 'votestorm',
    options,
    results,
    table: [
      ['metric', ours.name, naive.name, 'ratio (ours / naive)'],
      ['clients', ours.clients, naive.clients, ''],
      [
        'votes acknowledged / never acknowledged',
        `${ours.votesAcked} / ${ours.votesNeverAcked}`,
        `${naive.votesAcked} / ${naive.votesNeverAcked}`,
        '',
      ],
      ['clients dropped by the server', ours.disconnects, naive.disconnects, ''],
      [
        'votes lost / doubled',
        `${ours.lost} / ${ours.doubled}`,
        `${naive.lost} / ${naive.doubled}`,
        '',
      ],
      ['vote ack p50 (ms)', ours.ackP50Ms, naive.ackP50Ms, ratio(ours.ackP50Ms, naive.ackP50Ms)],
      ['vote ack p99 (ms)', ours.ackP99Ms, naive.ackP99Ms, ratio(ours.ackP99Ms, naive.ackP99Ms)],
      [
        'converged after last vote (ms)',
        conv(ours),
        conv(naive),
        ratio(ours.convergenceMs ?? Number.NaN, naive.convergenceMs ?? Number.NaN),
      ],
      [
        'messages per client (mean / max)',
        `${ours.messagesPerClientMean} / ${ours.messagesPerClientMax}`,
        `${naive.messagesPerClientMean} / ${naive.messagesPerClientMax}`,
        ratio(ours.messagesPerClientMean, naive.messagesPerClientMean),
      ],
      [
        'server CPU during storm (s)',
        ours.cpuSeconds,
        naive.cpuSeconds,
        ratio(ours.cpuSeconds, naive.cpuSeconds),
      ],
      [
        'server peak RSS (MB)',
        ours.peakRssMb,
        naive.peakRssMb,
        ratio(ours.peakRssMb, naive.peakRssMb),
      ],
    ],
  };
}
