/** Waiting and backing off, the same for every network. */

export interface Backoff {
  initialMs: number;
  maxMs: number;
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function createSleeper(signal: AbortSignal) {
  return (ms: number) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal.addEventListener('abort', done, { once: true });
    });
}

/** Exponential from initialMs, doubling each attempt up to maxMs, with equal jitter. */
export function backoffDelay(
  attempt: number,
  { initialMs, maxMs }: Backoff,
  random = Math.random,
): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
