/**
 * The first page of a session's questions is cached until a question or vote is written
 * (questions/paging.ts). Writes made outside the questions repository's own methods — a merge,
 * clearing a rehearsal — must retire it too, or every watcher keeps being served the old list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiCaller,
  build,
  joinAttendee,
  seedEvent,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

let t: TestApp;
let event: SeededEvent;
const call = apiCaller(() => t.app);

function ask(text: string): number {
  const { token } = joinAttendee(t.app, event.eventId, 'Asker');
  return t.app.domain.questions.create(t.app.domain.resolvePrincipal(token)!, event.sessionId, {
    text,
  }).question.id;
}

async function firstPage(): Promise<Array<{ id: number; votes: number }>> {
  const res = await call('GET', `/sessions/${event.sessionId}/questions`);
  expect(res.statusCode).toBe(200);
  return res.json().questions;
}

beforeAll(async () => {
  t = await build();
  event = seedEvent(t.app, { settings: { questionModeration: 'post' } });
});
afterAll(() => t.close());

describe("a session's cached first page of questions", () => {
  it('drops a merged duplicate and shows the combined votes at once', async () => {
    const target = ask('How do you scale Postgres reads?');
    const duplicate = ask('How do you scale reads in Postgres?');
    const { token } = joinAttendee(t.app, event.eventId, null);
    t.app.domain.questions.vote(t.app.domain.resolvePrincipal(token)!, duplicate, true);
    expect((await firstPage()).map((q) => q.id).sort()).toEqual([target, duplicate].sort());

    const merged = await call('POST', `/questions/${duplicate}/merge`, {
      token: event.moderatorKey,
      body: { targetId: target },
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(await firstPage()).toEqual([expect.objectContaining({ id: target, votes: 1 })]);

    const unmerged = await call('DELETE', `/questions/${duplicate}/merge`, {
      token: event.moderatorKey,
    });
    expect(unmerged.statusCode, unmerged.body).toBe(200);
    expect((await firstPage()).map((q) => q.id).sort()).toEqual([target, duplicate].sort());
  });

  it('is empty right after a rehearsal is cleared', async () => {
    expect((await firstPage()).length).toBeGreaterThan(0);
    t.app.domain.events.clearActivity({ kind: 'admin' }, event.eventId);
    expect(await firstPage()).toEqual([]);
  });
});
