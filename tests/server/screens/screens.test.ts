import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  build,
  joinAttendee,
  listen,
  nextEvent,
  request,
  seedEvent,
  socketClients,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

let t: TestApp;
let url: string;
let seeded: SeededEvent;
const clients = socketClients(() => ({ url, code: seeded.code }));

beforeAll(async () => {
  t = await build();
  url = await listen(t.app);
  seeded = seedEvent(t.app);
});
afterAll(() => t.close());

describe('screen modes', () => {
  it('switches a screen from the console and every screen of the event hears it at once', async () => {
    const moderator = await clients.moderator(seeded.moderatorKey);
    const screen = await clients.screen();
    expect(screen.snapshot.screens).toEqual([]);
    const heard = nextEvent(screen.socket, 'screen:updated');
    const reply = await request(moderator.socket, 'screen:set', {
      name: 'Main hall',
      mode: 'spotlight',
    });
    expect(reply.data).toEqual({ name: 'Main hall', mode: 'spotlight' });
    expect(await heard).toEqual({ name: 'Main hall', mode: 'spotlight' });
    const later = await clients.screen();
    expect(later.snapshot.screens).toEqual([{ name: 'Main hall', mode: 'spotlight' }]);
  });

  it('refuses a mode change from a screen and answers a bad mode with validation_failed', async () => {
    const screen = await clients.screen();
    expect(
      (await request(screen.socket, 'screen:set', { name: 'main', mode: 'join' })).error?.id,
    ).toBe('unauthorized');
    const bad = await t.app.inject({
      method: 'PUT',
      url: `/api/events/${seeded.eventId}/screens/main`,
      headers: bearer(seeded.moderatorKey),
      payload: { mode: 'disco' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.id).toBe('validation_failed');
    const list = await t.app.inject({ url: `/api/events/${seeded.eventId}/screens` });
    expect(list.json().screens.find((s: { name: string }) => s.name === 'main')).toBeUndefined();
  });

  it('sends moderators live counters, counting each attendee once however many tabs and no screen', async () => {
    const moderator = await clients.moderator(seeded.moderatorKey);
    await clients.screen(); // online, and not counted
    const first = await nextEvent(moderator.socket, 'stats:updated', () => true, 3000);
    expect(first).toMatchObject({ eventId: seeded.eventId, online: 0, pending: 0 });
    const ada = joinAttendee(t.app, seeded.eventId).token;
    for (const token of [ada, ada, joinAttendee(t.app, seeded.eventId).token]) {
      await clients.attendee(token);
    }
    const stats = await nextEvent(moderator.socket, 'stats:updated', () => true, 3000);
    expect(stats).toMatchObject({ eventId: seeded.eventId, online: 2, pending: 0 });
  });
});
