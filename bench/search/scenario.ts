/**
 * search: 200,000 posts and 20,000 questions in one event; 50 moderators searching (each
 * searches posts and questions at once, reads for about a second, searches again) for 20 s.
 * Reports search latency p50/p99 over HTTP, then what keeping the index costs the write path:
 * REST ingest at 1,000 posts/s with the index, with the index while people search, and with
 * the index's triggers dropped (the baseline). Also, at the SQL level, the same queries as the
 * LIKE substring scan that FTS5 replaced.
 *
 * `--scale=0.1` seeds a tenth of the items, `--seconds=5` shortens each phase: for a quick look
 * on a shared machine. Reported runs use the defaults.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { toFtsQuery } from '../../shared/search.ts';
import { EVERY_ID, hitsCte } from '../../server/search/index.ts';
import { INGEST } from '../ingest/scenario.ts';
import {
  api,
  BENCH_ADMIN_TOKEN,
  ROOT,
  startBackchannel,
  type RunningServer,
} from '../lib/process.ts';
import { percentile, ratio, round } from '../lib/stats.ts';
import { startWorker } from '../lib/workers.ts';
import { postText, questionText, random, searchQuery } from './corpus.ts';

function flag(name: string, fallback: number): number {
  const found = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  return found ? Number(found.split('=')[1]) : fallback;
}

export const SEARCH = {
  posts: 200_000,
  questions: 20_000,
  searchers: 50,
  thinkMs: 1000,
  durationMs: 20_000,
  ingestPerSecond: INGEST.ratePerSecond,
};

interface Target {
  dataDir: string;
  eventId: number;
  moderatorKey: string;
  apiKey: string;
}

/** Creates the event through the API, then seeds the items straight into the file. */
async function prepare(posts: number, questions: number): Promise<Target & { seedMs: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'backchannel-bench-search-'));
  const server = await startBackchannel({ DATA_DIR: dataDir });
  let target: Target;
  let sessionIds: number[];
  try {
    const created = await api<{ event: { id: number }; moderatorKey: string; apiKey: string }>(
      server.url,
      'POST',
      '/api/events',
      BENCH_ADMIN_TOKEN,
      { name: 'Search', settings: { postModeration: 'post' } },
    );
    target = {
      dataDir,
      eventId: created.event.id,
      moderatorKey: created.moderatorKey,
      apiKey: created.apiKey,
    };
    sessionIds = [];
    for (let i = 0; i < 20; i++) {
      const { session } = await api<{ session: { id: number } }>(
        server.url,
        'POST',
        `/api/events/${target.eventId}/sessions`,
        created.moderatorKey,
        { title: `Talk ${i + 1}`, room: `Room ${(i % 4) + 1}` },
      );
      sessionIds.push(session.id);
    }
  } finally {
    await server.stop();
  }
  const db = new Database(join(dataDir, 'backchannel.db'));
  const rand = random(42);
  const at = new Date().toISOString();
  const insertPost = db.prepare(
    `INSERT INTO posts (event_id, source, source_id, text, author_name, author_handle, status, created_at, updated_at, author_key)
     VALUES (?, 'x', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertQuestion = db.prepare(
    `INSERT INTO questions (event_id, session_id, text, author_name, anonymous, status, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const started = performance.now();
  db.transaction(() => {
    for (let i = 0; i < posts; i++) {
      const handle = `user${Math.floor(rand() * 5000)}`;
      insertPost.run(
        target.eventId,
        `seed-${i}`,
        postText(rand),
        `Person ${handle}`,
        handle,
        rand() < 0.8 ? 'approved' : 'pending',
        at,
        at,
        `x:${handle}`,
      );
    }
    for (let i = 0; i < questions; i++) {
      const anonymous = rand() < 0.3 ? 1 : 0;
      insertQuestion.run(
        target.eventId,
        sessionIds[i % sessionIds.length],
        questionText(rand),
        anonymous ? null : `Asker ${i % 3000}`,
        anonymous,
        rand() < 0.7 ? 'approved' : 'answered',
        at,
      );
    }
  })();
  const seedMs = performance.now() - started;
  db.close();
  return { ...target, seedMs };
}

/** The same queries at the SQL level: FTS5 as the server runs it, and the LIKE scan it replaced. */
function sqlLevel(file: string, eventId: number, samples: number) {
  const db = new Database(file, { readonly: true });
  try {
    const fts = db.prepare(
      `WITH ${hitsCte('post')} SELECT p.* FROM hits JOIN posts p ON p.id = hits.id
       WHERE p.event_id = @eventId ORDER BY hits.score, p.id DESC LIMIT 21`,
    );
    const like = db.prepare(
      `SELECT * FROM posts WHERE event_id = ? AND (lower(text) LIKE ? OR lower(author_name) LIKE ?)
       ORDER BY id DESC LIMIT 21`,
    );
    const rand = random(7);
    const ftsMs: number[] = [];
    const likeMs: number[] = [];
    for (let i = 0; i < samples; i++) {
      const query = searchQuery(rand);
      const match = toFtsQuery(query)!;
      let t0 = performance.now();
      fts.all({ eventId, match, uptopost: EVERY_ID });
      ftsMs.push(performance.now() - t0);
      // The substring scan had no phrases, prefixes or OR: it looks for the first word.
      const word = `%${query.replace(/["*]/g, '').split(' ')[0]!.toLowerCase()}%`;
      t0 = performance.now();
      like.all(eventId, word, word);
      likeMs.push(performance.now() - t0);
    }
    return { ftsMs, likeMs };
  } finally {
    db.close();
  }
}

interface Phase {
  searchMs: number[];
  searchFailures: number;
  searchesWithHits: number;
  ackMs: number[];
  acked: number;
  ingestFailures: number;
  cpuSeconds: number;
}

async function phase(
  server: RunningServer,
  target: Target,
  options: { search: boolean; ingest: boolean; durationMs: number; searchers: number },
): Promise<Phase> {
  const searchWorker = options.search
    ? startWorker(join(ROOT, 'bench', 'search', 'worker.ts'))
    : null;
  const ingestWorkers = options.ingest
    ? Array.from({ length: INGEST.workers }, () =>
        startWorker(join(ROOT, 'bench', 'ingest', 'worker.ts')),
      )
    : [];
  try {
    const before = server.usage();
    searchWorker?.send({
      type: 'go',
      setup: {
        url: server.url,
        eventId: target.eventId,
        token: target.moderatorKey,
        searchers: options.searchers,
        thinkMs: SEARCH.thinkMs,
        durationMs: options.durationMs,
        seed: 1,
      },
    });
    ingestWorkers.forEach((worker, i) =>
      worker.send({
        type: 'go',
        setup: {
          url: server.url,
          path: `/api/events/${target.eventId}/posts`,
          token: target.apiKey,
          ratePerSecond: SEARCH.ingestPerSecond / INGEST.workers,
          durationMs: options.durationMs,
          connections: INGEST.connections / INGEST.workers,
          prefix: `s${Date.now()}-${i}`,
        },
      }),
    );
    const [searched, ...ingested] = await Promise.all([
      searchWorker
        ? searchWorker.next<{ latencies: number[]; failures: number; hits: number }>(
            'done',
            options.durationMs + 60_000,
          )
        : Promise.resolve({ latencies: [], failures: 0, hits: 0 }),
      ...ingestWorkers.map((worker) =>
        worker.next<{ latencies: number[]; acked: string[]; failures: number }>(
          'done',
          options.durationMs + 60_000,
        ),
      ),
    ]);
    const after = server.usage();
    return {
      searchMs: searched!.latencies,
      searchFailures: searched!.failures,
      searchesWithHits: searched!.hits,
      ackMs: ingested.flatMap((d) => d.latencies),
      acked: ingested.reduce((sum, d) => sum + d.acked.length, 0),
      ingestFailures: ingested.reduce((sum, d) => sum + d.failures, 0),
      cpuSeconds: round(after.cpuSeconds - before.cpuSeconds, 2),
    };
  } finally {
    searchWorker?.close();
    ingestWorkers.forEach((worker) => worker.close());
  }
}

const p = (values: number[], at: number) => round(percentile(values, at), 2);

export async function runSearch() {
  const scale = flag('scale', 1);
  const durationMs = flag('seconds', SEARCH.durationMs / 1000) * 1000;
  const posts = Math.round(SEARCH.posts * scale);
  const questions = Math.round(SEARCH.questions * scale);
  const target = await prepare(posts, questions);
  const file = join(target.dataDir, 'backchannel.db');
  try {
    const sql = sqlLevel(file, target.eventId, 200);
    const env = { DATA_DIR: target.dataDir };
    let server = await startBackchannel(env);
    let searchOnly: Phase;
    let ingestIndexed: Phase;
    let both: Phase;
    try {
      const run = (search: boolean, ingest: boolean) =>
        phase(server, target, { search, ingest, durationMs, searchers: SEARCH.searchers });
      searchOnly = await run(true, false);
      ingestIndexed = await run(false, true);
      both = await run(true, true);
    } finally {
      await server.stop();
    }
    // The baseline write path: the same server and data without the index's triggers.
    const db = new Database(file);
    for (const name of db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search_%'")
      .pluck()
      .all() as string[])
      db.exec(`DROP TRIGGER ${name}`);
    db.close();
    server = await startBackchannel(env);
    let ingestBare: Phase;
    try {
      ingestBare = await phase(server, target, {
        search: false,
        ingest: true,
        durationMs,
        searchers: 0,
      });
    } finally {
      await server.stop();
    }
    const options = { ...SEARCH, posts, questions, durationMs, seedMs: round(target.seedMs) };
    const searches = (x: Phase) =>
      `${x.searchMs.length} (${x.searchFailures} failed, ${x.searchesWithHits} with hits)`;
    return {
      scenario: 'search',
      options,
      results: { sql, searchOnly, ingestIndexed, both, ingestBare },
      table: [
        ['metric', 'FTS5 (ours)', 'baseline', 'ratio (ours / baseline)'],
        [`items seeded (posts + questions)`, `${posts} + ${questions}`, '', ''],
        [
          'SQL: a search, p50 (ms) vs LIKE scan',
          p(sql.ftsMs, 50),
          p(sql.likeMs, 50),
          ratio(p(sql.ftsMs, 50), p(sql.likeMs, 50)),
        ],
        [
          'SQL: a search, p99 (ms) vs LIKE scan',
          p(sql.ftsMs, 99),
          p(sql.likeMs, 99),
          ratio(p(sql.ftsMs, 99), p(sql.likeMs, 99)),
        ],
        [`HTTP searches, ${SEARCH.searchers} searchers`, searches(searchOnly), '', ''],
        [
          'HTTP search p50 / p99 (ms)',
          `${p(searchOnly.searchMs, 50)} / ${p(searchOnly.searchMs, 99)}`,
          '',
          '',
        ],
        [
          'HTTP search p50 / p99 while ingesting (ms)',
          `${p(both.searchMs, 50)} / ${p(both.searchMs, 99)}`,
          '',
          '',
        ],
        [
          `ingest ack p50 (ms), ${SEARCH.ingestPerSecond}/s, vs no index`,
          p(ingestIndexed.ackMs, 50),
          p(ingestBare.ackMs, 50),
          ratio(p(ingestIndexed.ackMs, 50), p(ingestBare.ackMs, 50)),
        ],
        [
          'ingest ack p99 (ms) vs no index',
          p(ingestIndexed.ackMs, 99),
          p(ingestBare.ackMs, 99),
          ratio(p(ingestIndexed.ackMs, 99), p(ingestBare.ackMs, 99)),
        ],
        [
          'ingest ack p99 (ms) while searching',
          p(both.ackMs, 99),
          p(ingestBare.ackMs, 99),
          ratio(p(both.ackMs, 99), p(ingestBare.ackMs, 99)),
        ],
        [
          'ingest acked / failed',
          `${ingestIndexed.acked} / ${ingestIndexed.ingestFailures}`,
          `${ingestBare.acked} / ${ingestBare.ingestFailures}`,
          '',
        ],
        [
          'server CPU (s), ingest phase',
          ingestIndexed.cpuSeconds,
          ingestBare.cpuSeconds,
          ratio(ingestIndexed.cpuSeconds, ingestBare.cpuSeconds),
        ],
      ],
    };
  } finally {
    rmSync(target.dataDir, { recursive: true, force: true });
  }
}
