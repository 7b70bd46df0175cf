import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  build,
  joinByCode,
  seedEvent,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

const ATTENDEES = 200;

let t: TestApp;
let seeded: SeededEvent;
let tokens: string[];

function call(method: HTTPMethods, url: string, token?: string, body?: object) {
  return t.app.inject({
    method,
    url: `/api${url}`,
    headers: token ? bearer(token) : {},
    payload: body,
  });
}

async function askAs(token: string, text: string): Promise<number> {
  const res = await call('POST', `/sessions/${seeded.sessionId}/questions`, token, { text });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

const voteRows = (questionId: number) =>
  t.app.db
    .prepare('SELECT count(*) FROM votes WHERE question_id = ?')
    .pluck()
    .get(questionId) as number;
const storedCount = (questionId: number) =>
  t.app.db.prepare('SELECT votes FROM questions WHERE id = ?').pluck().get(questionId) as number;

async function listedVotes(): Promise<Map<number, number>> {
  const res = await call('GET', `/sessions/${seeded.sessionId}/questions`);
  expect(res.statusCode).toBe(200);
  return new Map(res.json().questions.map((q: { id: number; votes: number }) => [q.id, q.votes]));
}

function expectOk(responses: Array<{ statusCode: number; body: string }>) {
  const failed = responses.filter((r) => r.statusCode !== 200);
  expect(failed.map((r) => `${r.statusCode} ${r.body}`)).toEqual([]);
}

beforeAll(async () => {
  // 200 identities a moment old: lift the fresh-identity vote allowance, which is not under test.
  t = await build({ FRESH_VOTES: '1000000' });
  seeded = seedEvent(t.app);
  // Attendees join over HTTP, all at once, too.
  const joined = await Promise.all(
    Array.from({ length: ATTENDEES }, (_, i) => joinByCode(t.app, seeded.code, `Voter ${i}`)),
  );
  tokens = joined.map((r) => r.token);
  expect(new Set(tokens).size).toBe(ATTENDEES);
});
afterAll(() => t.close());

describe('concurrent voting', () => {
  it('counts exactly one vote per distinct voter when 200 attendees vote, re-vote and unvote at once', async () => {
    const main = await askAs(tokens[0]!, 'Which question wins?');
    const side = await askAs(tokens[1]!, 'And the runner-up?');

    // Four groups of 50, all running at the same time:
    //   0: votes for `main` twice, both requests in flight together
    //   1: votes for `main` once
    //   2: votes for `main`, then takes the vote back
    //   3: votes for `main` and, at the same time, for `side` twice in a row
    const work = tokens.map((token, i) => {
      switch (i % 4) {
        case 0:
          return Promise.all([
            call('PUT', `/questions/${main}/vote`, token),
            call('PUT', `/questions/${main}/vote`, token),
          ]);
        case 1:
          return Promise.all([call('PUT', `/questions/${main}/vote`, token)]);
        case 2:
          return call('PUT', `/questions/${main}/vote`, token).then(async (first) => [
            first,
            await call('DELETE', `/questions/${main}/vote`, token),
          ]);
        default:
          return Promise.all([
            call('PUT', `/questions/${main}/vote`, token),
            call('PUT', `/questions/${side}/vote`, token).then(async (first) => [
              first,
              await call('PUT', `/questions/${side}/vote`, token),
            ]),
          ]).then((responses) => responses.flat());
      }
    });
    // Meanwhile group 2 also takes back a vote for `side` it never gave: nothing may go below zero.
    const strays = tokens
      .filter((_, i) => i % 4 === 2)
      .map((token) => call('DELETE', `/questions/${side}/vote`, token));
    const responses = (await Promise.all([...work, ...strays])).flat();
    expectOk(responses);

    // Groups 0, 1 and 3 still vote for `main`; only group 3 votes for `side`.
    const mainVoters = (ATTENDEES / 4) * 3;
    const sideVoters = ATTENDEES / 4;
    const listed = await listedVotes();
    for (const [questionId, voters] of [
      [main, mainVoters],
      [side, sideVoters],
    ] as const) {
      expect(voteRows(questionId)).toBe(voters);
      expect(storedCount(questionId)).toBe(voters);
      expect(listed.get(questionId)).toBe(voters);
    }

    // Each attendee's own view agrees with what they did.
    const mine = async (token: string) =>
      (await call('GET', `/sessions/${seeded.sessionId}/questions`, token)).json()
        .myVotes as number[];
    expect(await mine(tokens[4]!)).toEqual([main]);
    expect(await mine(tokens[5]!)).toEqual([main]);
    expect(await mine(tokens[6]!)).toEqual([]);
    expect((await mine(tokens[23]!)).sort((a, b) => a - b)).toEqual([main, side]);
  });

  it('keeps the stored count equal to the vote rows when every attendee votes and unvotes at the same time', async () => {
    const contested = await askAs(tokens[2]!, 'Up or down?');
    const responses = await Promise.all(
      tokens.flatMap((token, i) =>
        i % 2 === 0
          ? [
              call('PUT', `/questions/${contested}/vote`, token),
              call('DELETE', `/questions/${contested}/vote`, token),
            ]
          : [
              call('DELETE', `/questions/${contested}/vote`, token),
              call('PUT', `/questions/${contested}/vote`, token),
            ],
      ),
    );
    expectOk(responses);
    const rows = voteRows(contested);
    expect(storedCount(contested)).toBe(rows);
    expect((await listedVotes()).get(contested)).toBe(rows);
    expect(rows).toBeLessThanOrEqual(ATTENDEES);
  });

  it('ends with exactly one vote per attendee after a storm of repeated votes from all 200', async () => {
    const popular = await askAs(tokens[3]!, 'Everyone agrees?');
    const responses = await Promise.all(
      tokens.flatMap((token) =>
        [1, 2, 3].map(() => call('PUT', `/questions/${popular}/vote`, token)),
      ),
    );
    expectOk(responses);
    expect(responses.every((r) => r.json().voted === true)).toBe(true);
    expect(Math.max(...responses.map((r) => r.json().votes as number))).toBe(ATTENDEES);
    expect(voteRows(popular)).toBe(ATTENDEES);
    expect(storedCount(popular)).toBe(ATTENDEES);
    expect((await listedVotes()).get(popular)).toBe(ATTENDEES);
    const staff = await call(
      'GET',
      `/sessions/${seeded.sessionId}/moderation/questions`,
      seeded.moderatorKey,
    );
    expect(staff.json().questions.find((q: { id: number }) => q.id === popular).votes).toBe(
      ATTENDEES,
    );
  });
});
