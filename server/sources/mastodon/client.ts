/** Requests to a Mastodon instance, how each failure is told, and how long it is waited out. */
import { PrivateAddressError, type AddressGuard } from '../addresses.ts';
import { backoffDelay, type Backoff } from '../retry.ts';

const TIMEOUT_MS = 10_000;

export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly retryAt: number | null,
    message: string,
    /** Will not pass by waiting a little (an address we may not call): waited out long. */
    readonly lasting = false,
  ) {
    super(message);
  }
}

/** Refuses, as a lasting failure, a URL whose host resolves to an address we may not call. */
export async function checkAddress(url: URL, guard: AddressGuard): Promise<void> {
  try {
    await guard(url);
  } catch (error) {
    if (error instanceof PrivateAddressError) throw new HttpFailure(0, null, error.message, true);
    throw error;
  }
}

export const authHeaders = (token: string | null): Record<string, string> =>
  token ? { authorization: `Bearer ${token}` } : {};

/** GETs JSON; a refusal becomes an HttpFailure saying what the instance meant by it. */
export async function getJson(
  url: URL,
  {
    token = null,
    signal,
    guard,
  }: { token?: string | null; signal: AbortSignal; guard: AddressGuard },
): Promise<unknown> {
  await checkAddress(url, guard);
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { accept: 'application/json', ...authHeaders(token) },
      signal: AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]),
    });
  } catch (error) {
    throw new HttpFailure(0, null, `cannot reach it (${(error as Error).message})`);
  }
  if (res.ok) return res.json();
  await res.body?.cancel();
  throw failureOf(res, token !== null);
}

export function failureOf(res: Response, withToken: boolean): HttpFailure {
  if (res.status === 401 || res.status === 403)
    return new HttpFailure(
      res.status,
      null,
      withToken
        ? `${res.status}: the instance refused the token`
        : `${res.status}: public timelines are closed to visitors`,
    );
  if (res.status === 429) return new HttpFailure(429, retryAtOf(res.headers), '429: rate limited');
  return new HttpFailure(
    res.status,
    res.status >= 500 ? retryAtOf(res.headers) : null,
    `answered ${res.status}`,
  );
}

/**
 * When the instance says to ask again: Retry-After (seconds or an HTTP date, as a proxy in front
 * of Mastodon sends it) or Mastodon's X-RateLimit-Reset (an ISO time); the later if both.
 */
export function retryAtOf(headers: Headers, now = Date.now()): number | null {
  const times: number[] = [];
  const after = headers.get('retry-after')?.trim() ?? '';
  if (/^\d{1,7}$/.test(after)) times.push(now + Number(after) * 1000);
  else if (after) times.push(Date.parse(after));
  times.push(Date.parse(headers.get('x-ratelimit-reset') ?? ''));
  const known = times.filter((time) => !Number.isNaN(time));
  return known.length > 0 ? Math.max(...known) : null;
}

/** Never wait longer than Mastodon's 5-minute rate-limit window, whatever a header says. */
const MAX_HINTED_WAIT_MS = 5 * 60 * 1000;
/** A closed public timeline will not open soon: back off as if it had failed this often already. */
const CLOSED_HEAD_START = 8;

/**
 * How long to wait after the `attempt`-th failure in a row (0 for the first): a 429 (or a 5xx
 * that says when) until the instance's time, a closed timeline long, anything else briefly and
 * then longer each time (`backoff`, with jitter).
 */
export function waitAfter(
  failure: HttpFailure,
  attempt: number,
  backoff: Backoff,
  { now = Date.now(), random = Math.random }: { now?: number; random?: () => number } = {},
): number {
  if (failure.status === 429 || failure.retryAt !== null) {
    const at = failure.retryAt ?? now + 60_000;
    return Math.min(MAX_HINTED_WAIT_MS, Math.max(1000, at - now + 250));
  }
  if (failure.status === 401 || failure.status === 403 || failure.lasting)
    return backoffDelay(attempt + CLOSED_HEAD_START, backoff, random);
  return backoffDelay(attempt, backoff, random);
}
