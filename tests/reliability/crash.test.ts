/**
 * kill -9 in the middle of a stream of writes, again and again. Every write the server
 * acknowledged must survive, exactly once; writes cut off mid-flight are retried with their
 * idempotency keys after the restart, as a client would, and must not double.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { joinOverHttp, sleep, tempDataDir } from '../helper.ts';
import { bannerValue, killHard, startServer, type RunningServer } from './server-process.ts';

const dataDir = tempDataDir();
const CYCLES = 6;
const ATTENDEES_PER_CYCLE = 8;
let current: RunningServer | null = null;

afterAll(async () => {
  if (current) await killHard(current);
  rmSync(dataDir, { recursive: true, force: true });
});

type Outcome = 'acked' | 'unknown';
/** A vote pair's last acknowledged state, and the operation cut off by a kill, if any. */
interface VotePair {
  questionId: number;
  attendeeId: number;
  token: string;
  voted: boolean;
  pending: boolean | null;
}

const ledger = {
  posts: new Map<string, Outcome>(),
  questions: new Map<
    string,
    { token: string; attendeeId: number; clientId: string; outcome: Outcome; id?: number }
  >(),
  votes: new Map<string, VotePair>(),
  /** Answers that are neither an acknowledgement nor an expected refusal (429, 409). */
  surprises: [] as string[],
};

let base = '';
let apiKey = '';
let sessionId = 0;

