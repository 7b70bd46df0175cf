/**
 * The X/Twitter source: posts under an event's hashtags, taken in through twitter-api-v2,
 * either from the filtered stream (X_MODE=stream) or by polling recent search (X_MODE=search).
 * Off without X_BEARER_TOKEN. Started once the app is ready, stopped before it closes.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { XConfig } from '../../config.ts';
import type { Domain } from '../../context.ts';
import type { Db } from '../../db/database.ts';
import { createSourcesRepository } from '../repository.ts';
import { classifyFailure, createXApi, type XFailure } from './client.ts';
import { desiredRules, diffRules, isOurRule } from './rules.ts';
import { createSleeper, retryPlan, type XRuntime } from './runtime.ts';
import { runSearch } from './search.ts';
import { createTweetSink } from './sink.ts';
import { rulesDetail, runStream } from './stream.ts';

export interface XSource {
  readonly enabled: boolean;
  start(): void;
  /** Closes the stream and every socket, and waits for the loops to finish. */
  stop(): Promise<void>;
  /** Brings the stream rules in line with the events' hashtags; resolves with how many are ours. */
  syncRules(): Promise<number>;
}

/** One line for the start banner. */
export function describeX(config: XConfig): string {
  if (!config.bearerToken) return 'off (set X_BEARER_TOKEN to take in posts from X)';
  const via = config.apiBase ? `, via ${config.apiBase}` : '';
  return config.mode === 'stream'
    ? `filtered stream, rules from each event's hashtags${via}`
    : `recent search every ${Math.round(config.pollMs / 1000)} s${via}`;
}

export function createXSource({ config, domain, db, log }: { config: XConfig; domain: Domain; db: Db; log: FastifyBaseLogger }): XSource {
  if (!config.bearerToken) {
    return { enabled: false, start() {}, stop: async () => {}, syncRules: async () => 0 };
  }
  const api = createXApi(config);
  const abort = new AbortController();
  const sink = createTweetSink({ domain, repo: createSourcesRepository(db), log });
  let running: Promise<void> | null = null;
  let unsubscribe: (() => void) | null = null;
  const chores = new Set<Promise<unknown>>();

  /** Credentials refused: nothing will work until someone fixes the token, so stop and say so. */
  function halt(failure: Extract<XFailure, { kind: 'auth' }>): void {
    if (abort.signal.aborted) return;
    log.error({ reason: failure.message }, 'X: stopped');
    domain.sources.error(failure.message);
    domain.sources.update({ state: 'stopped', detail: `${failure.message}. Fix X_BEARER_TOKEN and restart.`, retryAt: null });
    abort.abort();
  }

  async function syncOnce(): Promise<number> {
    const desired = desiredRules(domain.repos.events.list());
    const existing = (await api.v2.streamRules()).data ?? [];
    const { add, remove } = diffRules(existing, desired);
    if (remove.length > 0) {
      const result = await api.v2.updateStreamRules({ delete: { ids: remove.map((rule) => rule.id) } });
      if (result.errors?.length) log.warn({ errors: result.errors }, 'X: some stream rules could not be deleted');
    }
    let added = 0;
    if (add.length > 0) {
      const result = await api.v2.updateStreamRules({ add });
      added = result.data?.length ?? 0;
      if (result.errors?.length) {
        const first = result.errors[0]!;
        const message = `X refused a stream rule: ${first.title}${first.value ? ` (${first.value})` : ''}`;
        log.warn({ errors: result.errors }, message);
        domain.sources.error(message);
      }
    }
    if (add.length > 0 || remove.length > 0) {
      log.info({ added: add.map((rule) => rule.value), removed: remove.map((rule) => rule.value) }, 'X: stream rules updated');
    }
    const ours = existing.filter(isOurRule).length - remove.length + added;
    if (domain.sources.runtime().state === 'connected') domain.sources.update({ detail: rulesDetail(ours) });
    return ours;
  }

  // Serialised and coalesced: a call waits for the sync in progress, then one more runs for
  // every caller that came in meanwhile, so two syncs never add the same rule twice.
  let tail: Promise<unknown> = Promise.resolve();
  let queued: Promise<number> | null = null;
  function syncRules(): Promise<number> {
    if (queued) return queued;
    const next = tail.then(
      () => {
        queued = null;
        return syncOnce();
      },
      () => {
        queued = null;
        return syncOnce();
      },
    );
    queued = next;
    tail = next.catch(() => undefined);
    return next;
  }

  /** After a hashtag change: sync now, and keep trying if X is unreachable or limiting us. */
  async function resyncAfterChange(): Promise<void> {
    for (let attempt = 0; !abort.signal.aborted; attempt++) {
      try {
        await syncRules();
        return;
      } catch (error) {
        if (abort.signal.aborted) return;
        const failure = classifyFailure(error);
        if (failure.kind === 'auth') return halt(failure);
        const { waitMs } = retryPlan(rt, failure, attempt, 'Updating stream rules');
        log.warn({ reason: failure.message, waitMs }, 'X: could not update stream rules; trying again');
        domain.sources.error(`Stream rules: ${failure.message}`);
        await rt.sleep(waitMs);
      }
    }
  }

  const rt: XRuntime = {
    config,
    api,
    sink,
    domain,
    log,
    signal: abort.signal,
    stopped: () => abort.signal.aborted,
    sleep: createSleeper(abort.signal),
    halt,
    syncRules,
  };

  return {
    enabled: true,

    start() {
      if (running || abort.signal.aborted) return;
      log.info({ mode: config.mode, apiBase: config.apiBase ?? 'https://api.x.com' }, 'X: starting');
      if (config.mode === 'stream') {
        unsubscribe = domain.events.onHashtagsChanged(() => {
          const chore = resyncAfterChange().finally(() => chores.delete(chore));
          chores.add(chore);
        });
      }
      running = (config.mode === 'stream' ? runStream(rt) : runSearch(rt)).catch((error: unknown) => {
        // The loops handle their own failures; reaching here is a bug, and must not kill the server.
        log.error({ err: error }, 'X: the source stopped unexpectedly');
        domain.sources.error(error instanceof Error ? error.message : String(error));
        domain.sources.update({ state: 'stopped', detail: 'Stopped after an unexpected error; see the server log', retryAt: null });
      });
    },

    async stop() {
      unsubscribe?.();
      const halted = abort.signal.aborted;
      abort.abort();
      // Destroying the agent's sockets ends any request in flight, so the loops see the stop.
      api.close();
      await Promise.allSettled([running, ...chores]);
      // Again: a request may have opened a socket between the first close and the loops ending.
      api.close();
      if (!halted) domain.sources.update({ state: 'stopped', detail: 'Server shutting down', retryAt: null });
    },

    syncRules,
  };
}

