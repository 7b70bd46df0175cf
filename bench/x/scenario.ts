/**
 * x: the fake X stream emits 200 tweets a second for 20 s under one event's hashtag, and cuts
 * the stream twice (at a third and two thirds). Backchannel runs as a real server in X stream
 * mode pointed at the fake; a screen (socket.io, no credential, the event in post moderation)
 * records when each tweet reaches it. Reported: tweets lost or doubled on the screen and in
 * storage (target 0 and 0), and latency from emission to the screen (target p99 < 500 ms),
 * with the tweets said during the drops (back-filled by recent search) shown apart.
 */
import { performance } from 'node:perf_hooks';
import { io as connect } from 'socket.io-client';
import { startFakeX } from '../../server/sources/x/fake/server.ts';
import { api, BENCH_ADMIN_TOKEN, startBackchannel } from '../lib/process.ts';
import { percentile, round } from '../lib/stats.ts';

export const X_BENCH = { perSecond: 200, durationMs: 20_000, drops: 2, settleMs: 15_000 };

/**
 * A unique text per tweet with no digits: the profanity filter reads leetspeak ("455" is
 * "ass"), and a held post never reaches a screen, which would look like a lost tweet.
 */
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
function words(n: number): string {
  const out: string[] = [];
  do {
    out.push(WORDS[n % WORDS.length]!);
    n = Math.floor(n / WORDS.length);
  } while (n > 0);
  return out.join(' ');
}

interface Arrival {
  postIds: Set<number>;
  firstAt: number;
}

