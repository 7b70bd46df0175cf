/**
 * The API key has its own documented limit (RATE_LIMITS.apiRequest): on the old code it had none,
 * so a leaked key could post without end.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { RATE_LIMITS } from '../../shared/limits.ts';
import {
  bearer,
  build,
  joinAttendee,
  seedEvent,
  type SeededEvent,
  type TestApp,
} from '../helper.ts';

let t: TestApp;
let seeded: SeededEvent;
let other: SeededEvent;

beforeAll(async () => {
  t = await build();
  seeded = seedEvent(t.app);
  other = seedEvent(t.app);
});
afterAll(() => t.close());
afterEach(() => vi.useRealTimers());

const withKey = (key: string) =>
  t.app.inject({ method: 'GET', url: '/api/health', headers: bearer(key) });

describe("an event's API key", () => {
  it('gets its burst, then the steady rate, with 429 rate_limit_exceeded and Retry-After beyond', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { burst, perMinute } = RATE_LIMITS.apiRequest;
    for (let i = 0; i < burst; i++) {
      const res = await withKey(seeded.apiKey);
      if (res.statusCode !== 200) throw new Error(`request ${i}: ${res.statusCode}`);
    }
    const refused = await withKey(seeded.apiKey);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.id).toBe('rate_limit_exceeded');
    expect(refused.headers['retry-after']).toBe('1');
    // A post is refused the same way, and nothing is stored.
    const post = await t.app.inject({
      method: 'POST',
      url: `/api/events/${seeded.eventId}/posts`,
      headers: bearer(seeded.apiKey),
      payload: { text: 'One too many', sourceId: 'over-1' },
    });
    expect(post.statusCode).toBe(429);
    expect(t.app.db.prepare('SELECT count(*) FROM posts').pluck().get()).toBe(0);

    // A tenth of a second later, a tenth of a second's worth.
    vi.setSystemTime(Date.now() + 100);
    let accepted = 0;
    for (let i = 0; i < perMinute / 600 + 20; i++)
      if ((await withKey(seeded.apiKey)).statusCode === 200) accepted++;
    expect(accepted).toBe(perMinute / 600);

    // Other credentials are not held by it.
    expect((await withKey(other.apiKey)).statusCode).toBe(200);
    const attendee = joinAttendee(t.app, seeded.eventId);
    expect((await withKey(attendee.token)).statusCode).toBe(200);
  }, 60_000);
});
