import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../server/auth/principal.ts';
import type { TopicPeople } from '../../../shared/schemas/topics.ts';
import { build, joinAttendee, type TestApp } from '../../helper.ts';
import { HIDDEN, NAMED, SHOWN, UNNAMED, seedArchive, type ArchiveRecord } from './fixtures.ts';

let t: TestApp;
let record: ArchiveRecord;

const XSS = '<script>alert("topic")</script>';
const XSS_NAME = '<img src=x onerror=alert(1)>';
/** Named people whose answers must never count or show: held, refused, withdrawn, not opted in. */
const NEVER = {
  quiet: 'Quinn Quiet',
  pending: 'Pat Pending',
  rejected: 'Rex Rejected',
  withdrawn: 'Wendy Withdrawn',
};
const RUST_HIDDEN = { pendingQuestion: 'PENDINGRUST', pendingPost: 'HELDRUSTPOST' };

const get = (url: string) => t.app.inject({ method: 'GET', url });
const topic = (tag: string, query = '') =>
  get(`/e/${record.event.code}/archive/topics/${tag}${query}`);
const people = (tag: string, code = record.event.code) =>
  get(`/api/events/by-code/${code}/archive/topics/${tag}/people`);

/** On top of the archive fixture: a #rustlang topic with answers from people of every kind. */
function seedRustTopic(): void {
  const { app } = t;
  const { eventId } = record.event;
  const moderator: Principal = { kind: 'moderator', eventId };
  // A session of its own (no tag, its own speaker): #rustlang is only a hashtag here.
  const session = app.domain.sessions.create(moderator, eventId, {
    title: 'Systems talk',
    speaker: 'Rita Rustacean',
    room: 'Room B',
    live: true,
  });
  const sessionId = session.id;
  const who = (token: string) => app.domain.resolvePrincipal(token)!;
  const person = (name: string, named = true) => {
    const attendee = joinAttendee(app, eventId, name);
    if (named) app.domain.archive.setNamed(who(attendee.token), eventId, true);
    return who(attendee.token);
  };
  const ask = (principal: Principal, text: string, anonymous = false, approve = true) => {
    const id = app.domain.questions.create(principal, sessionId, { text, anonymous }).question.id;
    if (approve) app.domain.questions.moderate(moderator, id, 'approve');
    return id;
  };
  const reply = (
    principal: Principal,
    questionId: number,
    text: string,
    action?: 'approve' | 'reject',
  ) => {
    const id = app.domain.answers.create(principal, questionId, { text }).answer.id;
    if (action) app.domain.answers.moderate(moderator, id, action);
    return id;
  };
  const asker = person('Rusty Asker');
  const q1 = ask(asker, 'Is #rustlang async ready?');
  const q2 = ask(person(UNNAMED.anonymous), 'Borrow checker help? #RustLang', true);
  ask(asker, `${RUST_HIDDEN.pendingQuestion} #rustlang?`, false, false);

  const ana = person('Ana Answers');
  app.domain.answers.accept(moderator, reply(ana, q1, 'Tokio is mature.', 'approve'));
  reply(ana, q2, 'Clone less.', 'approve');
  const bob = person('Bob Builder');
  reply(bob, q1, 'Yes, mostly.', 'approve');
  reply(bob, q2, 'Read the book.', 'approve');
  // A reply on a question of another topic counts through its own hashtag.
  reply(bob, record.ids.question, 'Stripes like #rustlang lifetimes.', 'approve');
  reply(person(XSS_NAME), q1, `${XSS} #rustlang`, 'approve');
  const quinn = person(NEVER.quiet, false);
  for (const q of [q1, q1, q2]) reply(quinn, q, 'Quinn knows.', 'approve');
  reply(person(NEVER.pending), q1, 'Held reply.');
  reply(person(NEVER.rejected), q1, 'Refused reply.', 'reject');
  const withdrawn = reply(person(NEVER.withdrawn), q2, 'Withdrawn reply.', 'approve');
  app.domain.archive.setWithdrawn(moderator, eventId, {
    kind: 'answer',
    id: withdrawn,
    withdrawn: true,
  });
  app.domain.answers.create(who(app.domain.sessions.speakerKeyOf(session)), q1, {
    text: 'Speaker says yes.',
  });

  const held = joinAttendee(app, eventId, 'Held Poster');
  app.domain.posts.create(who(held.token), eventId, {
    text: `${RUST_HIDDEN.pendingPost} #rustlang`,
  });
}

beforeAll(async () => {
  t = await build();
  record = seedArchive(t.app);
  seedRustTopic();
});
afterAll(() => t.close());

