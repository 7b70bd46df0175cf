import { RATE_LIMITS, type RateLimitedAction } from '../../shared/limits.ts';
import { AppError } from './errors.ts';

/**
 * Token buckets per (action, attendee), in memory. Hand-written rather than a library because
 * the check must be synchronous: the domain writes through better-sqlite3 synchronously, so a
 * check and the write it guards run with nothing in between, on the HTTP and socket paths alike.
 */
/** 'questionPerAddress' -> 'questions from your network', 'joinChallenge' -> 'join challenges'. */
function describe(action: RateLimitedAction): string {
  const [, noun = action, perAddress] = /^(\w+?)(PerAddress)?$/.exec(action) ?? [];
  const plural = `${noun.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)}s`;
  return perAddress ? `${plural} from your network` : plural;
}

export function createRateLimiter(
  limits: Record<RateLimitedAction, { burst: number; perMinute: number }> = RATE_LIMITS,
) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  let sinceSweep = 0;

  function sweep(now: number): void {
    // A bucket that has refilled completely holds no information: forget it.
    for (const [key, bucket] of buckets) {
      const limit = limits[key.slice(0, key.indexOf(':')) as RateLimitedAction];
      if (bucket.tokens + ((now - bucket.at) / 60_000) * limit.perMinute >= limit.burst)
        buckets.delete(key);
    }
  }

  return {
    /** Takes one token or throws 429 rate_limit_exceeded with how long to wait. */
    take(action: RateLimitedAction, who: string | number, now = Date.now()): void {
      const limit = limits[action];
      const key = `${action}:${who}`;
      const bucket = buckets.get(key) ?? { tokens: limit.burst, at: now };
      const tokens = Math.min(
        limit.burst,
        bucket.tokens + ((now - bucket.at) / 60_000) * limit.perMinute,
      );
      if (tokens < 1) {
        const waitMs = Math.ceil(((1 - tokens) / limit.perMinute) * 60_000);
        throw new AppError(
          429,
          'rate_limit_exceeded',
          `Too many ${describe(action)}: try again in ${Math.ceil(waitMs / 1000)} s`,
          undefined,
          waitMs,
        );
      }
      buckets.set(key, { tokens: tokens - 1, at: now });
      if (++sinceSweep >= 10_000) {
        sinceSweep = 0;
        sweep(now);
      }
    },
    size: () => buckets.size,
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
