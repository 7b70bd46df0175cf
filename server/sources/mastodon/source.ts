/**
 * The Mastodon source: public hashtag timelines, polled on every instance some event names,
 * since an instance only sees the posts of accounts its users follow. A status seen on several
 * instances (each with its own id) is one post: they share its `uri`.
 *
 * Which instances and tags come from each event's source settings (or MASTODON_INSTANCES for
 * an event never set): a change starts or stops an instance's loop at once, keeps every stored
 * position, and a tag followed from now on is read from the change less the look-back.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { MastodonConfig } from '../../config.ts';
import type { Domain } from '../../context.ts';
import type { Db } from '../../db/database.ts';
import { createSourcesRepository } from '../repository.ts';
import { createSleeper } from '../retry.ts';
import { createNetworkSink, eventsTagged } from '../sink.ts';
import { HttpFailure, waitAfter } from './client.ts';
import { isBoost, statusToPost, type Status } from './statuses.ts';
import { planInstances, type InstancePlan } from './plan.ts';
import { createTagStreams, type TagStreams } from './stream.ts';
import { advance, followFrom, pollMentions, pollTag, type InstanceReader } from './timeline.ts';

export interface MastodonSource {
  readonly enabled: boolean;
  start(): void;
  stop(): Promise<void>;
}

interface InstanceLoop {
  abort: AbortController;
  done: Promise<void>;
  trouble: { message: string; until: number } | null;
  /** With a user token: the tags' streams, and the token they were opened with. */
  streams: TagStreams | null;
  streamToken: string | null;
  /** Ends the poll loop's wait at once (a stream dropped: poll now). */
  wake: () => void;
  /**
   * The uri of each status taken in from this instance, by its id here: a streamed delete
   * names only the id. Bounded (oldest forgotten first); a restart forgets it, so a delete of
   * a status taken in before the restart is not seen.
   */
  uris: Map<string, string>;
}

/** Statuses remembered per instance for deletes: hours of a busy hashtag. */
const URIS_MAX = 20_000;

const clock = (ms: number) => new Date(ms).toTimeString().slice(0, 8);

