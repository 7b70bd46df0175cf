import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../server/auth/principal.ts';
import { build, joinAttendee, seedEvent, type SeededEvent, type TestApp } from '../../helper.ts';

let t: TestApp;
let seeded: SeededEvent;

const moderator = (eventId: number): Principal => ({ kind: 'moderator', eventId });

async function ask(token: string, text: string, extra: Record<string, unknown> = {}) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/sessions/${seeded.sessionId}/questions`,
    headers: { authorization: `Bearer ${token}` },
    payload: { text, ...extra },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: number; status: string; flags: string[] };
}

async function edit(token: string, id: number, text: string) {
  const res = await t.app.inject({
    method: 'PATCH',
    url: `/api/questions/${id}`,
    headers: { authorization: `Bearer ${token}` },
    payload: { text },
  });
  return res;
}

beforeAll(async () => {
  t = await build();
  // The default: questions go live at once.
  seeded = seedEvent(t.app);
  t.app.domain.moderation.setBlockedWords(moderator(seeded.eventId), seeded.eventId, ['durian']);
});
afterAll(() => t.close());

describe('questions are screened like posts', () => {
  it('holds a profane question with its reason, even when questions go live at once', async () => {
    const { token } = joinAttendee(t.app, seeded.eventId);
    const asked = await ask(token, 'Why is this s.h.i.t so slow?');
    expect(asked).toMatchObject({ status: 'pending', flags: ['profanity'] });
    const clean = await ask(token, 'Why is this so slow?');
    expect(clean).toMatchObject({ status: 'approved', flags: [] });
  });

  it("holds the event's own words, link floods and hashbombs", async () => {
    const { token } = joinAttendee(t.app, seeded.eventId);
    expect((await ask(token, 'Do you like DURIAN?')).flags).toEqual(['profanity']);
    expect(
      (await ask(token, 'see a.com and http://b.example/x and www.c.org please')).flags,
    ).toEqual(['link_flood']);
    expect((await ask(token, '#one #two @three')).flags).toEqual(['hashbomb']);
  });

  it('holds the same attendee asking the same again, but not someone else', async () => {
    const first = joinAttendee(t.app, seeded.eventId);
    const second = joinAttendee(t.app, seeded.eventId);
    expect((await ask(first.token, 'When is lunch served?')).status).toBe('approved');
    expect(await ask(first.token, 'when is LUNCH served')).toMatchObject({
      status: 'pending',
      flags: ['repeated'],
    });
    expect((await ask(second.token, 'When is lunch served?')).status).toBe('approved');
  });

  it('does not compare an anonymous question with named ones of the same attendee', async () => {
    const { token } = joinAttendee(t.app, seeded.eventId);
    expect((await ask(token, 'Is the code open source?')).status).toBe('approved');
    expect((await ask(token, 'Is the code open source?', { anonymous: true })).status).toBe(
      'approved',
    );
  });

  it("lets a trusted attendee's question through", async () => {
    const { token, attendeeId } = joinAttendee(t.app, seeded.eventId);
    t.app.domain.repos.authors.set(
      seeded.eventId,
      `attendee:${attendeeId}`,
      'Ada',
      'trusted',
      new Date().toISOString(),
    );
    expect(await ask(token, 'What the fuck happened?')).toMatchObject({
      status: 'approved',
      flags: [],
    });
  });

  it('screens an edit again: a clean edit goes live, a profane one stays held', async () => {
    const { token } = joinAttendee(t.app, seeded.eventId);
    const held = await ask(token, 'What the fuck is a monad?');
    expect(held.status).toBe('pending');
    const stillHeld = await edit(token, held.id, 'What the f u c k is a monad?');
    expect(stillHeld.json()).toMatchObject({ status: 'pending', flags: ['profanity'] });
    const cleaned = await edit(token, held.id, 'What is a monad?');
    expect(cleaned.json()).toMatchObject({ status: 'approved', flags: [] });
  });

  it("screens a moderator's edit for its flags but keeps the status they chose", async () => {
    const { token } = joinAttendee(t.app, seeded.eventId);
    const asked = await ask(token, 'Is there a recording?');
    const res = await edit(seeded.moderatorKey, asked.id, 'Is there a damn recording? durian');
    expect(res.json()).toMatchObject({ status: 'approved', flags: ['profanity'] });
  });

  it('keeps the flags of a question-tagged post on the question it makes', async () => {
    const { token } = joinAttendee(t.app, seeded.eventId);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/events/${seeded.eventId}/posts`,
      headers: { authorization: `Bearer ${token}` },
      payload: { text: 'Who is this bitch on stage? #ask' },
    });
    expect(res.statusCode).toBe(201);
    const question = t.app.domain.repos.questions.findById(res.json().questionId)!;
    expect(question.status).toBe('pending');
    expect(JSON.parse(question.flags)).toEqual(['profanity']);
  });
});
