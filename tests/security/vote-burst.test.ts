/**
 * A script with many new identities cannot stuff a question's votes or flood the questions: on
 * the old code 200 fresh identities moved one count by 200 in under half a second, and asked 600
 * questions. Now fresh identities' votes past FRESH_VOTES.perQuestion are held for a moderator,
 * and one address asks at most RATE_LIMITS.questionPerAddress questions at once.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FRESH_VOTES, RATE_LIMITS } from '../../shared/limits.ts';
import {
  bearer,
  build,
  joinByCode,
  listen,
  nextEvent,
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
  seeded = seedEvent(t.app, { settings: { questionModeration: 'post' } });
});
afterAll(() => t.close());
afterEach(() => vi.useRealTimers());

async function liveQuestion(text: string): Promise<number> {
  const asker = await joinByCode(t.app, seeded.code, 'Asker', { remoteAddress: '192.0.2.1' });
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/sessions/${seeded.sessionId}/questions`,
    headers: bearer(asker.token),
    payload: { text },
  });
  expect(res.json()).toMatchObject({ status: 'approved' });
  return res.json().id;
}

const vote = (token: string, questionId: number, method: 'PUT' | 'DELETE' = 'PUT') =>
  t.app.inject({ method, url: `/api/questions/${questionId}/vote`, headers: bearer(token) });

describe('a join-and-vote script', () => {
  it('cannot move a count by more than the documented limit, and a moderator can release the rest', async () => {
    const questionId = await liveQuestion('Which question wins?');
    const script = [];
    for (let i = 0; i < 200; i++)
      script.push(await joinByCode(t.app, seeded.code, null, { remoteAddress: '203.0.113.66' }));
    const replies = await Promise.all(script.map((bot) => vote(bot.token, questionId)));
    // Each voter is told their vote is in; the count moves by the allowance only.
    for (const reply of replies) expect(reply.json()).toMatchObject({ voted: true });
    expect(t.app.domain.repos.questions.votes(questionId)).toBe(FRESH_VOTES.perQuestion);

    // Moderators see what is held, in the live counters and in the list.
    const { socket } = await clients.moderator(seeded.moderatorKey);
    const stats = await nextEvent(socket, 'stats:updated', undefined, 5000);
    expect(stats.heldVotes).toBe(200 - FRESH_VOTES.perQuestion);
    const held = await t.app.inject({
      method: 'GET',
      url: `/api/events/${seeded.eventId}/held-votes`,
      headers: bearer(seeded.moderatorKey),
    });
    expect(held.json().questions).toEqual([
      {
        questionId,
        sessionId: seeded.sessionId,
        text: 'Which question wins?',
        votes: FRESH_VOTES.perQuestion,
        held: 200 - FRESH_VOTES.perQuestion,
      },
    ]);

    // Taking a held vote back does not lower the count.
    expect((await vote(script[199]!.token, questionId, 'DELETE')).json()).toMatchObject({
      voted: false,
      votes: FRESH_VOTES.perQuestion,
    });

    // Nobody but a moderator releases them.
    const release = (token: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/questions/${questionId}/held-votes/release`,
        headers: bearer(token),
      });
    expect((await release(script[0]!.token)).statusCode).toBe(403);
    expect(t.app.domain.repos.questions.votes(questionId)).toBe(FRESH_VOTES.perQuestion);
    const released = await release(seeded.moderatorKey);
    expect(released.json()).toEqual({
      questionId,
      released: 199 - FRESH_VOTES.perQuestion,
      votes: 199,
    });
  }, 60_000);

  it('counts every vote of identities older than ten minutes', async () => {
    const questionId = await liveQuestion('What did the morning crowd think?');
    const room = [];
    for (let i = 0; i < FRESH_VOTES.perQuestion + 15; i++)
      room.push(await joinByCode(t.app, seeded.code, `Seat ${i}`, { remoteAddress: '192.0.2.2' }));
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + FRESH_VOTES.identityMs + 1000);
    for (const person of room) await vote(person.token, questionId);
    expect(t.app.domain.repos.questions.votes(questionId)).toBe(room.length);
  }, 60_000);
});

describe('a script asking 600 questions', () => {
  it('gets no further than the per-address allowance', async () => {
    const address = '203.0.113.99';
    const bots = [];
    for (let i = 0; i < 200; i++)
      bots.push(await joinByCode(t.app, seeded.code, `Bot ${i}`, { remoteAddress: address }));
    // All 600 at one instant, as the script sent them: no refill while a slow machine serves them.
    vi.useFakeTimers({ toFake: ['Date'] });
    const asked = await Promise.all(
      bots.flatMap((bot, i) =>
        [0, 1, 2].map((n) =>
          t.app.inject({
            method: 'POST',
            url: `/api/sessions/${seeded.sessionId}/questions`,
            headers: bearer(bot.token),
            payload: { text: `Spam question ${i}-${n}, buy now?` },
          }),
        ),
      ),
    );
    const accepted = asked.filter((res) => res.statusCode === 201).length;
    const refused = asked.filter((res) => res.statusCode === 429);
    expect(accepted).toBeLessThanOrEqual(RATE_LIMITS.questionPerAddress.burst + 5);
    expect(accepted + refused.length).toBe(600);
    expect(refused[0]!.json().error.id).toBe('rate_limit_exceeded');
    // Someone on another network still asks.
    const other = await joinByCode(t.app, seeded.code, 'Elsewhere', {
      remoteAddress: '198.51.100.200',
    });
    const fine = await t.app.inject({
      method: 'POST',
      url: `/api/sessions/${seeded.sessionId}/questions`,
      headers: bearer(other.token),
      payload: { text: 'A real question from elsewhere?' },
    });
    expect(fine.statusCode).toBe(201);
  }, 60_000);
});