export function createMastodonSource({
  config,
  domain,
  db,
  log,
}: {
  config: MastodonConfig;
  domain: Domain;
  db: Db;
  log: FastifyBaseLogger;
}): MastodonSource {
  const status = domain.sources.of('mastodon');
  const repo = createSourcesRepository(db);
  const sink = createNetworkSink({ domain, source: 'mastodon', log });
  /** Per running instance: its stop, and null while it answers, else why and until when. */
  const loops = new Map<string, InstanceLoop>();
  /** The tags each instance was asked for at the last reconcile. */
  let followed = new Map<string, Set<string>>();
  const unsubscribe: Array<() => void> = [];
  let stopped = false;
  let started = false;

  function report(): void {
    const every = `every ${Math.round(config.pollMs / 1000)} s`;
    if (loops.size === 0) {
      status.update({
        mode: null,
        state: 'off',
        detail: 'No event takes posts from Mastodon',
        retryAt: null,
      });
      return;
    }
    const failing = [...loops].filter(([, loop]) => loop.trouble !== null);
    const streamed = [...loops]
      .filter(([, loop]) => (loop.streams?.live() ?? 0) > 0)
      .map(([origin]) => new URL(origin).host);
    const streaming = streamed.length > 0 ? `; streaming from ${streamed.join(', ')}` : '';
    if (failing.length === 0) {
      status.update({
        mode: 'poll',
        state: 'polling',
        detail: `${loops.size} ${loops.size === 1 ? 'instance' : 'instances'}, ${every}${streaming}`,
        retryAt: null,
      });
      return;
    }
    const soonest = Math.min(...failing.map(([, loop]) => loop.trouble!.until));
    status.update({
      mode: 'poll',
      state: failing.length === loops.size ? 'backing_off' : 'polling',
      detail: failing
        .map(([instance, loop]) => `${new URL(instance).host}: ${loop.trouble!.message}`)
        .join('; '),
      retryAt: new Date(soonest).toISOString(),
    });
  }

  /** Hands a page of statuses to the events that name this instance and follow their tags. */
  function take(origin: string, statuses: Status[], eventIds?: number[]): void {
    const plan = planInstances(domain.sourceSettings.all()).get(origin);
    if (!plan) return;
    const uris = loops.get(origin)?.uris;
    for (const item of statuses) {
      if (uris) {
        uris.delete(item.id);
        uris.set(item.id, item.uri);
        if (uris.size > URIS_MAX) uris.delete(uris.keys().next().value!);
      }
      if (isBoost(item)) continue;
      const tags = (item.tags ?? []).map((t) => t.name);
      sink.take(statusToPost(item, origin), eventIds ?? eventsTagged(plan.events, tags));
    }
  }

  /** Opens, replaces or closes the instance's streams as its token says. */
  function streamsFor(origin: string, loop: InstanceLoop, plan: InstancePlan | undefined) {
    const token = plan?.token ?? null;
    if (token === loop.streamToken) return loop.streams;
    void loop.streams?.close();
    loop.streamToken = token;
    loop.streams = token
      ? createTagStreams({
          origin,
          token,
          backoff: config.backoff,
          log,
          guard: domain.addressGuard,
          onStatus(tag, item) {
            take(origin, [item]);
            advance(repo, origin, tag, item.id);
          },
          onDelete(_tag, id) {
            const uri = loop.uris.get(id);
            if (uri) sink.withdraw(uri);
          },
          onChange(tag, state, reason) {
            if (reason) status.error(`${new URL(origin).host} #${tag} stream: ${reason}`);
            if (state !== 'live') loop.wake();
            report();
          },
        })
      : null;
    return loop.streams;
  }

  async function pollInstance(origin: string, loop: InstanceLoop): Promise<void> {
    const signal = loop.abort.signal;
    const sleep = createSleeper(signal);
    /** Waits `ms`, or less if a stream dropped or opened since the last wait began. */
    let woken = false;
    let resume: (() => void) | null = null;
    loop.wake = () => {
      woken = true;
      resume?.();
    };
    const pause = (ms: number) =>
      new Promise<void>((resolve) => {
        if (woken) resolve();
        resume = resolve;
        void sleep(ms).then(resolve);
      }).finally(() => {
        woken = false;
        resume = null;
      });
    const reader: InstanceReader = {
      origin,
      signal,
      lookBackMs: config.lookBackMs,
      repo,
      log,
      guard: domain.addressGuard,
    };
    let attempt = 0;
    while (!signal.aborted) {
      const began = Date.now();
      let more = false;
      try {
        const plan = planInstances(domain.sourceSettings.all()).get(origin);
        const streams = streamsFor(origin, loop, plan);
        streams?.sync(plan?.tags ?? []);
        for (const tag of plan?.tags ?? []) {
          if (signal.aborted) return;
          // A live stream carries the tag; an open one needs a poll begun after it opened.
          const state = streams?.state(tag) ?? 'down';
          if (state === 'live') continue;
          if (await pollTag(reader, tag, (statuses) => take(origin, statuses))) more = true;
          if (state === 'open') streams!.caughtUp(tag);
        }
        for (const { acct, token, eventIds } of plan?.mentions ?? []) {
          if (signal.aborted) return;
          if (await pollMentions(reader, acct, token, (s) => take(origin, s, eventIds)))
            more = true;
        }
        attempt = 0;
        if (loop.trouble) loop.trouble = null;
        report();
        // Polls start pollMs apart (the time a poll took is not added to the wait), but never
        // closer than a quarter of it unless a timeline had more pages than one poll reads.
        if (!more) await pause(Math.max(config.pollMs / 4, config.pollMs - (Date.now() - began)));
      } catch (error) {
        if (signal.aborted) return;
        const failure =
          error instanceof HttpFailure
            ? error
            : new HttpFailure(0, null, error instanceof Error ? error.message : String(error));
        if (!(error instanceof HttpFailure))
          log.error({ err: error, instance: origin }, 'Mastodon: a poll failed unexpectedly');
        const waitMs = waitAfter(failure, attempt, config.backoff);
        attempt++;
        const until = Date.now() + waitMs;
        const message =
          failure.status === 429 ? `rate limited until ${clock(until)}` : failure.message;
        log.warn({ instance: origin, reason: failure.message, waitMs }, 'Mastodon: poll failed');
        status.error(`${new URL(origin).host}: ${failure.message}`);
        loop.trouble = { message, until };
        report();
        await sleep(waitMs);
      }
    }
  }

  /**
   * Brings the running loops in line with the settings: an instance no event names stops (its
   * positions stay stored), a new one starts. `changed`: a setting changed now (not a start),
   * so a tag followed from now on is read from a little before now.
   */
  function reconcile(changed: boolean): void {
    if (stopped) return;
    const plans = planInstances(domain.sourceSettings.all());
    const now = Date.now();
    for (const [origin, plan] of plans) {
      const before = followed.get(origin);
      if (changed)
        for (const tag of plan.tags)
          if (!before?.has(tag)) followFrom(repo, origin, tag, now - config.lookBackMs);
      if (loops.has(origin)) continue;
      log.info({ instance: origin }, 'Mastodon: polling an instance');
      const loop: InstanceLoop = {
        abort: new AbortController(),
        done: Promise.resolve(),
        trouble: null,
        streams: null,
        streamToken: null,
        wake: () => {},
        uris: new Map(),
      };
      loops.set(origin, loop);
      loop.done = pollInstance(origin, loop).finally(() => loop.streams?.close());
    }
    for (const [origin, loop] of loops) {
      if (plans.has(origin)) continue;
      log.info({ instance: origin }, 'Mastodon: no event names this instance any more; stopped');
      loop.abort.abort();
      loops.delete(origin);
    }
    followed = new Map([...plans].map(([origin, plan]) => [origin, new Set(plan.tags)]));
    report();
  }

  return {
    get enabled() {
      return loops.size > 0;
    },
    start() {
      if (started || stopped) return;
      started = true;
      reconcile(false);
      unsubscribe.push(
        domain.sourceSettings.onChanged(() => reconcile(true)),
        domain.events.onHashtagsChanged(() => reconcile(true)),
      );
    },
    async stop() {
      const wasRunning = loops.size > 0;
      stopped = true;
      for (const off of unsubscribe.splice(0)) off();
      const done = [...loops.values()].map((loop) => {
        loop.abort.abort();
        return loop.done;
      });
      loops.clear();
      await Promise.allSettled(done);
      if (wasRunning)
        status.update({ state: 'stopped', detail: 'Server shutting down', retryAt: null });
    },
  };
}
