import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../server/auth/principal.ts';
import type { PeopleList, PersonDetail, Profile } from '../../../shared/schemas/people.ts';
import type { TopicPeople } from '../../../shared/schemas/topics.ts';
import { bearer, build, joinAttendee, type TestApp } from '../../helper.ts';
import { HIDDEN, NAMED, SHOWN, UNNAMED, seedArchive, type ArchiveRecord } from './fixtures.ts';

let t: TestApp;
let record: ArchiveRecord;
/** Sam chose to be named, asked anonymously, and posted under their name: listed. */
const SAM_POST = 'Sam says hello from the back row';
/** Nora's reply to Sam's anonymous question: on Nora's page, without that question. */
const NORA_REPLY = 'Nora replies to the anonymous one';
let nora: { attendeeId: number; token: string };
let sam: { attendeeId: number; token: string };
let shy: { attendeeId: number; token: string };

const get = (url: string) => t.app.inject({ method: 'GET', url });
const code = () => record.event.code;
const peopleApi = (query = '') => get(`/api/events/by-code/${code()}/archive/people${query}`);
const personApi = (id: string, query = '') =>
  get(`/api/events/by-code/${code()}/archive/people/${encodeURIComponent(id)}${query}`);
const page = (path: string) => get(`/e/${code()}/archive/${path}`);
const profile = (token: string, body?: object) =>
  t.app.inject({
    method: body ? 'PUT' : 'GET',
    url: `/api/events/${record.event.eventId}/attendees/me/profile`,
    headers: bearer(token),
    ...(body ? { payload: body } : {}),
  });
beforeAll(async () => {
  t = await build();
  record = seedArchive(t.app);
  const { app } = t;
  const { eventId } = record.event;
  const moderator: Principal = { kind: 'moderator', eventId };
  const who = (token: string) => app.domain.resolvePrincipal(token)!;
  nora = joinAttendee(app, eventId, `${NAMED} Two`);
  sam = joinAttendee(app, eventId, 'Sam Both');
  shy = joinAttendee(app, eventId, 'Shy Writer');
  app.domain.archive.setNamed(who(nora.token), eventId, true);
  app.domain.archive.setNamed(who(sam.token), eventId, true);
  const anonymous = app.domain.questions.create(who(sam.token), record.event.sessionId, {
    text: 'Who else finds this hard? #anonymoustag',
    anonymous: true,
  }).question.id;
  app.domain.questions.moderate(moderator, anonymous, 'approve');
  const samPost = app.domain.posts.create(who(sam.token), eventId, { text: SAM_POST }).post.id;
  app.domain.posts.moderate(moderator, samPost, 'approve');
  const reply = app.domain.answers.create(who(nora.token), anonymous, { text: NORA_REPLY }).answer
    .id;
  app.domain.answers.moderate(moderator, reply, 'approve');
  const named = app.domain.questions.create(who(nora.token), record.event.sessionId, {
    text: 'Nora asks under her name about #wasm',
  }).question.id;
  app.domain.questions.moderate(moderator, named, 'approve');
  // Shy never opts in: approved reply and post, never a person.
  const shyPost = app.domain.posts.create(who(shy.token), eventId, { text: 'Shy post' }).post.id;
  app.domain.posts.moderate(moderator, shyPost, 'approve');
});
afterAll(() => t.close());

