/**
 * sources: the three networks at once, through the fakes, into one event shown on one screen.
 * X emits 100 posts/s (filtered stream), Bluesky 200/s (Jetstream), Mastodon 50/s over two
 * instances (a fifth of them seen on both, with two ids and one uri), for 30 s; each stream is
 * cut twice (X and Jetstream dropped, each Mastodon instance answering 503 twice). Backchannel
 * runs as a real server; a public screen records when each post reaches it. Reported per
 * network: lost and doubled on the screen and in storage (target 0 / 0), and emission → screen
 * p50/p99 (target p99 < 500 ms for the streams, < poll interval + 1 s for Mastodon).
 * `--duration=S` and `--scale=F` shrink it for a shared machine.
 */
import { performance } from 'node:perf_hooks';
import { io as connect } from 'socket.io-client';
import { startFakeBluesky } from '../../server/sources/bluesky/fake/server.ts';
import { startFakeMastodon } from '../../server/sources/mastodon/fake/server.ts';
import { startFakeX } from '../../server/sources/x/fake/server.ts';
import { api, BENCH_ADMIN_TOKEN, startBackchannel } from '../lib/process.ts';
import { percentile, round } from '../lib/stats.ts';

export const SOURCES_BENCH = {
  xPerSecond: 100,
  blueskyPerSecond: 200,
  mastodonPerSecond: 50,
  durationMs: 30_000,
  drops: 2,
  mastodonPollSeconds: 5,
  settleMs: 20_000,
};

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
function words(n: number): string {
  const out: string[] = [];
  do {
    out.push(WORDS[n % WORDS.length]!);
    n = Math.floor(n / WORDS.length);
  } while (n > 0);
  return out.join(' ');
}

type Network = 'x' | 'bluesky' | 'mastodon';
const NETWORKS: Network[] = ['x', 'bluesky', 'mastodon'];

