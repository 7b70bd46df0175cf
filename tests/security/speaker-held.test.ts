/**
 * A speaker works on what the room can already see. A question held for moderation never
 * reaches a screen through a speaker key: marking it answered or spotlighting it is a 403, over
 * REST and over the socket, and nothing changes or is broadcast.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Question } from '../../shared/schemas/questions.ts';
import {
  bearer,
  build,
  collect,
  joinAttendee,
  listen,
  request,
  seedEvent,
  sleep,
  socketClients,
  type SeededEvent,
  type TestApp,
} from '../helper.ts';
import { principalOf } from './support.ts';

describe('a speaker key and a held question', () => {
  let t: TestApp;
  let url: string;
  let event: SeededEvent;
  const clients = socketClients(() => ({ url, code: event.code }));

  beforeAll(async () => {
    t = await build();
    url = await listen(t.app);
    event = seedEvent(t.app, { settings: { questionModeration: 'pre' } });
  });
  afterAll(async () => t?.close());

  function held(text: string): number {
    const { token } = joinAttendee(t.app, event.eventId, 'Asker');
    return t.app.domain.questions.create(principalOf(t.app, token), event.sessionId, { text })
      .question.id;
  }
  const statusOf = (id: number) =>
    t.app.db.prepare('SELECT status, spotlighted FROM questions WHERE id = ?').get(id);

  it('refuses answer and spotlight on a held question over REST, for session and event keys', async () => {
    const id = held('Held, and should stay so?');
    const before = statusOf(id);
    for (const key of [event.sessionSpeakerKey, event.speakerKey]) {
      for (const action of ['answer', 'spotlight']) {
        const response = await t.app.inject({
          method: 'POST',
          url: `/api/questions/${id}/moderation`,
          headers: bearer(key),
          payload: { action },
        });
        expect(response.statusCode, action).toBe(403);
        expect(response.json().error.id).toBe('forbidden');
      }
    }
    expect(statusOf(id)).toEqual(before);
  });

  it('refuses it over the socket, and no screen hears of the question', async () => {
    const id = held('Held, asked over a socket?');
    const screen = await clients.screen();
    await request(screen.socket, 'session:watch', { sessionId: event.sessionId });
    const seen = collect(screen.socket, 'question:updated');
    const speaker = await clients.speaker(event.sessionSpeakerKey);
    const reply = await request(speaker.socket, 'question:moderate', {
      questionId: id,
      action: 'answer',
    });
    expect(reply).toMatchObject({ error: { id: 'forbidden' } });
    await sleep(200);
    expect(seen.items.filter((q: Question) => q.id === id)).toEqual([]);
    expect(statusOf(id)).toMatchObject({ status: 'pending' });
  });

  it('still lets the speaker answer and spotlight an approved question', async () => {
    const id = held('Approved, for the speaker?');
    t.app.domain.questions.moderate({ kind: 'moderator', eventId: event.eventId }, id, 'approve');
    for (const action of ['spotlight', 'answer']) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/questions/${id}/moderation`,
        headers: bearer(event.sessionSpeakerKey),
        payload: { action },
      });
      expect(response.statusCode, action).toBe(200);
    }
    expect(statusOf(id)).toEqual({ status: 'answered', spotlighted: 1 });
  });
});