async function send(method: string, path: string, token: string, body?: object): Promise<Response> {
  return fetch(`${base}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(5000),
  });
}

function surprise(what: string, res: Response) {
  if (res.status !== 429 && res.status !== 409) ledger.surprises.push(`${what}: ${res.status}`);
}

async function post(sourceId: string): Promise<boolean> {
  const res = await send('POST', '/events/1/posts', apiKey, {
    text: `Crash test post ${sourceId}`,
    sourceId,
  });
  if (res.status === 201 || res.status === 200) {
    ledger.posts.set(sourceId, 'acked');
    return true;
  }
  surprise(`post ${sourceId}`, res);
  return false;
}

async function ask(key: string): Promise<void> {
  const entry = ledger.questions.get(key)!;
  const res = await send('POST', `/sessions/${sessionId}/questions`, entry.token, {
    text: `Does ${entry.clientId} survive a crash?`,
    clientId: entry.clientId,
  });
  if (res.status === 201 || res.status === 200) {
    entry.outcome = 'acked';
    entry.id = ((await res.json()) as { id: number }).id;
  } else {
    surprise(`question ${key}`, res);
    if (res.status < 500) ledger.questions.delete(key);
  }
}

async function toggle(pair: VotePair, on: boolean): Promise<void> {
  pair.pending = on;
  const res = await send(on ? 'PUT' : 'DELETE', `/questions/${pair.questionId}/vote`, pair.token);
  if (res.status === 200) pair.voted = on;
  else surprise(`vote ${pair.questionId}`, res);
  pair.pending = null;
}

/** After a restart: finish what the kill cut off, with the same idempotency keys. */
async function retryUnknown(): Promise<void> {
  for (const [sourceId, outcome] of ledger.posts)
    if (outcome === 'unknown') expect(await post(sourceId)).toBe(true);
  for (const [key, entry] of ledger.questions) if (entry.outcome === 'unknown') await ask(key);
  for (const pair of ledger.votes.values())
    if (pair.pending !== null) await toggle(pair, pair.pending);
}

async function joinAsAttendee(): Promise<{ token: string; attendeeId: number }> {
  return joinOverHttp(base, 'CRASH1');
}

async function start(): Promise<void> {
  current = await startServer(dataDir, { EVENT_CODE: 'CRASH1' });
  base = current.url;
  apiKey = bannerValue(current.banner, 'API key');
  const sessions = (await (await fetch(`${base}/api/events/1/sessions`)).json()) as {
    sessions: Array<{ id: number }>;
  };
  sessionId = sessions.sessions[0]!.id;
}

/** Writes until the server dies under them. */
async function writeUntilKilled(cycle: number, acksBeforeKill: number): Promise<number> {
  let stopped = false;
  let acks = 0;
  const loop = async (step: (n: number) => Promise<void>) => {
    for (let n = 0; !stopped; n++) {
      try {
        await step(n);
      } catch {
        return; // the connection died with the server
      }
    }
  };
  const posters = [0, 1, 2].map((w) =>
    loop(async (n) => {
      const sourceId = `crash-${cycle}-${w}-${n}`;
      ledger.posts.set(sourceId, 'unknown');
      if (await post(sourceId)) acks++;
    }),
  );
  const attendees = await Promise.all(
    Array.from({ length: ATTENDEES_PER_CYCLE }, () => joinAsAttendee()),
  );
  const askersAndVoters = attendees.map(({ token, attendeeId }) =>
    loop(async (n) => {
      // Questions between votes, so a kill can cut either off.
      if (n % 4 === 0 && n < 12) {
        const clientId = `crash-q-${cycle}-${attendeeId}-${n}`;
        const key = `${attendeeId}:${clientId}`;
        ledger.questions.set(key, { token, attendeeId, clientId, outcome: 'unknown' });
        await ask(key);
        if (ledger.questions.get(key)?.outcome === 'acked') acks++;
        return;
      }
      const asked = [...ledger.questions.values()].filter((q) => q.id !== undefined);
      const target = asked[Math.floor(Math.random() * asked.length)];
      if (!target) {
        await sleep(5); // nothing to vote on yet; give the event loop back
        return;
      }
      const key = `${target.id}:${attendeeId}`;
      const pair = ledger.votes.get(key) ?? {
        questionId: target.id!,
        attendeeId,
        token,
        voted: false,
        pending: null,
      };
      ledger.votes.set(key, pair);
      await toggle(pair, !pair.voted);
      acks++;
    }),
  );
  const writers = [...posters, ...askersAndVoters];
  const deadline = Date.now() + 10_000;
  while (acks < acksBeforeKill && Date.now() < deadline) await sleep(5);
  await sleep(Math.floor(Math.random() * 150));
  await killHard(current!);
  current = null;
  stopped = true;
  await Promise.all(writers);
  return acks;
}

describe('kill -9 under a stream of writes', () => {
  it(`keeps every acknowledged post, question and vote, exactly once, across ${CYCLES} crashes`, async () => {
    let killedWith = 0;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      await start();
      await retryUnknown();
      // Kill at a different depth each time, always with requests in flight.
      await writeUntilKilled(cycle, 40 + cycle * 25);
      killedWith += [...ledger.posts.values()].filter((o) => o === 'unknown').length;
    }
    await start();
    await retryUnknown();
    const stopping = current!;
    stopping.child.kill('SIGTERM');
    expect((await stopping.exited).code).toBe(0);
    current = null;

    expect(ledger.surprises).toEqual([]);
    // The kills did cut requests off mid-flight, or this proved nothing.
    expect(killedWith).toBeGreaterThan(0);

    const db = new Database(join(dataDir, 'backchannel.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

      const posts = db
        .prepare(
          "SELECT source_id, count(*) AS n FROM posts WHERE source = 'api' GROUP BY source_id",
        )
        .all() as Array<{ source_id: string; n: number }>;
      const stored = new Map(posts.map((row) => [row.source_id, row.n]));
      expect(ledger.posts.size).toBeGreaterThan(0);
      expect([...ledger.posts.values()].every((o) => o === 'acked')).toBe(true);
      expect([...ledger.posts.keys()].filter((id) => stored.get(id) !== 1)).toEqual([]);
      expect(posts.length).toBe(ledger.posts.size);

      const questions = db
        .prepare('SELECT id, attendee_id, client_id FROM questions')
        .all() as Array<{ id: number; attendee_id: number; client_id: string }>;
      const byKey = new Map(questions.map((q) => [`${q.attendee_id}:${q.client_id}`, q.id]));
      expect(questions.length).toBe(ledger.questions.size);
      for (const [key, entry] of ledger.questions) {
        expect(entry.outcome, key).toBe('acked');
        expect(byKey.get(key), key).toBe(entry.id);
      }

      const counters = db
        .prepare(
          'SELECT q.id, q.votes, (SELECT count(*) FROM votes v WHERE v.question_id = q.id) AS rows FROM questions q',
        )
        .all() as Array<{ id: number; votes: number; rows: number }>;
      expect(counters.filter((q) => q.votes !== q.rows)).toEqual([]);
      const rows = new Set(
        (
          db.prepare('SELECT question_id, attendee_id FROM votes').all() as Array<{
            question_id: number;
            attendee_id: number;
          }>
        ).map((v) => `${v.question_id}:${v.attendee_id}`),
      );
      const wanted = new Set(
        [...ledger.votes.entries()].filter(([, pair]) => pair.voted).map(([key]) => key),
      );
      expect([...wanted].filter((key) => !rows.has(key))).toEqual([]);
      expect([...rows].filter((key) => !wanted.has(key))).toEqual([]);
      expect(wanted.size).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  }, 120_000);
});
