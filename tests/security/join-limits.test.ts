/**
 * Identities cost something: joining needs the event's code and a solved challenge, and one
 * address gets 2,000 joins at once (a venue behind one NAT), then 20 a second. On the old code a
 * script joined by the numeric id, as often as it liked.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { RATE_LIMITS } from '../../shared/limits.ts';
import { build, seedEvent, solvedAltcha, type SeededEvent, type TestApp } from '../helper.ts';

let t: TestApp;
let seeded: SeededEvent;

beforeAll(async () => {
  t = await build();
  seeded = seedEvent(t.app);
});
afterAll(() => t.close());
afterEach(() => vi.useRealTimers());

const attendeeCount = () =>
  t.app.db.prepare('SELECT count(*) FROM attendees').pluck().get() as number;

async function joinFrom(remoteAddress: string) {
  const altcha = await solvedAltcha(t.app, seeded.code);
  return t.app.inject({
    method: 'POST',
    url: `/api/events/by-code/${seeded.code}/attendees`,
    payload: { altcha },
    remoteAddress,
  });
}

describe('joining an event', () => {
  it('cannot be done by the numeric event id', async () => {
    const before = attendeeCount();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/events/${seeded.eventId}/attendees`,
      payload: {},
    });
    expect(res.statusCode).toBe(410);
    expect(res.json().error.id).toBe('join_code_required');
    const unsolved = await t.app.inject({
      method: 'POST',
      url: `/api/events/by-code/${seeded.code}/attendees`,
      payload: {},
    });
    expect(unsolved.statusCode).toBe(400);
    expect(attendeeCount()).toBe(before);
  });

  it('lets 2,000 phones behind one address in within two minutes, then holds a script to 20 a second', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const venue = '203.0.113.7';
    const { burst, perMinute } = RATE_LIMITS.join;
    expect(burst).toBeGreaterThanOrEqual(2000);
    const before = attendeeCount();
    for (let i = 0; i < 2000; i++) {
      const res = await joinFrom(venue);
      if (res.statusCode !== 201) throw new Error(`phone ${i}: ${res.statusCode} ${res.body}`);
      // 2,000 phones spread over 100 s: well within two minutes.
      vi.setSystemTime(Date.now() + 50);
    }
    expect(attendeeCount()).toBe(before + 2000);

    // A script on that address: whatever remains of the burst, then the steady rate only.
    let accepted = 0;
    let refused = 0;
    for (let i = 0; i < burst; i++) {
      const res = await joinFrom(venue);
      if (res.statusCode === 201) accepted++;
      else {
        expect(res.statusCode).toBe(429);
        expect(res.json().error.id).toBe('rate_limit_exceeded');
        expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        refused++;
        if (refused >= 5) break;
      }
    }
    // 100 s of refill at 20 a second is the most the 2,000 phones left unspent.
    expect(accepted).toBeLessThanOrEqual(Math.ceil((100 * perMinute) / 60));
    vi.setSystemTime(Date.now() + 1000);
    let nextSecond = 0;
    for (let i = 0; i < 40; i++) if ((await joinFrom(venue)).statusCode === 201) nextSecond++;
    expect(nextSecond).toBe(perMinute / 60);

    // Another address is not held by the venue's limit.
    expect((await joinFrom('198.51.100.9')).statusCode).toBe(201);
  }, 120_000);
});
