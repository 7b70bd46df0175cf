/**
 * A block covers everything the blocked author does — post, ask, vote, edit, rename — on HTTP and
 * sockets alike, and follows them to a new identity joined from the same browser (its device
 * cookie) or from an address that is theirs alone. On the old code a blocked author's votes still
 * counted, and joining again gave a clean identity.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  build,
  joinByCode,
  listen,
  request,
  seedEvent,
  socketClients,
  type SeededEvent,
  type TestApp,
} from '../helper.ts';

let t: TestApp;
let url: string;
const clients = socketClients(() => ({ url, code: seeded.code }));
let seeded: SeededEvent;

beforeAll(async () => {
  t = await build();
  url = await listen(t.app);
  seeded = seedEvent(t.app, { settings: { questionModeration: 'post', postModeration: 'post' } });
});
afterAll(() => t.close());

const api = (method: 'POST' | 'PATCH' | 'PUT', path: string, token: string, payload?: object) =>
  t.app.inject({
    method,
    url: `/api${path}`,
    headers: bearer(token),
    ...(payload ? { payload } : {}),
  });

async function block(attendeeId: number) {
  const res = await api('PUT', `/events/${seeded.eventId}/authors/rule`, seeded.moderatorKey, {
    authorKey: `attendee:${attendeeId}`,
    displayName: 'Troll',
    rule: 'blocked',
  });
  expect(res.statusCode).toBe(200);
}

async function ask(token: string, text: string) {
  return api('POST', `/sessions/${seeded.sessionId}/questions`, token, { text });
}

/** Every write an attendee can make, each expected to be refused with 403 author_blocked. */
async function expectBlockedEverywhere(token: string, ownPendingQuestionId: number | null) {
  const bystander = await joinByCode(t.app, seeded.code, 'Bystander', {
    remoteAddress: '192.0.2.200',
  });
  const live = (await ask(bystander.token, 'A question anyone may vote for?')).json();
  const attempts = [
    await api('POST', `/events/${seeded.eventId}/posts`, token, { text: 'Still here' }),
    await ask(token, 'Can I still ask?'),
    await api('PUT', `/questions/${live.id}/vote`, token),
    await api('PATCH', `/events/${seeded.eventId}/attendees/me`, token, {
      displayName: 'New me',
    }),
    ...(ownPendingQuestionId === null
      ? []
      : [await api('PATCH', `/questions/${ownPendingQuestionId}`, token, { text: 'Edited?' })]),
  ];
  for (const res of attempts) {
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().error.id).toBe('author_blocked');
  }
  expect(t.app.domain.repos.questions.votes(live.id)).toBe(0);

  const { socket } = await clients.attendee(token);
  const replies = [
    await request(socket, 'post:create', { text: 'Over the socket', clientId: 'blocked-1' }),
    await request(socket, 'question:create', {
      sessionId: seeded.sessionId,
      text: 'Over the socket?',
    }),
    await request(socket, 'question:vote', { questionId: live.id }),
  ];
  for (const reply of replies) expect(reply).toMatchObject({ error: { id: 'author_blocked' } });
}

describe('a blocked author', () => {
  it('can no longer post, ask, vote, edit or rename', async () => {
    const troll = await joinByCode(t.app, seeded.code, 'Troll', { remoteAddress: '192.0.2.10' });
    // Held for a moderator whatever the mode: the profanity filter flags it.
    const pending = await ask(troll.token, 'What the fuck is this talk about?');
    expect(pending.json()).toMatchObject({ status: 'pending' });
    await block(troll.attendeeId);
    await expectBlockedEverywhere(troll.token, pending.json().id);
  });

  it('is still blocked after joining again from the same browser, even behind a venue NAT', async () => {
    const venue = '198.51.100.1';
    // Many phones share the venue's address.
    for (let i = 0; i < 5; i++)
      await joinByCode(t.app, seeded.code, `Neighbour ${i}`, { remoteAddress: venue });
    const first = await joinByCode(t.app, seeded.code, 'Heckler', { remoteAddress: venue });
    expect(first.cookie).toMatch(/^bc_device=/);
    await block(first.attendeeId);
    // The app's storage cleared, a new identity asked for from the same browser.
    const again = await joinByCode(t.app, seeded.code, 'Totally new', {
      remoteAddress: venue,
      cookie: first.cookie!,
    });
    expect(again.attendeeId).not.toBe(first.attendeeId);
    await expectBlockedEverywhere(again.token, null);
    // The moderators see why.
    const logged = t.app.db
      .prepare(
        "SELECT detail FROM moderation_log WHERE actor = 'system' AND action = 'author_block'",
      )
      .pluck()
      .all() as string[];
    expect(logged.map((d) => JSON.parse(d))).toContainEqual(
      expect.objectContaining({
        authorKey: `attendee:${again.attendeeId}`,
        reason: 'same_device',
        sameAs: `attendee:${first.attendeeId}`,
      }),
    );
  });

  it('is still blocked after joining again without the cookie from an address that is theirs alone', async () => {
    const home = '203.0.113.50';
    const first = await joinByCode(t.app, seeded.code, 'Remote troll', { remoteAddress: home });
    await block(first.attendeeId);
    const again = await joinByCode(t.app, seeded.code, 'Someone else', { remoteAddress: home });
    await expectBlockedEverywhere(again.token, null);
  });

  it('does not take innocent neighbours on a shared venue address down with them', async () => {
    const venue = '198.51.100.77';
    const troll = await joinByCode(t.app, seeded.code, 'Loud', { remoteAddress: venue });
    for (let i = 0; i < 5; i++)
      await joinByCode(t.app, seeded.code, `Row ${i}`, { remoteAddress: venue });
    await block(troll.attendeeId);
    const neighbour = await joinByCode(t.app, seeded.code, 'Quiet', { remoteAddress: venue });
    const asked = await ask(neighbour.token, 'A fair question from row 3?');
    expect(asked.statusCode).toBe(201);
  });
});
