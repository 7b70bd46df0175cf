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
import { desiredRules, diffRules, duplicateOf, eventIdsOfTag, type RuleRoutes } from './rules.ts';
import { createSleeper, retryPlan, type XRuntime } from './runtime.ts';
import { runSearch } from './search.ts';
import { createTweetSink } from './sink.ts';
import { backfillWindow, rulesDetail, runStream } from './stream.ts';

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

export function createXSource({
  config,
  domain,
  db,
  log,
}: {
  config: XConfig;
  domain: Domain;
  db: Db;
  log: FastifyBaseLogger;
}): XSource {
  if (!config.bearerToken) {
    return { enabled: false, start() {}, stop: async () => {}, syncRules: async () => 0 };
  }
  const api = createXApi(config);
  const abort = new AbortController();
  const sink = createTweetSink({
    domain,
    repo: createSourcesRepository(db),
    log,
    deliveryLagMs: config.deliveryLagMs,
  });
  let running: Promise<void> | null = null;
  let unsubscribe: (() => void) | null = null;
  const chores = new Set<Promise<unknown>>();

  /** Credentials refused: nothing will work until someone fixes the token, so stop and say so. */
  function halt(failure: Extract<XFailure, { kind: 'auth' }>): void {
    if (abort.signal.aborted) return;
    log.error({ reason: failure.message }, 'X: stopped');
    domain.sources.error(failure.message);
    domain.sources.update({
      state: 'stopped',
      detail: `${failure.message}. Fix X_BEARER_TOKEN and restart.`,
      retryAt: null,
    });
    abort.abort();
  }

  /** Rule id → events, from the last sync; a rule not in it is routed by its tag. */
  let routes: RuleRoutes = new Map();

  async function syncOnce(): Promise<number> {
    const desired = desiredRules(domain.repos.events.list());
    const existing = (await api.v2.streamRules()).data ?? [];
    const plan = diffRules(existing, desired);
    const next: RuleRoutes = new Map(plan.routes);
    // Add before remove: while the new rule is not yet in place the old one still delivers.
    if (plan.add.length > 0) {
      const result = await api.v2.updateStreamRules({ add: plan.add });
      for (const rule of result.data ?? []) {
        next.set(rule.id, eventIdsOfTag(rule.tag));
      }
      const refused: string[] = [];
      for (const error of result.errors ?? []) {
        // Someone put the same value on the app since we listed: route by their rule.
        const duplicate = duplicateOf(error as Parameters<typeof duplicateOf>[0]);
        const wanted = duplicate && plan.add.find((rule) => rule.value === duplicate.value);
        if (duplicate && wanted) next.set(duplicate.id, eventIdsOfTag(wanted.tag));
        else refused.push(`${error.title}${error.value ? ` (${error.value})` : ''}`);
      }
      if (refused.length > 0) {
        const message = `X refused a stream rule: ${refused[0]}`;
        log.warn({ errors: result.errors }, message);
        domain.sources.error(message);
      }
    }
    routes = next;
    if (plan.remove.length > 0) {
      const result = await api.v2.updateStreamRules({
        delete: { ids: plan.remove.map((rule) => rule.id) },
      });
      if (result.errors?.length)
        log.warn({ errors: result.errors }, 'X: some stream rules could not be deleted');
    }
    if (plan.add.length > 0 || plan.remove.length > 0) {
      log.info(
        {
          added: plan.add.map((rule) => rule.value),
          removed: plan.remove.map((rule) => rule.value),
        },
        'X: stream rules updated',
      );
    }
    const ours = routes.size;
    if (domain.sources.runtime().state === 'connected')
      domain.sources.update({ detail: rulesDetail(ours) });
    return ours;
  }

  function eventsOfRule(rule: { id?: string | number; tag?: string }): number[] {
    return (
      (rule.id !== undefined ? routes.get(String(rule.id)) : undefined) ?? eventIdsOfTag(rule.tag)
    );
  }

  // Serialised and coalesced: a call waits for the sync in progress, then one more runs for
  // every caller that came in meanwhile, so two syncs never add the same rule twice.
  let tail: Promise<unknown> = Promise.resolve();
  let queued: Promise<number> | null = null;
  function syncRules(): Promise<number> {
    if (queued) return queued;
    // A sync queued behind one that ended in a halt (refused token) must not ask X again.
    const run = () => {
      queued = null;
      return abort.signal.aborted ? Promise.resolve(routes.size) : syncOnce();
    };
    const next = tail.then(run, run);
    queued = next;
    tail = next.catch(() => undefined);
    return next;
  }

  /**
   * After a hashtag change: sync now, and keep trying if X is unreachable or limiting us; then
   * search what the event's new hashtags said from the change (less the delivery lag) on,
   * since nothing delivered it before the new rule was in place.
   */
  async function resyncAfterChange(eventId: number, changedAt: number | null): Promise<void> {
    for (let attempt = 0; !abort.signal.aborted; attempt++) {
      try {
        await syncRules();
        if (changedAt !== null) await backfillWindow(rt, eventId, changedAt - config.deliveryLagMs);
        return;
      } catch (error) {
        if (abort.signal.aborted) return;
        const failure = classifyFailure(error);
        if (failure.kind === 'auth') return halt(failure);
        const { waitMs } = retryPlan(rt, failure, attempt, 'Updating stream rules');
        log.warn(
          { reason: failure.message, waitMs },
          'X: could not update stream rules; trying again',
        );
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
    eventsOfRule,
  };

  return {
    enabled: true,

    start() {
      if (running || abort.signal.aborted) return;
      log.info(
        { mode: config.mode, apiBase: config.apiBase ?? 'https://api.x.com' },
        'X: starting',
      );
      if (config.mode === 'stream') {
        // A new event has no window to back-fill (it heard nothing before); a changed one has.
        const known = new Set(domain.repos.events.list().map((event) => event.id));
        unsubscribe = domain.events.onHashtagsChanged((eventId) => {
          const changed = known.has(eventId);
          known.add(eventId);
          const chore = resyncAfterChange(eventId, changed ? Date.now() : null).finally(() =>
            chores.delete(chore),
          );
          chores.add(chore);
        });
      }
      running = (config.mode === 'stream' ? runStream(rt) : runSearch(rt)).catch(
        (error: unknown) => {
          // The loops handle their own failures; reaching here is a bug, and must not kill the server.
          log.error({ err: error }, 'X: the source stopped unexpectedly');
          domain.sources.error(error instanceof Error ? error.message : String(error));
          domain.sources.update({
            state: 'stopped',
            detail: 'Stopped after an unexpected error; see the server log',
            retryAt: null,
          });
        },
      );
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
      if (!halted)
        domain.sources.update({ state: 'stopped', detail: 'Server shutting down', retryAt: null });
    },

    syncRules,
  };
}
