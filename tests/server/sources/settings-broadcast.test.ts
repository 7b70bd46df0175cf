import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceSettings } from '../../../shared/schemas/sources.ts';
import {
  bearer,
  build,
  joinAttendee,
  listen,
  nextEvent,
  seedEvent,
  socketClients,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

/** Two moderators' consoles of one event: one saves the sources, the other sees them at once. */
let t: TestApp;
let url: string;
let seeded: SeededEvent;
let other: SeededEvent;
const clients = socketClients(() => ({ url, code: seeded.code }));
const otherClients = socketClients(() => ({ url, code: other.code }));

beforeAll(async () => {
  t = await build({ MASTODON_POLL_SECONDS: '3600' });
  url = await listen(t.app);
  seeded = seedEvent(t.app, { hashtags: ['castconf'] });
  other = seedEvent(t.app);
});
afterAll(() => t.close());

describe('sources:updated', () => {
  it("reaches every moderator console of the event, without tokens, and nobody else's", async () => {
    const first = await clients.moderator(seeded.moderatorKey, 'Ada');
    const second = await clients.moderator(seeded.moderatorKey, 'Grace');
    const attendee = await clients.attendee(joinAttendee(t.app, seeded.eventId).token);
    const elsewhere = await otherClients.moderator(other.moderatorKey);
    const heard: string[] = [];
    attendee.socket.onAny((name: string) => heard.push(`attendee ${name}`));
    elsewhere.socket.onAny((name: string) => heard.push(`other event ${name}`));

    const seen = nextEvent(second.socket, 'sources:updated');
    const echoed = nextEvent(first.socket, 'sources:updated');
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/events/${seeded.eventId}/sources/settings`,
      headers: bearer(seeded.moderatorKey),
      payload: {
        bluesky: { enabled: true, mentions: null },
        mastodon: {
          enabled: true,
          instances: [
            { origin: 'https://mastodon.example', token: 'secret-user-token-0123456789' },
          ],
          mentions: null,
        },
        extraHashtags: ['extra'],
      },
    });
    expect(res.statusCode).toBe(200);
    const settings: SourceSettings = await seen;
    expect(settings).toEqual(res.json());
    expect(settings.mastodon.instances).toEqual([
      { origin: 'https://mastodon.example', tokenSet: true },
    ]);
    expect(JSON.stringify(settings)).not.toContain('secret-user-token');
    expect((await echoed).eventId).toBe(seeded.eventId);
    // Give a stray broadcast time to arrive where it must not.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heard.filter((line) => line.endsWith('sources:updated'))).toEqual([]);
  });
});
