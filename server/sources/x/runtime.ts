import type { FastifyBaseLogger } from 'fastify';
import type { XConfig } from '../../config.ts';
import type { Domain } from '../../context.ts';
import { classifyFailure, type XApi, type XFailure } from './client.ts';
import type { TweetSink } from './sink.ts';

/** Never wait longer than X's 15-minute rate-limit window, whatever a reset header says. */
const MAX_RATE_LIMIT_WAIT_MS = 15 * 60 * 1000;

/** What the stream and search loops share: the API, the sink, the status, and a way to stop. */
export interface XRuntime {
  config: XConfig;
  api: XApi;
  sink: TweetSink;
  domain: Domain;
  log: FastifyBaseLogger;
  signal: AbortSignal;
  stopped(): boolean;
  /** Resolves after `ms`, or at once when the source stops. */
  sleep(ms: number): Promise<void>;
  /** Credentials refused: stop for good and say so. */
  halt(failure: Extract<XFailure, { kind: 'auth' }>): void;
  /** Keeps the stream rules in line with the events' hashtags (serialised; see source.ts). */
  syncRules(): Promise<number>;
  /** The events a matching rule feeds: by the rule's id as of the last sync, else by its tag. */
  eventsOfRule(rule: { id?: string | number; tag?: string }): number[];
}

export { backoffDelay, createSleeper } from '../retry.ts';
import { backoffDelay } from '../retry.ts';

const clock = (ms: number) => new Date(ms).toTimeString().slice(0, 8);

/** How long to wait after a failure (rate limit: until X's reset time), and a line saying so. */
export function retryPlan(
  rt: XRuntime,
  failure: Exclude<XFailure, { kind: 'auth' }>,
  attempt: number,
  what: string,
) {
  if (failure.kind === 'rate_limit') {
    // X's reset is in whole seconds; a little past it is safe, a little before it is another 429.
    const untilReset = failure.resetAt
      ? failure.resetAt - Date.now() + 250
      : backoffDelay(attempt + 8, rt.config.backoff);
    const waitMs = Math.min(MAX_RATE_LIMIT_WAIT_MS, Math.max(1000, untilReset));
    return { waitMs, detail: `Rate limited by X until ${clock(Date.now() + waitMs)}` };
  }
  const waitMs = backoffDelay(attempt, rt.config.backoff);
  return { waitMs, detail: `${what} failed; trying again in ${seconds(waitMs)}` };
}

export const seconds = (ms: number) =>
  `${ms < 10_000 ? Math.round(ms / 100) / 10 : Math.round(ms / 1000)} s`;

/**
 * After a failed request of the main loop: stop on refused credentials, wait out a rate limit
 * until the reset time X gave, otherwise back off. The status board says which, and until when.
 */
export async function waitAfterFailure(
  rt: XRuntime,
  error: unknown,
  attempt: number,
  what: string,
): Promise<'stop' | 'retry'> {
  const failure = classifyFailure(error);
  if (failure.kind === 'auth') {
    rt.halt(failure);
    return 'stop';
  }
  const { waitMs, detail } = retryPlan(rt, failure, attempt, what);
  rt.log.warn({ reason: failure.message, waitMs }, `X: ${what} failed`);
  rt.domain.sources.error(failure.message);
  rt.domain.sources.update({
    state: 'backing_off',
    detail,
    retryAt: new Date(Date.now() + waitMs).toISOString(),
  });
  await rt.sleep(waitMs);
  return rt.stopped() ? 'stop' : 'retry';
}