describe("an attendee's profile", () => {
  it('is refused with 409 not_listed until they chose to be named', async () => {
    expect((await profile(shy.token)).json<Profile>()).toEqual({
      named: false,
      affiliation: null,
      link: null,
      person: null,
    });
    const res = await profile(shy.token, { affiliation: 'ACME', link: null });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.id).toBe('not_listed');
    expect((await profile(shy.token)).json<Profile>().affiliation).toBeNull();
  });

  it('takes a cleaned affiliation and an https link, and an empty value clears it', async () => {
    const res = await profile(nora.token, {
      affiliation: '  Zebra\n  Labs ',
      link: 'https://Example.org/nora',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<Profile>();
    expect(body).toMatchObject({
      named: true,
      affiliation: 'Zebra Labs',
      link: 'https://example.org/nora',
    });
    expect(body.person).toMatch(/^[0-9a-f]{16}$/);
    const cleared = await profile(sam.token, { affiliation: '', link: '' });
    expect(cleared.json<Profile>()).toMatchObject({ affiliation: null, link: null });
  });

  it('refuses a link that is not https, and bad text, with stable ids and changes nothing', async () => {
    const cases: Array<[object, number, string]> = [
      [{ affiliation: 'X', link: 'http://example.org' }, 400, 'link_invalid'],
      [{ affiliation: 'X', link: 'javascript:alert(1)' }, 400, 'link_invalid'],
      [{ affiliation: 'X', link: 'https://user:pw@example.org/' }, 400, 'link_invalid'],
      [{ affiliation: 'X', link: 'example.org' }, 400, 'link_invalid'],
      [
        { affiliation: 'X', link: `https://example.org/${'a'.repeat(200)}` },
        400,
        'validation_failed',
      ],
      [{ affiliation: 'x'.repeat(81), link: null }, 400, 'validation_failed'],
      [{ affiliation: '\u200b\u200b', link: null }, 400, 'validation_failed'],
      [{ affiliation: 'Event Moderator team', link: null }, 400, 'name_reserved'],
      [{ affiliation: 'X' }, 400, 'validation_failed'],
      [{ affiliation: 'X', link: null, extra: 1 }, 400, 'validation_failed'],
    ];
    for (const [body, status, id] of cases) {
      const res = await profile(nora.token, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error.id, JSON.stringify(body)).toBe(id);
    }
    expect((await profile(nora.token)).json<Profile>()).toMatchObject({
      affiliation: 'Zebra Labs',
      link: 'https://example.org/nora',
    });
  });

  it('refuses a blocked author with 403 author_blocked, and stops publishing what they set', async () => {
    const { eventId } = record.event;
    const blocked = joinAttendee(t.app, eventId, 'Blocked Person');
    t.app.domain.archive.setNamed(t.app.domain.resolvePrincipal(blocked.token)!, eventId, true);
    expect(
      (await profile(blocked.token, { affiliation: 'Spam Inc', link: 'https://spam.example/' }))
        .statusCode,
    ).toBe(200);
    const moderator: Principal = { kind: 'moderator', eventId };
    const asked = t.app.domain.questions.create(
      t.app.domain.resolvePrincipal(blocked.token)!,
      record.event.sessionId,
      { text: 'A fair question before the block' },
    ).question.id;
    t.app.domain.questions.moderate(moderator, asked, 'approve');
    t.app.domain.moderation.setAuthorRule(moderator, eventId, {
      authorKey: `attendee:${blocked.attendeeId}`,
      displayName: 'Blocked Person',
      rule: 'blocked',
    });
    const res = await profile(blocked.token, { affiliation: 'Spam Inc', link: null });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.id).toBe('author_blocked');
    const list = (await peopleApi()).json<PeopleList>();
    expect(list.people.find((p) => p.name === 'Blocked Person')).toMatchObject({
      affiliation: null,
      link: null,
    });
    expect((await page('people.html')).body).not.toContain('spam.example');
  });

  it('answers 401 without a token and 403 for a moderator key', async () => {
    const url = `/api/events/${record.event.eventId}/attendees/me/profile`;
    expect((await get(url)).statusCode).toBe(401);
    const staff = await t.app.inject({
      method: 'GET',
      url,
      headers: bearer(record.event.moderatorKey),
    });
    expect(staff.statusCode).toBe(403);
  });
});

/** Every public place a person shows: the people list and each person's page, HTML and JSON. */
async function everyPersonSurface(): Promise<Array<{ where: string; body: string }>> {
  const out: Array<{ where: string; body: string }> = [];
  const list = await peopleApi();
  expect(list.statusCode).toBe(200);
  out.push({ where: 'people API', body: list.body });
  out.push({ where: 'people.html', body: (await page('people.html')).body });
  out.push({ where: 'people', body: (await page('people')).body });
  for (const person of list.json<PeopleList>().people) {
    const api = await personApi(person.id);
    expect(api.statusCode, person.id).toBe(200);
    out.push({ where: `API ${person.name}`, body: api.body });
    const html = await page(person.href);
    expect(html.statusCode, person.href).toBe(200);
    out.push({ where: person.href, body: html.body });
  }
  return out;
}