function flag(name: string): number | null {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = arg ? Number(arg.split('=')[1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : null;
}

export async function runSources(base = SOURCES_BENCH): Promise<{
  scenario: 'sources';
  table: (string | number)[][];
  [key: string]: unknown;
}> {
  const scale = flag('scale') ?? 1;
  const options = {
    ...base,
    xPerSecond: Math.max(1, Math.round(base.xPerSecond * scale)),
    blueskyPerSecond: Math.max(1, Math.round(base.blueskyPerSecond * scale)),
    mastodonPerSecond: Math.max(1, Math.round(base.mastodonPerSecond * scale)),
    durationMs: (flag('duration') ?? base.durationMs / 1000) * 1000,
  };
  const x = await startFakeX();
  const bluesky = await startFakeBluesky();
  const mastodon = [await startFakeMastodon(), await startFakeMastodon()];
  const server = await startBackchannel({
    X_BEARER_TOKEN: 'bench-bearer-token-for-the-fake-x',
    X_API_BASE: x.url,
    X_MODE: 'stream',
    BLUESKY_JETSTREAM_URL: bluesky.jetstreamUrl,
    BLUESKY_APPVIEW_URL: bluesky.url,
    MASTODON_INSTANCES: mastodon.map((m) => m.url).join(','),
    MASTODON_POLL_SECONDS: String(options.mastodonPollSeconds),
    ALLOW_PRIVATE_SOURCE_ADDRESSES: 'true',
  });
  let socket: ReturnType<typeof connect> | null = null;
  try {
    const created = await api<{
      event: { id: number; code: string };
      moderatorKey: string;
    }>(server.url, 'POST', '/api/events', BENCH_ADMIN_TOKEN, {
      name: 'Sources bench',
      hashtags: ['srcbench'],
      settings: { postModeration: 'post' },
    });
    for (let waited = 0; ; waited += 50) {
      const ready =
        x.rules().length > 0 &&
        x.streams().live === 1 &&
        bluesky.connections().live === 1 &&
        mastodon.every((m) => m.requests.some((r) => r.path.includes('srcbench')));
      if (ready) break;
      if (waited > 15_000) throw new Error('the sources never connected to the fakes');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const arrivals = new Map<string, { postIds: Set<number>; firstAt: number }>();
    const record = (post: { id: number; source: string; sourceId: string | null }, at: number) => {
      if (!post.sourceId) return;
      const key = `${post.source} ${post.sourceId}`;
      const entry = arrivals.get(key);
      if (entry) entry.postIds.add(post.id);
      else arrivals.set(key, { postIds: new Set([post.id]), firstAt: at });
    };
    socket = connect(server.url, {
      auth: { eventCode: created.event.code },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    type Wire = { id: number; source: string; sourceId: string | null };
    socket.on('posts:changed', (batch: { upserted: Wire[] }) => {
      const at = Date.now();
      for (const post of batch.upserted) record(post, at);
    });
    socket.on('post:created', (post: Wire) => record(post, Date.now()));
    await new Promise<void>((resolve, reject) => {
      socket!.once('event:snapshot', () => resolve());
      socket!.once('connect_error', reject);
    });

    const emitted = new Map<string, { network: Network; at: number }>();
    const rate = {
      x: options.xPerSecond,
      bluesky: options.blueskyPerSecond,
      mastodon: options.mastodonPerSecond,
    };
    const totals = Object.fromEntries(
      NETWORKS.map((n) => [n, Math.round((rate[n] * options.durationMs) / 1000)]),
    ) as Record<Network, number>;
    const sent: Record<Network, number> = { x: 0, bluesky: 0, mastodon: 0 };
    const dropsAt = Array.from(
      { length: options.drops },
      (_, i) => ((i + 1) * options.durationMs) / (options.drops + 1),
    );
    let dropsDone = 0;
    const openedBefore = {
      x: x.streams().opened,
      bluesky: bluesky.connections().opened,
    };
    const before = server.usage();
    const started = performance.now();
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const elapsed = performance.now() - started;
        if (dropsDone < dropsAt.length && elapsed >= dropsAt[dropsDone]!) {
          dropsDone += 1;
          x.dropStream();
          bluesky.drop();
          for (const m of mastodon) m.failNext(2, 503);
        }
        for (const network of NETWORKS) {
          const due = Math.min(totals[network], Math.floor((elapsed * rate[network]) / 1000));
          while (sent[network] < due) {
            const n = sent[network]++;
            const text = `Live from the bench, ${words(n)}`;
            if (network === 'x') {
              const { tweet } = x.emit({
                text: `${text} #srcbench`,
                author: {
                  username: `bench${n % 50}`,
                  name: `Bench author ${n % 50}`,
                },
              });
              emitted.set(`x ${tweet.id}`, { network, at: Date.now() });
            } else if (network === 'bluesky') {
              const { uri } = bluesky.post({
                author: {
                  handle: `bench${n % 50}.bsky.social`,
                  displayName: `Bench ${n % 50}`,
                },
                text: `${text} #srcbench`,
              });
              emitted.set(`bluesky ${uri}`, { network, at: Date.now() });
            } else {
              const home = mastodon[n % 2]!;
              const toot = home.post({
                account: { username: `bench${n % 50}` },
                html: `<p>${text} <a href="#" class="mention hashtag">#<span>srcbench</span></a></p>`,
                tags: ['srcbench'],
              });
              if (n % 5 === 0) mastodon[(n + 1) % 2]!.federate(toot);
              emitted.set(`mastodon ${toot.uri}`, { network, at: Date.now() });
            }
          }
        }
        if (NETWORKS.every((n) => sent[n] >= totals[n])) {
          clearInterval(timer);
          resolve();
        }
      }, 5);
    });
    const emittedAt = Date.now();
    while (arrivals.size < emitted.size && Date.now() - emittedAt < options.settleMs)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = server.usage();

    const stored = new Map<string, number>();
    let cursor: string | null = null;
    do {
      const page: {
        posts: Array<{ source: string; sourceId: string | null }>;
        nextCursor: string | null;
      } = await api(
        server.url,
        'GET',
        `/api/events/${created.event.id}/moderation/posts?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        created.moderatorKey,
      );
      for (const post of page.posts) {
        if (!post.sourceId) continue;
        const key = `${post.source} ${post.sourceId}`;
        stored.set(key, (stored.get(key) ?? 0) + 1);
      }
      cursor = page.nextCursor;
    } while (cursor);

    const per = Object.fromEntries(
      NETWORKS.map((n) => [
        n,
        {
          emitted: 0,
          lost: 0,
          doubled: 0,
          lostStored: 0,
          doubledStored: 0,
          ms: [] as number[],
        },
      ]),
    ) as Record<
      Network,
      {
        emitted: number;
        lost: number;
        doubled: number;
        lostStored: number;
        doubledStored: number;
        ms: number[];
      }
    >;
    for (const [key, { network, at }] of emitted) {
      const row = per[network];
      row.emitted += 1;
      const arrival = arrivals.get(key);
      if (!arrival) row.lost += 1;
      else {
        row.doubled += arrival.postIds.size - 1;
        row.ms.push(arrival.firstAt - at);
      }
      const count = stored.get(key) ?? 0;
      if (count === 0) row.lostStored += 1;
      row.doubledStored += Math.max(0, count - 1);
    }
    const result = Object.fromEntries(
      NETWORKS.map((n) => {
        const { ms, ...rest } = per[n];
        return [
          n,
          {
            ...rest,
            p50Ms: round(percentile(ms, 50)),
            p99Ms: round(percentile(ms, 99)),
          },
        ];
      }),
    ) as Record<Network, Omit<(typeof per)['x'], 'ms'> & { p50Ms: number; p99Ms: number }>;
    const reconnects = {
      x: x.streams().opened - openedBefore.x,
      bluesky: bluesky.connections().opened - openedBefore.bluesky,
    };
    const target = {
      x: 'p99 < 500',
      bluesky: 'p99 < 500',
      mastodon: `p99 < ${options.mastodonPollSeconds * 1000 + 1000}`,
    };
    return {
      scenario: 'sources',
      options: { ...options, scale },
      result: {
        ...result,
        reconnects,
        cpuSeconds: round(after.cpuSeconds - before.cpuSeconds, 2),
        peakRssMb: round(after.peakRssMb),
      },
      table: [
        [
          'network',
          'emitted (rate)',
          'lost / doubled screen',
          'lost / doubled stored',
          'p50 / p99 ms',
          'target',
        ],
        ...NETWORKS.map((n) => [
          n,
          `${result[n].emitted} (${rate[n]}/s)`,
          `${result[n].lost} / ${result[n].doubled}`,
          `${result[n].lostStored} / ${result[n].doubledStored}`,
          `${result[n].p50Ms} / ${result[n].p99Ms}`,
          `0 / 0, ${target[n]}`,
        ]),
        [
          'drops',
          `${options.drops} each (X ${reconnects.x}, Bluesky ${reconnects.bluesky} reconnects)`,
          '',
          '',
          '',
          '',
        ],
        [
          'server CPU (s) / peak RSS (MB)',
          `${round(after.cpuSeconds - before.cpuSeconds, 2)} / ${round(after.peakRssMb)}`,
          '',
          '',
          '',
          '',
        ],
      ],
    };
  } finally {
    socket?.close();
    await server.stop();
    await Promise.all([x.close(), bluesky.close(), ...mastodon.map((m) => m.close())]);
  }
}
