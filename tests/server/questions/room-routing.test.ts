import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asModerator,
  bearer,
  build,
  joinAttendee,
  listen,
  request,
  seedEvent,
  socketClients,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

/** Two rooms live at once: a question-tagged post goes to the live talk of the room it names. */
let t: TestApp;
let url: string;
const clients = socketClients(() => ({ url, code: seeded.code }));
let seeded: SeededEvent;
let hallB: number;

beforeAll(async () => {
  t = await build();
  url = await listen(t.app);
  seeded = seedEvent(t.app, { settings: { postModeration: 'post', questionModeration: 'post' } });
  hallB = t.app.domain.sessions.create(asModerator(seeded.eventId), seeded.eventId, {
    title: 'Rust at scale',
    room: 'Hall B',
    live: true,
  }).id;
});
afterAll(() => t.close());

const sessionOf = (questionId: number) =>
  t.app.domain.repos.questions.findById(questionId)!.session_id;

describe('a post carrying the question tag, with several rooms live', () => {
  it("becomes a question of the live talk in the poster's room, over the API and from the attendee app", async () => {
    const overApi = await t.app.inject({
      method: 'POST',
      url: `/api/events/${seeded.eventId}/posts`,
      headers: bearer(seeded.apiKey),
      payload: {
        text: '#ask Which crates do you trust?',
        room: 'hall b',
        author: { name: 'Desk' },
      },
    });
    expect(overApi.statusCode).toBe(201);
    expect(sessionOf(overApi.json().questionId)).toBe(hallB);

    const phone = await clients.attendee(joinAttendee(t.app, seeded.eventId).token);
    const reply = await request(phone.socket, 'post:create', {
      text: 'Is unsafe ever fine? #ask',
      room: 'Hall B',
    });
    expect(sessionOf(reply.data!.questionId!)).toBe(hallB);
  });

  it('goes to the first live talk when the room is unknown or has nothing live, and a session tag still wins', async () => {
    const post = async (payload: object) =>
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/events/${seeded.eventId}/posts`,
          headers: bearer(seeded.apiKey),
          payload,
        })
      ).json();
    expect(
      sessionOf((await post({ text: '#ask Where is lunch?', room: 'Basement' })).questionId),
    ).toBe(seeded.sessionId);
    expect(sessionOf((await post({ text: '#ask And without a room?' })).questionId)).toBe(
      seeded.sessionId,
    );
    t.app.domain.sessions.update(asModerator(seeded.eventId), hallB, { tag: 'rustconf' });
    expect(
      sessionOf(
        (await post({ text: '#ask #rustconf Tagged for Hall B', room: 'Main hall' })).questionId,
      ),
    ).toBe(hallB);
  });

  it('refuses a room name over the limit with 400 and stores nothing', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/events/${seeded.eventId}/posts`,
      headers: bearer(seeded.apiKey),
      payload: { text: '#ask too long a room', room: 'x'.repeat(500) },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.id).toBe('validation_failed');
  });
});
