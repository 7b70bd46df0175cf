import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../server/config.ts';
import {
  failureOf,
  HttpFailure,
  retryAtOf,
  waitAfter,
} from '../../../../server/sources/mastodon/client.ts';
import { testConfig } from '../../../helper.ts';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const highest = () => 1;

describe('Mastodon failures and how long they are waited out', () => {
  it('retries two server errors in a row within a second in all, then backs off further', () => {
    const { backoff } = testConfig().mastodon;
    const failure = new HttpFailure(503, null, 'answered 503');
    const first = waitAfter(failure, 0, backoff, { now: NOW, random: highest });
    const second = waitAfter(failure, 1, backoff, { now: NOW, random: highest });
    expect(first + second).toBeLessThanOrEqual(1000);
    expect(second).toBeGreaterThan(first);
    // Never a busy loop: even the luckiest first retry waits, and a long outage waits minutes.
    expect(waitAfter(failure, 0, backoff, { now: NOW, random: () => 0 })).toBeGreaterThan(0);
    expect(waitAfter(failure, 20, backoff, { now: NOW, random: highest })).toBe(5 * 60_000);
  });

  it('waits a closed public timeline out for about a minute, not a second', () => {
    const { backoff } = loadConfig({ DATA_DIR: testConfig().dataDir }).mastodon;
    const closed = new HttpFailure(401, null, '401: public timelines are closed to visitors');
    expect(waitAfter(closed, 0, backoff, { now: NOW, random: () => 0 })).toBeGreaterThanOrEqual(
      30_000,
    );
  });

  it('reads when to ask again from Retry-After (seconds or a date) and X-RateLimit-Reset', () => {
    const headers = (h: Record<string, string>) => new Headers(h);
    expect(retryAtOf(headers({ 'retry-after': '30' }), NOW)).toBe(NOW + 30_000);
    expect(retryAtOf(headers({ 'retry-after': new Date(NOW + 90_000).toUTCString() }), NOW)).toBe(
      NOW + 90_000,
    );
    expect(
      retryAtOf(headers({ 'x-ratelimit-reset': new Date(NOW + 45_000).toISOString() }), NOW),
    ).toBe(NOW + 45_000);
    // Both: the later one, so neither limit is broken.
    expect(
      retryAtOf(
        headers({
          'retry-after': '10',
          'x-ratelimit-reset': new Date(NOW + 45_000).toISOString(),
        }),
        NOW,
      ),
    ).toBe(NOW + 45_000);
    expect(retryAtOf(headers({ 'retry-after': 'soon' }), NOW)).toBeNull();
  });

  it('waits a 429 with only Retry-After until the time it names', () => {
    const res = new Response(null, { status: 429, headers: { 'retry-after': '20' } });
    const failure = failureOf(res, false);
    expect(failure.status).toBe(429);
    const wait = waitAfter(failure, 0, testConfig().mastodon.backoff);
    expect(wait).toBeGreaterThan(19_000);
    expect(wait).toBeLessThanOrEqual(20_250);
  });
});
