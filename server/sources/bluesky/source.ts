/**
 * The Bluesky source: every post under an event's hashtags (or mentioning the event's account),
 * from Jetstream (JSON over a websocket, all public posts; Jetstream cannot filter by hashtag,
 * so posts are matched here by their tag facets, `tags` field and mention facets). It runs
 * while some event takes posts from Bluesky (its source settings, or BLUESKY_JETSTREAM_URL for
 * an event never set) and stops when none does; the cursor stays stored.
 *
 * Gap-free: frames are taken in order, in batches; after each batch the time_us of its last
 * frame is stored (source_cursors). A reconnect, after a drop or a restart, asks Jetstream to
 * replay from that cursor less `rewindMs`; the replayed overlap is skipped by the URI
 * de-duplication (delivery is at least once anyway).
 */
import type { FastifyBaseLogger } from 'fastify';
import WebSocket from 'ws';
import type { BlueskyConfig } from '../../config.ts';
import type { Domain } from '../../context.ts';
import type { Db } from '../../db/database.ts';
import { createSourcesRepository } from '../repository.ts';
import { backoffDelay, createSleeper } from '../retry.ts';
import type { EventSources } from '../settings.ts';
import { createNetworkSink, eventsTagged } from '../sink.ts';
import { createProfileCache } from './profiles.ts';
import {
  Frame,
  mentionsOf,
  POST_COLLECTION,
  PostRecord,
  postUri,
  recordToPost,
  tagsOf,
} from './records.ts';

export const CURSOR_KEY = 'bluesky';
/** Used when an event turns Bluesky on and BLUESKY_JETSTREAM_URL names no instance. */
export const DEFAULT_JETSTREAM = 'wss://jetstream2.us-east.bsky.network';
/** Frames waiting to be taken in; past this the connection is dropped and resumed later. */
const QUEUE_MAX = 20_000;
const BATCH_MAX = 500;
/** Jetstream frames are small; anything this big is not one. */
const FRAME_MAX_BYTES = 1024 * 1024;

export interface BlueskySource {
  readonly enabled: boolean;
  start(): void;
  stop(): Promise<void>;
}

/** One line for the start banner: what runs, for how many events. */
export function describeBluesky(config: BlueskyConfig, events: EventSources[]): string {
  const on = events.filter((event) => event.bluesky.enabled).length;
  const url = config.jetstreamUrl ?? DEFAULT_JETSTREAM;
  if (on === 0)
    return config.jetstreamUrl
      ? `off: no event takes posts from Bluesky (BLUESKY_JETSTREAM_URL=${url})`
      : 'off until an event turns it on in its source settings (or set BLUESKY_JETSTREAM_URL)';
  return `Jetstream ${url} for ${on} of ${events.length} ${events.length === 1 ? 'event' : 'events'}, profiles from ${config.appViewUrl}`;
}

const seconds = (ms: number) => `${Math.max(0.1, Math.round(ms / 100) / 10)} s`;

