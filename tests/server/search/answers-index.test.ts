import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../../server/auth/principal.ts';
import type { ArchiveSearchResult } from '../../../shared/schemas/archive.ts';
import {
  ADMIN,
  asModerator,
  build,
  joinAttendee,
  seedEvent,
  seedSession,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

/**
 * Answers and replies are indexed by the transactions that write them, and public search finds
 * exactly the public ones after every kind of write: edit, moderation, acceptance, withdrawal
 * from the archive, the question's own fate, merge and unmerge, and deletion with the session
 * or the event's activity. Each test starts a fresh event so its words are its own.
 */

let t: TestApp;
let event: SeededEvent;
let moderator: Principal;
let speaker: Principal;
let attendee: Principal;

const who = (token: string) => t.app.domain.resolvePrincipal(token)!;

/** What public search finds for `q`: "kind:id" of every hit, over every page. */
async function found(q: string): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ q, ...(cursor ? { cursor } : {}) });
    const res = await t.app.inject({
      url: `/api/events/by-code/${event.code}/archive/search?${query}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as ArchiveSearchResult;
    out.push(...page.hits.map((h) => `${h.kind}:${h.id}`));
    cursor = page.nextCursor;
  } while (cursor);
  return out.sort();
}

/** The index holds one row per answer and reply of the event, no more. */
function indexInStep(): void {
  const rows = (kind: number) =>
    t.app.db
      .prepare<[number, number], number>(
        'SELECT count(*) FROM search_index WHERE rowid BETWEEN ? AND ?',
      )
      .pluck()
      .get((event.eventId * 4 + kind) * 2 ** 34 + 1, (event.eventId * 4 + kind + 1) * 2 ** 34 - 1);
  const count = (kind: string) =>
    t.app.db
      .prepare<[number, string], number>(
        'SELECT count(*) FROM answers WHERE event_id = ? AND kind = ?',
      )
      .pluck()
      .get(event.eventId, kind);
  expect(rows(2)).toBe(count('answer'));
  expect(rows(3)).toBe(count('reply'));
}

function ask(text: string, sessionId = event.sessionId): number {
  const { token } = joinAttendee(t.app, event.eventId, 'Asker');
  const id = t.app.domain.questions.create(who(token), sessionId, { text }).question.id;
  t.app.domain.questions.moderate(moderator, id, 'approve');
  return id;
}
const answer = (questionId: number, text: string, by = speaker) =>
  t.app.domain.answers.create(by, questionId, { text, markAnswered: false }).answer.id;
const reply = (questionId: number, text: string) =>
  t.app.domain.answers.create(attendee, questionId, { text, markAnswered: false }).answer.id;

beforeAll(async () => {
  t = await build();
});
beforeEach(() => {
  event = seedEvent(t.app, {
    settings: { postModeration: 'pre', questionModeration: 'pre', archive: 'now' },
  });
  moderator = asModerator(event.eventId);
  speaker = who(event.sessionSpeakerKey);
  attendee = who(joinAttendee(t.app, event.eventId, 'Replier').token);
});
afterAll(() => t.close());

describe('answers and replies in the search index', () => {
  it('finds an answer once written, by its new words once edited and not its old ones', async () => {
    const id = answer(ask('How do capybaras swim?'), 'With webbed capybara feet.');
    expect(await found('webbed')).toEqual([`answer:${id}`]);
    t.app.domain.answers.edit(speaker, id, 'Slowly and calmly.');
    expect(await found('webbed')).toEqual([]);
    expect(await found('calmly')).toEqual([`answer:${id}`]);
    indexInStep();
  });

  it('finds a reply only once approved, and no longer once rejected', async () => {
    const id = reply(ask('Do capybaras bite?'), 'Only when cornered, says the keeper.');
    expect(await found('cornered')).toEqual([]);
    t.app.domain.answers.moderate(moderator, id, 'approve');
    expect(await found('cornered')).toEqual([`reply:${id}`]);
    t.app.domain.answers.moderate(moderator, id, 'reject');
    expect(await found('cornered')).toEqual([]);
    indexInStep();
  });

  it('keeps finding an answer as it is accepted and another is accepted instead', async () => {
    const question = ask('Where do capybaras live?');
    const first = answer(question, 'In South American wetlands.');
    const second = answer(question, 'Near wetlands and rivers.');
    t.app.domain.answers.accept(moderator, first);
    t.app.domain.answers.accept(moderator, second);
    expect(await found('wetlands')).toEqual([`answer:${first}`, `answer:${second}`].sort());
  });

  it('leaves out an answer withdrawn from the archive, and the answers of a withdrawn or dismissed question', async () => {
    const q1 = ask('Are capybaras social?');
    const q2 = ask('Do capybaras sleep?');
    const a1 = answer(q1, 'Very gregarious animals.');
    const a2 = answer(q2, 'Gregarious nappers.');
    const withdraw = (kind: 'answer' | 'question', id: number, withdrawn: boolean) =>
      t.app.domain.archive.setWithdrawn(moderator, event.eventId, { kind, id, withdrawn });
    withdraw('answer', a1, true);
    expect(await found('gregarious')).toEqual([`answer:${a2}`]);
    withdraw('question', q2, true);
    expect(await found('gregarious')).toEqual([]);
    withdraw('answer', a1, false);
    withdraw('question', q2, false);
    t.app.domain.questions.moderate(moderator, q2, 'dismiss');
    expect(await found('gregarious')).toEqual([`answer:${a1}`]);
    indexInStep();
  });

  it('finds a merged duplicate’s answer under the target, and under its own question after the unmerge', async () => {
    const target = ask('How big are capybaras?');
    const duplicate = ask('What size is a capybara?');
    const id = answer(duplicate, 'The largest living rodent.');
    t.app.domain.merges.merge(moderator, duplicate, target);
    const hit = async () =>
      (
        (
          await t.app.inject({
            url: `/api/events/by-code/${event.code}/archive/search?q=rodent`,
          })
        ).json() as ArchiveSearchResult
      ).hits;
    expect(await hit()).toMatchObject([{ kind: 'answer', id, questionId: target }]);
    t.app.domain.merges.unmerge(moderator, duplicate);
    expect(await hit()).toMatchObject([{ kind: 'answer', id, questionId: duplicate }]);
    indexInStep();
  });

  it('drops answers from the index with their session, and with the event’s cleared activity', async () => {
    const other = seedSession(t.app, event.eventId, { title: 'Second', room: 'Room B' }).sessionId;
    answer(ask('Can capybaras climb?', other), 'No, capybaras paddle.', moderator);
    const kept = answer(ask('Can capybaras run?'), 'Yes, capybaras paddle and sprint.');
    t.app.domain.sessions.remove(moderator, other);
    expect(await found('paddle')).toEqual([`answer:${kept}`]);
    indexInStep();
    t.app.domain.events.clearActivity(ADMIN, event.eventId);
    expect(await found('paddle')).toEqual([]);
    indexInStep();
  });
});