export async function runX(
  options = X_BENCH,
): Promise<{ scenario: 'x'; table: (string | number)[][]; [key: string]: unknown }> {
  const fake = await startFakeX();
  const server = await startBackchannel({
    X_BEARER_TOKEN: 'bench-bearer-token-for-the-fake-x',
    X_API_BASE: fake.url,
    X_MODE: 'stream',
  });
  const screen = { socket: null as ReturnType<typeof connect> | null };
  try {
    const created = await api<{ event: { id: number; code: string }; moderatorKey: string }>(
      server.url,
      'POST',
      '/api/events',
      BENCH_ADMIN_TOKEN,
      {
        name: 'X bench',
        hashtags: ['xbench'],
        settings: { postModeration: 'post' },
      },
    );
    const tag = `event:${created.event.id}`;
    for (
      let waited = 0;
      !(fake.rules().some((rule) => rule.tag === tag) && fake.streams().live === 1);
      waited += 50
    ) {
      if (waited > 10_000) throw new Error('the X source never connected to the fake stream');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    // The big screen: public, no credential. Whichever wall protocol the server speaks.
    const arrivals = new Map<string, Arrival>();
    let messages = 0;
    const record = (post: { id: number; source: string; sourceId: string | null }, at: number) => {
      if (post.source !== 'x' || !post.sourceId) return;
      const entry = arrivals.get(post.sourceId);
      if (entry) entry.postIds.add(post.id);
      else arrivals.set(post.sourceId, { postIds: new Set([post.id]), firstAt: at });
    };
    const socket = connect(server.url, {
      auth: { eventCode: created.event.code },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    screen.socket = socket;
    socket.on(
      'posts:changed',
      (batch: { upserted: Array<{ id: number; source: string; sourceId: string | null }> }) => {
        const at = Date.now();
        messages += 1;
        for (const post of batch.upserted) record(post, at);
      },
    );
    socket.on('post:created', (post: { id: number; source: string; sourceId: string | null }) => {
      messages += 1;
      record(post, Date.now());
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('event:snapshot', () => resolve());
      socket.once('connect_error', reject);
    });

    const emitted = new Map<string, { at: number; duringDrop: boolean }>();
    const total = Math.round((options.perSecond * options.durationMs) / 1000);
    const dropAt = Array.from({ length: options.drops }, (_, i) =>
      Math.round(((i + 1) * total) / (options.drops + 1)),
    );
    const before = server.usage();
    const openedBefore = fake.streams().opened;
    const started = performance.now();
    await new Promise<void>((resolve) => {
      let sent = 0;
      const timer = setInterval(() => {
        const due = Math.min(
          total,
          Math.floor(((performance.now() - started) * options.perSecond) / 1000),
        );
        while (sent < due) {
          if (dropAt.includes(sent)) fake.dropStream();
          const duringDrop = fake.streams().live === 0;
          const { tweet } = fake.emit({
            text: `Live from the bench, ${words(sent)} #xbench`,
            author: { username: `bench${sent % 50}`, name: `Bench author ${sent % 50}` },
          });
          emitted.set(tweet.id, { at: Date.now(), duringDrop });
          sent += 1;
        }
        if (sent >= total) {
          clearInterval(timer);
          resolve();
        }
      }, 5);
    });
    const emittedAt = Date.now();
    while (arrivals.size < emitted.size && Date.now() - emittedAt < options.settleMs) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = server.usage();

    // What is stored, in every status, through the moderators' list.
    const stored = new Map<string, number>();
    let held = 0;
    let cursor: string | null = null;
    do {
      const page: {
        posts: Array<{ source: string; sourceId: string | null; status: string }>;
        nextCursor: string | null;
      } = await api(
        server.url,
        'GET',
        `/api/events/${created.event.id}/moderation/posts?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        created.moderatorKey,
      );
      for (const post of page.posts) {
        if (post.source !== 'x' || !post.sourceId) continue;
        stored.set(post.sourceId, (stored.get(post.sourceId) ?? 0) + 1);
        if (post.status !== 'approved') held += 1;
      }
      cursor = page.nextCursor;
    } while (cursor);

    let lostOnScreen = 0;
    let doubledOnScreen = 0;
    let lostStored = 0;
    let doubledStored = 0;
    const latencies: number[] = [];
    const dropLatencies: number[] = [];
    for (const [id, { at, duringDrop }] of emitted) {
      const arrival = arrivals.get(id);
      if (!arrival) lostOnScreen += 1;
      else {
        doubledOnScreen += arrival.postIds.size - 1;
        latencies.push(arrival.firstAt - at);
        if (duringDrop) dropLatencies.push(arrival.firstAt - at);
      }
      const count = stored.get(id) ?? 0;
      if (count === 0) lostStored += 1;
      doubledStored += Math.max(0, count - 1);
    }
    const duringDrops = [...emitted.values()].filter((e) => e.duringDrop).length;
    const result = {
      emitted: emitted.size,
      reconnects: fake.streams().opened - openedBefore,
      duringDrops,
      lostOnScreen,
      doubledOnScreen,
      lostStored,
      doubledStored,
      held,
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
      maxMs: round(Math.max(0, ...latencies)),
      dropP50Ms: round(percentile(dropLatencies, 50)),
      dropP99Ms: round(percentile(dropLatencies, 99)),
      screenMessages: messages,
      searches: fake.requests.filter((r) => r.path === '/2/tweets/search/recent').length,
      cpuSeconds: round(after.cpuSeconds - before.cpuSeconds, 2),
      peakRssMb: round(after.peakRssMb),
    };
    return {
      scenario: 'x',
      options,
      result,
      table: [
        ['metric', 'backchannel', 'target'],
        [
          'tweets emitted (rate × duration)',
          `${result.emitted} (${options.perSecond}/s × ${options.durationMs / 1000} s)`,
          '',
        ],
        ['forced stream drops / reconnects', `${options.drops} / ${result.reconnects}`, ''],
        ['tweets said during the drops (back-filled)', result.duringDrops, ''],
        [
          'lost / doubled on the screen',
          `${result.lostOnScreen} / ${result.doubledOnScreen}`,
          '0 / 0',
        ],
        ['lost / doubled in storage', `${result.lostStored} / ${result.doubledStored}`, '0 / 0'],
        ['held by the moderation filters (not on screen)', result.held, '0'],
        [
          'emission → screen p50 / p99 / max (ms)',
          `${result.p50Ms} / ${result.p99Ms} / ${result.maxMs}`,
          'p99 < 500',
        ],
        [
          '  of which said during drops p50 / p99 (ms)',
          `${result.dropP50Ms} / ${result.dropP99Ms}`,
          '',
        ],
        ['recent-search requests (back-fill)', result.searches, ''],
        ['screen messages received', result.screenMessages, ''],
        ['server CPU during the run (s)', result.cpuSeconds, ''],
        ['server peak RSS (MB)', result.peakRssMb, ''],
      ],
    };
  } finally {
    screen.socket?.close();
    await server.stop();
    await fake.close();
  }
}