export function createBlueskySource({
  config,
  domain,
  db,
  log,
}: {
  config: BlueskyConfig;
  domain: Domain;
  db: Db;
  log: FastifyBaseLogger;
}): BlueskySource {
  const jetstreamUrl = config.jetstreamUrl ?? DEFAULT_JETSTREAM;
  const status = domain.sources.of('bluesky');
  const repo = createSourcesRepository(db);
  const sink = createNetworkSink({ domain, source: 'bluesky', log });
  const profiles = createProfileCache(config.appViewUrl, (message) => {
    log.warn(message);
    status.error(message);
  });
  let running: { abort: AbortController; done: Promise<void> } | null = null;
  let started = false;
  let stopped = false;
  const unsubscribe: Array<() => void> = [];

  /** Takes a batch in, in order, then moves the cursor past it. */
  async function processBatch(raw: string[], signal: AbortSignal): Promise<void> {
    const frames: Frame[] = [];
    for (const text of raw) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        log.warn({ frame: text.slice(0, 80) }, 'Bluesky: skipped a frame that is not JSON');
        continue;
      }
      const frame = Frame.safeParse(parsed);
      if (frame.success) frames.push(frame.data);
      else
        log.warn({ reason: frame.error.issues[0]?.message }, 'Bluesky: skipped a malformed frame');
    }
    if (frames.length === 0) return;
    const events = domain.sourceSettings.all().filter((event) => event.bluesky.enabled);
    const accounts = await profiles.didsOf(
      events.map((event) => event.bluesky.mentions).filter((a): a is string => a !== null),
      signal,
    );
    const mentioning = (record: PostRecord): number[] => {
      const dids = new Set(mentionsOf(record));
      return dids.size === 0
        ? []
        : events
            .filter((event) => {
              const did = event.bluesky.mentions && accounts.get(event.bluesky.mentions);
              return did && dids.has(did);
            })
            .map((event) => event.eventId);
    };
    const wanted: Array<{ frame: Frame; record: PostRecord; eventIds: number[] }> = [];
    const deleted: string[] = [];
    for (const frame of frames) {
      const commit = frame.commit;
      if (frame.kind !== 'commit' || !commit || commit.collection !== POST_COLLECTION) continue;
      if (commit.operation === 'delete') {
        deleted.push(postUri(frame.did, commit.rkey));
        continue;
      }
      // An edit is not a new post; Bluesky has no edits yet, and a replayed create is de-duplicated.
      if (commit.operation !== 'create') continue;
      const record = PostRecord.safeParse(commit.record);
      if (!record.success) {
        log.warn({ did: frame.did, rkey: commit.rkey }, 'Bluesky: skipped a malformed post record');
        continue;
      }
      const eventIds = [
        ...new Set([...eventsTagged(events, tagsOf(record.data)), ...mentioning(record.data)]),
      ];
      if (eventIds.length > 0) wanted.push({ frame, record: record.data, eventIds });
    }
    await profiles.load(
      wanted.map(({ frame }) => frame.did),
      signal,
    );
    for (const { frame, record, eventIds } of wanted) {
      const post = recordToPost(frame.did, frame.commit!.rkey, record, profiles.get(frame.did));
      sink.take(post, eventIds);
    }
    for (const uri of deleted) sink.withdraw(uri);
    // Only now is everything up to this frame taken in.
    const last = Math.max(...frames.map((frame) => frame.time_us));
    const stored = Number(repo.sourceCursor(CURSOR_KEY) ?? 0);
    if (last > stored) repo.setSourceCursor(CURSOR_KEY, String(last));
  }

  /** One connection, from open to close; resolves once every frame it brought is taken in. */
  function connect(abort: AbortController): Promise<{ healthy: boolean; reason: string }> {
    const stored = repo.sourceCursor(CURSOR_KEY);
    const url = new URL('/subscribe', jetstreamUrl);
    url.searchParams.set('wantedCollections', POST_COLLECTION);
    if (stored)
      url.searchParams.set('cursor', String(Math.max(0, Number(stored) - config.rewindMs * 1000)));
    return new Promise((resolve) => {
      const queue: string[] = [];
      let pumping: Promise<void> | null = null;
      let healthy = false;
      let closed = false;
      let reason = 'Jetstream closed the connection';
      let refused = false;
      const ws = new WebSocket(url, { maxPayload: FRAME_MAX_BYTES, handshakeTimeout: 10_000 });
      let alive = true;
      const ping = setInterval(() => {
        if (!alive) {
          reason = `No answer from Jetstream for ${seconds(config.keepAliveMs)}`;
          ws.terminate();
          return;
        }
        alive = false;
        ws.ping();
      }, config.keepAliveMs / 2);
      const onAbort = () => ws.terminate();
      abort.signal.addEventListener('abort', onAbort, { once: true });

      const pump = async () => {
        while (queue.length > 0 && !abort.signal.aborted) {
          try {
            await processBatch(queue.splice(0, BATCH_MAX), abort.signal);
          } catch (error) {
            // A batch that cannot be stored is retried from the cursor on the next connection.
            log.error({ err: error }, 'Bluesky: could not take a batch in; reconnecting');
            reason = 'Could not store what Jetstream sent; resuming from the cursor';
            queue.length = 0;
            ws.terminate();
          }
        }
        pumping = null;
        if (closed) finish();
      };
      const finish = () => {
        clearInterval(ping);
        abort.signal.removeEventListener('abort', onAbort);
        if (!pumping) resolve({ healthy, reason });
      };

      ws.on('open', () => {
        status.update({
          state: 'connected',
          detail: `Jetstream, ${stored ? 'resumed from the stored cursor' : 'live'}`,
          retryAt: null,
        });
      });
      ws.on('pong', () => (alive = true));
      ws.on('message', (data, isBinary) => {
        alive = true;
        healthy = true;
        if (isBinary) return; // Jetstream sends text frames unless asked for compression.
        if (queue.length >= QUEUE_MAX) {
          reason = 'Fell too far behind Jetstream; resuming from the cursor';
          queue.length = 0;
          ws.terminate();
          return;
        }
        queue.push(data.toString());
        pumping ??= pump();
      });
      ws.on('unexpected-response', (_req, res) => {
        reason = `Jetstream answered ${res.statusCode}`;
        refused = true;
        res.resume();
        ws.terminate();
      });
      ws.on('error', (error) => {
        // Terminating after a refusal reports an error too; the refusal is the news.
        if (!refused) reason = `Jetstream connection lost: ${error.message}`;
      });
      ws.on('close', () => {
        closed = true;
        if (!pumping) finish();
      });
    });
  }

  async function run(abort: AbortController): Promise<void> {
    const sleep = createSleeper(abort.signal);
    let attempt = 0;
    while (!abort.signal.aborted) {
      status.update({
        mode: 'stream',
        state: 'connecting',
        detail: `Connecting to ${jetstreamUrl}`,
        retryAt: null,
      });
      const ended = await connect(abort);
      if (abort.signal.aborted) break;
      // A connection that worked and then dropped is retried at once (with a little jitter);
      // one that keeps failing backs off.
      if (ended.healthy) attempt = 0;
      const waitMs =
        attempt === 0
          ? Math.round(Math.random() * config.backoff.initialMs)
          : backoffDelay(attempt, config.backoff);
      attempt++;
      log.warn(
        { reason: ended.reason, waitMs },
        'Bluesky: Jetstream connection ended; reconnecting',
      );
      status.error(ended.reason);
      status.update({
        state: 'backing_off',
        detail: `${ended.healthy ? 'Connection dropped' : 'Cannot connect'}; trying again in ${seconds(waitMs)}`,
        retryAt: new Date(Date.now() + waitMs).toISOString(),
      });
      await sleep(waitMs);
    }
  }

  function begin(resume: boolean): void {
    log.info({ jetstream: jetstreamUrl }, 'Bluesky: starting');
    if (!resume) {
      // Idle until now: nobody was owed what came meanwhile, so start from a little before now.
      const from = (Date.now() - config.rewindMs) * 1000;
      if (Number(repo.sourceCursor(CURSOR_KEY) ?? 0) < from)
        repo.setSourceCursor(CURSOR_KEY, String(from));
    }
    const abort = new AbortController();
    const done = run(abort).catch((error: unknown) => {
      log.error({ err: error }, 'Bluesky: the source stopped unexpectedly');
      status.error(error instanceof Error ? error.message : String(error));
      status.update({
        state: 'stopped',
        detail: 'Stopped after an unexpected error; see the server log',
        retryAt: null,
      });
    });
    running = { abort, done };
  }

  /** Runs Jetstream while some event takes posts from Bluesky. `resume`: the server just started. */
  function reconcile(resume: boolean): void {
    if (stopped) return;
    const wanted = domain.sourceSettings.all().some((event) => event.bluesky.enabled);
    if (wanted && !running) begin(resume);
    if (!wanted && running) {
      log.info('Bluesky: no event takes posts from Bluesky any more; stopped');
      running.abort.abort();
      running = null;
      status.update({
        mode: null,
        state: 'off',
        detail: 'No event takes posts from Bluesky',
        retryAt: null,
      });
    }
  }

  return {
    get enabled() {
      return running !== null;
    },
    start() {
      if (started || stopped) return;
      started = true;
      reconcile(true);
      unsubscribe.push(
        domain.sourceSettings.onChanged(() => reconcile(false)),
        // A new event follows the defaults: BLUESKY_JETSTREAM_URL may turn Bluesky on for it.
        domain.events.onHashtagsChanged(() => reconcile(false)),
      );
    },
    async stop() {
      stopped = true;
      for (const off of unsubscribe.splice(0)) off();
      const current = running;
      running = null;
      current?.abort.abort();
      await current?.done;
      if (current)
        status.update({ state: 'stopped', detail: 'Server shutting down', retryAt: null });
    },
  };
}