describe('the people of the archive', () => {
  it('lists the speaker and the named attendees with a public item, with what counts', async () => {
    const list = (await peopleApi()).json<PeopleList>();
    expect(list.page).toBe(1);
    expect(list.people[0]).toMatchObject({
      id: 'dr_speaker',
      name: 'Dr. Speaker',
      role: 'speaker',
      href: 'people/dr_speaker.html',
      counts: { sessions: 1, answers: 1, accepted: 1, questions: 0, posts: 0 },
    });
    const noraTwo = list.people.find((p) => p.name === `${NAMED} Two`)!;
    expect(noraTwo).toMatchObject({
      role: 'attendee',
      affiliation: 'Zebra Labs',
      link: 'https://example.org/nora',
      counts: { questions: 1, answers: 1, accepted: 0, posts: 0 },
    });
    expect(noraTwo.id).toMatch(/^[0-9a-f]{16}$/);
    // Sam is listed for the post only: the anonymous question is in no count.
    expect(list.people.find((p) => p.name === 'Sam Both')?.counts).toEqual({
      sessions: 0,
      questions: 0,
      answers: 0,
      accepted: 0,
      posts: 1,
    });
    expect(list.total).toBe(list.people.length);
  });

  it('never lists, names or counts an attendee who did not opt in, nor an anonymous question', async () => {
    for (const { where, body } of await everyPersonSurface()) {
      for (const name of [...Object.values(UNNAMED), 'Shy Writer', 'Shy post'])
        expect(body, `${name} in ${where}`).not.toContain(name);
      for (const text of [SHOWN.anonymous, 'Who else finds this hard', 'anonymoustag'])
        expect(body, `${text} in ${where}`).not.toContain(text);
      for (const text of Object.values(HIDDEN))
        expect(body, `${text} in ${where}`).not.toContain(text.split(' ')[0]);
    }
  });

  it("shows a person's questions, replies and posts, the question of a reply only when it was named", async () => {
    const list = (await peopleApi()).json<PeopleList>();
    const noraTwo = list.people.find((p) => p.name === `${NAMED} Two`)!;
    const detail = (await personApi(noraTwo.id)).json<PersonDetail>();
    expect(detail.questions.map((q) => q.text)).toEqual(['Nora asks under her name about #wasm']);
    expect(detail.answers).toHaveLength(1);
    expect(detail.answers[0]).toMatchObject({ text: NORA_REPLY, question: null, kind: 'reply' });
    expect(detail.answers[0]!.href).toMatch(/^session-\d+\.html#a-\d+$/);
    expect(detail.topics).toEqual([
      { tag: 'zebrascale', count: 2 },
      { tag: 'wasm', count: 1 },
    ]);
    const html = (await page(noraTwo.href)).body;
    expect(html).toContain('<base href="../" />');
    expect(html).toContain(
      '<a href="https://example.org/nora" rel="nofollow ugc noopener">https://example.org/nora</a>',
    );
    expect(html).toContain('Zebra Labs');
    expect(html).toContain('href="topics/wasm.html"');
    expect(html).toContain(NORA_REPLY);
    // The speaker's page: the session and the accepted answer, with its (named) question.
    const speaker = (await page('people/dr_speaker.html')).body;
    expect(speaker).toContain('Zebra scaling keynote');
    expect(speaker).toContain(SHOWN.answer);
    expect(speaker).toContain(SHOWN.question);
    expect(speaker).toContain('Accepted answer');
  });

  it('answers 404 for a person not listed, an unknown id, and a page past the last', async () => {
    const samId = (await profile(sam.token)).json<Profile>().person!;
    expect((await personApi(samId)).statusCode).toBe(200);
    // Shy has no public id at all; an attendee named with nothing public has no page.
    const quiet = joinAttendee(t.app, record.event.eventId, 'Quiet Named');
    t.app.domain.archive.setNamed(
      t.app.domain.resolvePrincipal(quiet.token)!,
      record.event.eventId,
      true,
    );
    const quietId = (await profile(quiet.token)).json<Profile>().person!;
    expect(quietId).toMatch(/^[0-9a-f]{16}$/);
    for (const id of [quietId, '0000000000000001', 'nobody']) {
      const res = await personApi(id);
      expect(res.statusCode, id).toBe(404);
      expect(res.json().error.id).toBe('not_found');
      expect((await page(`people/${id}.html`)).statusCode).toBe(404);
    }
    expect((await personApi('bad-id')).statusCode).toBe(400);
    expect((await page('people/bad-id.html')).statusCode).toBe(404);
    expect((await personApi(samId, '?page=2')).statusCode).toBe(404);
    expect((await page(`people/${samId}-p2.html`)).statusCode).toBe(404);
    expect((await peopleApi('?page=2')).statusCode).toBe(404);
    expect((await peopleApi('?page=0')).statusCode).toBe(400);
    expect((await peopleApi('?limit=5')).statusCode).toBe(400);
  });

  it('keeps the same id when an attendee opts out and in again, and unlists them while out', async () => {
    const before = (await profile(sam.token)).json<Profile>().person!;
    t.app.domain.archive.setNamed(
      t.app.domain.resolvePrincipal(sam.token)!,
      record.event.eventId,
      false,
    );
    expect((await personApi(before)).statusCode).toBe(404);
    expect((await peopleApi()).body).not.toContain('Sam Both');
    t.app.domain.archive.setNamed(
      t.app.domain.resolvePrincipal(sam.token)!,
      record.event.eventId,
      true,
    );
    expect((await profile(sam.token)).json<Profile>().person).toBe(before);
    expect((await personApi(before)).statusCode).toBe(200);
  });

  it('is linked from the navigation, from bylines and from who knows about a topic', async () => {
    const index = (await page('')).body;
    expect(index).toContain('<a href="people.html">People</a>');
    const noraTwo = (await peopleApi())
      .json<PeopleList>()
      .people.find((p) => p.name === `${NAMED} Two`)!;
    const session = (await page(`session-${record.event.sessionId}.html`)).body;
    expect(session).toContain(`<a href="${noraTwo.href}">${NAMED} Two</a>`);
    const topic = (await page('topics/zebrascale.html')).body;
    expect(topic).toContain('<a href="people/dr_speaker.html">Dr. Speaker</a>');
  });

  it('answers 404 when the archive is off', async () => {
    const off = seedArchive(t.app, {
      settings: { postModeration: 'pre', questionModeration: 'pre', archive: 'off' },
    });
    const res = await get(`/api/events/by-code/${off.event.code}/archive/people`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.id).toBe('archive_not_found');
    expect((await get(`/e/${off.event.code}/archive/people`)).statusCode).toBe(404);
    expect((await get(`/e/${off.event.code}/archive/people/dr_speaker.html`)).statusCode).toBe(404);
  });
});

describe('who knows about a topic, weighed', () => {
  it('weighs an accepted answer 3 and any other answer or reply 1', async () => {
    const { app } = t;
    const { eventId } = record.event;
    const moderator: Principal = { kind: 'moderator', eventId };
    const who = (token: string) => app.domain.resolvePrincipal(token)!;
    const person = (name: string) => {
      const a = joinAttendee(app, eventId, name);
      app.domain.archive.setNamed(who(a.token), eventId, true);
      return who(a.token);
    };
    // One asker each: asking is rate limited per attendee.
    const questions = [1, 2, 3, 4].map((n) => {
      const id = app.domain.questions.create(person(`Asker ${n}`), record.event.sessionId, {
        text: `Question ${n} on #webgpu?`,
      }).question.id;
      app.domain.questions.moderate(moderator, id, 'approve');
      return id;
    });
    const reply = (p: Principal, q: number, text: string) => {
      const id = app.domain.answers.create(p, q, { text }).answer.id;
      app.domain.answers.moderate(moderator, id, 'approve');
      return id;
    };
    // Acer: one accepted (3). Fourfold: four replies (4). Duo: two replies (2).
    const acer = person('Acer Accepted');
    app.domain.answers.accept(moderator, reply(acer, questions[0]!, 'Accepted one.'));
    const four = person('Fourfold Replier');
    for (const q of questions) reply(four, q, 'Another reply.');
    const duo = person('Duo Replier');
    for (const q of questions.slice(0, 2)) reply(duo, q, 'A reply.');
    const body = (
      await get(`/api/events/by-code/${code()}/archive/topics/webgpu/people`)
    ).json<TopicPeople>();
    expect(body.people.map((p) => [p.name, p.score, p.accepted, p.answers])).toEqual([
      ['Fourfold Replier', 4, 0, 4],
      ['Acer Accepted', 3, 1, 1],
      ['Duo Replier', 2, 0, 2],
    ]);
    const html = (await page('topics/webgpu.html')).body;
    expect(html.indexOf('Fourfold Replier')).toBeLessThan(html.indexOf('Acer Accepted'));
    for (const p of body.people) expect(html).toContain(`href="people/${p.person}.html"`);
  });
});
