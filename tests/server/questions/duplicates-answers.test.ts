import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../shared/schemas/answers.ts';
import type { ArchiveSearchResult } from '../../../shared/schemas/archive.ts';
import type { ExportDocument } from '../../../shared/schemas/exports.ts';
import { LIMITS } from '../../../shared/limits.ts';
import {
  apiCaller,
  asModerator,
  build,
  connectClient,
  joinAttendee,
  listen,
  nextEvent,
  request,
  seedEvent,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

/**
 * A merged duplicate's answers and replies are shown under the question it went into — in the
 * apps, the archive, its search and the export — and an unmerge takes exactly those back, with
 * each question's accepted answer as it was.
 */

let t: TestApp;
let url: string;
let event: SeededEvent;
const api = apiCaller(() => t.app);
const principal = (token: string) => t.app.domain.resolvePrincipal(token)!;
const moderator = () => asModerator(event.eventId);

function ask(text: string) {
  const { token } = joinAttendee(t.app, event.eventId, 'Asker');
  return t.app.domain.questions.create(principal(token), event.sessionId, { text }).question.id;
}
const answer = (questionId: number, text: string) =>
  t.app.domain.answers.create(principal(event.sessionSpeakerKey), questionId, {
    text,
    markAnswered: false,
  }).answer;
const accept = (answerId: number) => t.app.domain.answers.accept(moderator(), answerId);
const answersOf = (questionId: number) =>
  t.app.domain.answers.list(moderator(), questionId).answers.map((a) => [a.id, a.accepted]);
const merge = (duplicate: number, target: number) =>
  t.app.domain.merges.merge(moderator(), duplicate, target);
const unmerge = (duplicate: number) => t.app.domain.merges.unmerge(moderator(), duplicate);

beforeAll(async () => {
  t = await build();
  url = await listen(t.app);
  event = seedEvent(t.app, {
    settings: { postModeration: 'post', questionModeration: 'post', archive: 'now' },
  });
});
afterAll(() => t.close());

describe('merging a question with answers', () => {
  it('shows the duplicate’s answers under the target, and the unmerge takes them back', async () => {
    const target = ask('How do lemurs sleep?');
    const duplicate = ask('Where do lemurs sleep?');
    const a = answer(target, 'In trees.');
    const b = answer(duplicate, 'Curled up in lemur balls.');
    merge(duplicate, target);
    expect(answersOf(target)).toEqual([
      [a.id, false],
      [b.id, false],
    ]);
    expect(answersOf(duplicate)).toEqual([]);
    unmerge(duplicate);
    expect(answersOf(target)).toEqual([[a.id, false]]);
    expect(answersOf(duplicate)).toEqual([[b.id, false]]);
  });

  it('keeps the target’s accepted answer, sets the duplicate’s aside, and accepts it again on unmerge', () => {
    const target = ask('Do lemurs swim?');
    const duplicate = ask('Can lemurs swim?');
    const a = answer(target, 'Rarely.');
    const b = answer(duplicate, 'Some do.');
    accept(a.id);
    accept(b.id);
    merge(duplicate, target);
    expect(answersOf(target)).toEqual([
      [a.id, true],
      [b.id, false],
    ]);
    unmerge(duplicate);
    expect(answersOf(target)).toEqual([[a.id, true]]);
    expect(answersOf(duplicate)).toEqual([[b.id, true]]);
  });

  it('carries the answers along a chain of merges, and takes back only its own on each unmerge', () => {
    const first = ask('What do lemurs eat for breakfast?');
    const second = ask('What do lemurs eat in the morning?');
    const third = ask('What do lemurs eat?');
    const a1 = answer(first, 'Fruit.');
    const a2 = answer(second, 'Leaves.');
    const a3 = answer(third, 'Flowers.');
    merge(first, second);
    merge(second, third);
    expect(answersOf(third).map(([id]) => id)).toEqual([a1.id, a2.id, a3.id]);
    unmerge(second);
    expect(answersOf(third).map(([id]) => id)).toEqual([a3.id]);
    expect(answersOf(second).map(([id]) => id)).toEqual([a1.id, a2.id]);
    unmerge(first);
    expect(answersOf(second).map(([id]) => id)).toEqual([a2.id]);
    expect(answersOf(first).map(([id]) => id)).toEqual([a1.id]);
  });

  it('refuses a merge that would put more answers under one question than it keeps, with 409 answers_full', () => {
    const target = ask('Are lemurs primates?');
    const duplicate = ask('Is a lemur a primate?');
    const insert = t.app.db.prepare(
      `INSERT INTO answers (event_id, session_id, question_id, kind, author_role, author_name, text,
         status, created_at, updated_at)
       VALUES (?, ?, ?, 'answer', 'speaker', 'Speaker', 'Yes.', 'approved', ?, ?)`,
    );
    const at = new Date().toISOString();
    for (let i = 0; i < LIMITS.answersPerQuestion / 2 + 1; i++)
      for (const id of [target, duplicate]) insert.run(event.eventId, event.sessionId, id, at, at);
    expect(() => merge(duplicate, target)).toThrow(
      expect.objectContaining({ statusCode: 409, id: 'answers_full' }),
    );
    expect(t.app.domain.repos.questions.findById(duplicate)!.merged_into).toBeNull();
  });

  it('shows them under the target in the archive and its search, and the export says where each was written', async () => {
    const target = ask('How long do lemurs live?');
    const duplicate = ask('What is the lifespan of a lemur?');
    const b = answer(duplicate, 'Eighteen okapiyears, roughly.');
    merge(duplicate, target);
    const page = await t.app.inject({
      url: `/e/${event.code}/archive/session-${event.sessionId}.html`,
    });
    const item = page.body.slice(page.body.indexOf(`id="q-${target}"`));
    expect(item.slice(0, item.indexOf('</ol>'))).toContain('Eighteen okapiyears');
    const search = (
      await t.app.inject({ url: `/api/events/by-code/${event.code}/archive/search?q=okapiyears` })
    ).json() as ArchiveSearchResult;
    expect(search.hits).toMatchObject([{ kind: 'answer', id: b.id, questionId: target }]);
    const exported = (
      await api('GET', `/events/${event.eventId}/export.json`, { token: event.moderatorKey })
    ).json() as ExportDocument;
    expect(exported.answers.find((x) => x.id === b.id)).toMatchObject({
      questionId: target,
      writtenFor: duplicate,
    });
    unmerge(duplicate);
    const after = (
      await api('GET', `/events/${event.eventId}/export.json`, { token: event.moderatorKey })
    ).json() as ExportDocument;
    expect(after.answers.find((x) => x.id === b.id)).toMatchObject({
      questionId: duplicate,
      writtenFor: duplicate,
    });
  });

  it('tells the session’s audience that the answer moved, and moves it back', async () => {
    const target = ask('Do lemurs sing?');
    const duplicate = ask('Can lemurs sing?');
    const b = answer(duplicate, 'They call.');
    const { token } = joinAttendee(t.app, event.eventId, 'Listener');
    const client = await connectClient(url, { eventCode: event.code, token });
    try {
      await request(client.socket, 'session:watch', { sessionId: event.sessionId });
      const moved = nextEvent(client.socket, 'answer:updated', (x) => x.id === b.id);
      merge(duplicate, target);
      expect((await moved) as Answer).toMatchObject({ id: b.id, questionId: target });
      const back = nextEvent(client.socket, 'answer:updated', (x) => x.id === b.id);
      unmerge(duplicate);
      expect((await back) as Answer).toMatchObject({ id: b.id, questionId: duplicate });
    } finally {
      client.socket.disconnect();
    }
  });
});