describe('who knows about a topic', () => {
  it('ranks people by accepted answers, then by their public answers and replies', async () => {
    const res = await people('rustlang');
    expect(res.statusCode).toBe(200);
    const body = res.json<TopicPeople>();
    expect(body.tag).toBe('rustlang');
    // Ana: one accepted (3) and one reply (1); Bob: three replies.
    const person = expect.stringMatching(/^[0-9a-f]{16}$/);
    expect(body.people.slice(0, 2)).toEqual([
      { name: 'Ana Answers', role: 'attendee', person, score: 4, accepted: 1, answers: 2 },
      { name: 'Bob Builder', role: 'attendee', person, score: 3, accepted: 0, answers: 3 },
    ]);
    // Tied on one answer each: the session's speaker and a named attendee, by name.
    expect(body.people.slice(2)).toHaveLength(2);
    expect(body.people.slice(2)).toEqual(
      expect.arrayContaining([
        {
          name: 'Rita Rustacean',
          role: 'speaker',
          person: 'rita_rustacean',
          score: 1,
          accepted: 0,
          answers: 1,
        },
        { name: XSS_NAME, role: 'attendee', person, score: 1, accepted: 0, answers: 1 },
      ]),
    );
  });

  it("credits the session's speaker for its tag and never names a hidden or unnamed answerer", async () => {
    const body = (await people('ZebraScale')).json<TopicPeople>();
    // The session's tag applies to its questions: Bob's reply there counts too; the shy
    // attendee's approved reply and the withdrawn organiser answer do not.
    expect(body.people).toEqual([
      {
        name: 'Dr. Speaker',
        role: 'speaker',
        person: 'dr_speaker',
        score: 3,
        accepted: 1,
        answers: 1,
      },
      {
        name: 'Bob Builder',
        role: 'attendee',
        person: expect.stringMatching(/^[0-9a-f]{16}$/),
        score: 1,
        accepted: 0,
        answers: 1,
      },
    ]);
    const raw = (await people('zebrascale')).body + (await people('rustlang')).body;
    for (const name of [...Object.values(NEVER), ...Object.values(UNNAMED), 'Moderator'])
      expect(raw).not.toContain(name);
  });

  it('answers 404 when the archive is off or the event unknown, 400 for a tag that is not one', async () => {
    const off = seedArchive(t.app, {
      settings: { postModeration: 'pre', questionModeration: 'pre', archive: 'off' },
    });
    const closed = await people('rustlang', off.event.code);
    expect(closed.statusCode).toBe(404);
    expect(closed.json().error.id).toBe('archive_not_found');
    expect((await get(`/e/${off.event.code}/archive/topics/rustlang`)).statusCode).toBe(404);
    expect((await people('rustlang', 'NOPE42')).statusCode).toBe(404);
    expect((await people('%25_')).statusCode).toBe(400);
  });
});

describe('a topic page', () => {
  it('lists the public questions, answers and posts under a hashtag, with who knows', async () => {
    const res = await topic('rustlang');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const html = res.body;
    for (const text of [
      'Is #rustlang async ready?',
      'Borrow checker help?',
      'Tokio is mature.',
      'Stripes like #rustlang lifetimes.',
      SHOWN.post.split(' https')[0]!,
    ])
      expect(html).toContain(text);
    expect(html).toContain('<base href="../" />');
    expect(html.indexOf('Ana Answers')).toBeLessThan(html.indexOf('Bob Builder'));
    expect(html).toContain(NAMED);
    expect(html).toContain('Rusty Asker');
  });

  it('never shows a held, refused or withdrawn item or the name of someone not public', async () => {
    for (const tag of ['rustlang', 'zebrascale']) {
      const html = (await topic(tag)).body;
      for (const text of [...Object.values(HIDDEN), ...Object.values(RUST_HIDDEN)])
        expect(html, `${text} on #${tag}`).not.toContain(text.split(' ')[0]);
      for (const name of [...Object.values(NEVER), ...Object.values(UNNAMED)])
        expect(html, `${name} on #${tag}`).not.toContain(name);
      for (const text of ['Held reply.', 'Refused reply.', 'Withdrawn reply.'])
        expect(html).not.toContain(text);
    }
    const zebra = (await topic('zebrascale')).body;
    expect(zebra).toContain(SHOWN.question);
    expect(zebra).toContain(SHOWN.anonymous);
    expect(zebra).toContain(SHOWN.reply);
  });

  it('escapes markup in answers and names, and turns away a tag that is not one', async () => {
    const html = (await topic('rustlang')).body;
    expect(html).not.toContain(XSS);
    expect(html).not.toContain(XSS_NAME);
    expect(html).toContain('&lt;script&gt;alert(&quot;topic&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const bad = await topic(encodeURIComponent(XSS));
    expect(bad.statusCode).toBe(404);
    expect(bad.body).not.toContain('<script>');
    expect((await topic('rustlang', '?page=99')).statusCode).toBe(404);
    expect((await topic('rustlang', '?page=x')).statusCode).toBe(404);
  });

  it('is linked from the topics of the archive front page', async () => {
    const index = (await get(`/e/${record.event.code}/archive/`)).body;
    expect(index).toContain('href="topics/rustlang.html"');
    expect(index).toContain('href="topics/zebrascale.html"');
    // The same page under the name the static export writes, and its pages as files too.
    const bare = (await topic('rustlang')).body;
    expect((await topic('rustlang.html')).body).toBe(bare);
    expect((await topic('rustlang-p2.html')).statusCode).toBe(404);
  });
});
