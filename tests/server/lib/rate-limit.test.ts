import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../server/lib/errors.ts';
import { RATE_LIMITS } from '../../../shared/limits.ts';
import { createRateLimiter } from '../../../server/lib/rate-limit.ts';
import {
  bearer,
  build,
  joinAttendee,
  seedEvent,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

const limits = {
  ...RATE_LIMITS,
  post: { burst: 2, perMinute: 60 },
  question: { burst: 1, perMinute: 1 },
  vote: { burst: 3, perMinute: 6 },
};

describe('rate limiter', () => {
  it('allows a burst, then refills at the steady rate', () => {
    const limiter = createRateLimiter(limits);
    limiter.take('post', 1, 0);
    limiter.take('post', 1, 0);
    expect(() => limiter.take('post', 1, 0)).toThrow(AppError);
    // 60 per minute: one token per second.
    expect(() => limiter.take('post', 1, 500)).toThrow(/try again in 1 s/);
    limiter.take('post', 1, 1000);
  });

  it('keeps attendees and actions apart', () => {
    const limiter = createRateLimiter(limits);
    limiter.take('question', 1, 0);
    limiter.take('question', 2, 0);
    limiter.take('post', 1, 0);
    try {
      limiter.take('question', 1, 0);
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).id).toBe('rate_limit_exceeded');
      expect((error as AppError).statusCode).toBe(429);
      expect((error as AppError).retryAfterMs).toBe(60_000);
    }
  });
});

describe('a flooding attendee', () => {
  let t: TestApp;
  let seeded: SeededEvent;
  beforeAll(async () => {
    t = await build();
    seeded = seedEvent(t.app);
  });
  afterAll(() => t.close());

  it('gets 429 with Retry-After while another attendee keeps posting', async () => {
    const flooder = joinAttendee(t.app, seeded.eventId, 'Flood');
    const calm = joinAttendee(t.app, seeded.eventId, 'Calm');
    const post = (token: string, i: number) =>
      t.app.inject({
        method: 'POST',
        url: `/api/events/${seeded.eventId}/posts`,
        headers: bearer(token),
        payload: { text: `message ${i}`, clientId: `flood-client-${token.slice(-6)}-${i}` },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await post(flooder.token, i)).statusCode);
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(6);
    const refused = await post(flooder.token, 99);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.id).toBe('rate_limit_exceeded');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    const ok = await post(calm.token, 1);
    expect(ok.statusCode).toBe(201);
    const stored = t.app.db
      .prepare('SELECT count(*) FROM posts WHERE attendee_id = ?')
      .pluck()
      .get(flooder.attendeeId);
    expect(stored).toBe(statuses.filter((s) => s === 201).length);
  });

  it('a retry of a stored post is answered without spending the limit', async () => {
    const attendee = joinAttendee(t.app, seeded.eventId, 'Retry');
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/events/${seeded.eventId}/posts`,
        headers: bearer(attendee.token),
        payload: { text: 'same one', clientId: 'retry-same-0001' },
      });
    const codes = [];
    for (let i = 0; i < 10; i++) codes.push((await send()).statusCode);
    expect(codes).toEqual([201, 200, 200, 200, 200, 200, 200, 200, 200, 200]);
  });
});
