/**
 * Text that shows nothing is not a post, question or name; stacked combining marks are capped;
 * names imitating staff or the event are refused; every stored field is cleaned, `sourceId`
 * too. On the old code each of these was stored as sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isReservedName } from '../../shared/names.ts';
import { cleanText, hasVisibleText, MAX_STACKED_MARKS } from '../../shared/text.ts';
import {
  bearer,
  build,
  joinAttendee,
  joinByCode,
  seedEvent,
  solvedAltcha,
  type SeededEvent,
  type TestApp,
} from '../helper.ts';

const INVISIBLE = [
  '\u200B\u200B\u200B', // zero-width spaces
  '\u2060\u2061\u2062', // word joiner, invisible operators
  '\u0301\u0302\u0303\u0304', // combining marks with no base
  '\u3164\u3164\u3164', // Hangul filler
  '\u2800\u2800\u2800', // braille blank
  '\uFE0F\uFE0F\uFE0F', // variation selectors
  ' \u00A0\u3000\u205F ', // spaces of every width
  '\u180E\u200C\u200D\u200B', // Mongolian vowel separator, joiners
];
const STAFF_NAMES = [
  'Moderator',
  'MODERATOR',
  'M0derat0r',
  'Μоdеrаtоr', // Greek and Cyrillic look-alikes
  'ｍｏｄｅｒａｔｏｒ', // full width
  'm o d e r a t o r',
  'The Organizer',
  'organiser team',
  'Ѕреаkеr', // Cyrillic
  'Admin',
  'Administrator',
  'Keynote Speaker',
];

let t: TestApp;
let seeded: SeededEvent;
let token: string;

beforeAll(async () => {
  t = await build();
  seeded = seedEvent(t.app, { name: 'Nordic Dev Days' });
  token = joinAttendee(t.app, seeded.eventId, 'Ada').token;
});
afterAll(() => t.close());

const tables = () =>
  ['posts', 'questions', 'attendees'].map(
    (table) => t.app.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number,
  );

describe('the shared text rules', () => {
  it('see no text in invisible characters and lone marks, and keep real text and emoji', () => {
    for (const text of INVISIBLE) expect(hasVisibleText(cleanText(text)), text).toBe(false);
    for (const text of ['Ada', 'á', '😀', '日本', 'a\u200Bb'])
      expect(hasVisibleText(text)).toBe(true);
  });

  it('cap stacked combining marks', () => {
    const zalgo = `Z${'\u0300\u0301\u0302\u0303'.repeat(10)}!`;
    expect([...cleanText(zalgo)]).toHaveLength(1 + MAX_STACKED_MARKS + 1);
    expect(cleanText('Việt Nam')).toBe('Việt Nam');
  });

  it('find names imitating staff or the event, and let ordinary names be', () => {
    for (const name of STAFF_NAMES)
      expect(isReservedName(name, 'Nordic Dev Days'), name).toBe(true);
    expect(isReservedName('N0rdic Dev Days', 'Nordic Dev Days')).toBe(true);
    for (const name of ['Ada', 'Badminton fan', 'Moritz', 'Grace Hopper', 'Nordic Nick'])
      expect(isReservedName(name, 'Nordic Dev Days'), name).toBe(false);
  });
});

describe('the API', () => {
  it('refuses a post, a question or a name made only of invisible characters, and stores nothing', async () => {
    const before = tables();
    for (const text of INVISIBLE) {
      const replies = [
        await t.app.inject({
          method: 'POST',
          url: `/api/events/${seeded.eventId}/posts`,
          headers: bearer(token),
          payload: { text },
        }),
        await t.app.inject({
          method: 'POST',
          url: `/api/sessions/${seeded.sessionId}/questions`,
          headers: bearer(token),
          payload: { text: text.repeat(2) },
        }),
        await t.app.inject({
          method: 'PATCH',
          url: `/api/events/${seeded.eventId}/attendees/me`,
          headers: bearer(token),
          payload: { displayName: text },
        }),
        await t.app.inject({
          method: 'POST',
          url: `/api/events/by-code/${seeded.code}/attendees`,
          payload: { displayName: text, altcha: await solvedAltcha(t.app, seeded.code) },
        }),
      ];
      for (const res of replies) {
        expect(res.statusCode, `${JSON.stringify(text)}: ${res.body}`).toBe(400);
        expect(res.json().error.id).toBe('validation_failed');
      }
    }
    expect(tables()).toEqual(before);
  });

  it('refuses display names imitating staff or the event with 400 name_reserved', async () => {
    const before = tables();
    for (const displayName of [...STAFF_NAMES, 'Nordic Dev Days']) {
      const joined = await t.app.inject({
        method: 'POST',
        url: `/api/events/by-code/${seeded.code}/attendees`,
        payload: { displayName, altcha: await solvedAltcha(t.app, seeded.code) },
      });
      expect(joined.statusCode, displayName).toBe(400);
      expect(joined.json().error.id).toBe('name_reserved');
      const renamed = await t.app.inject({
        method: 'PATCH',
        url: `/api/events/${seeded.eventId}/attendees/me`,
        headers: bearer(token),
        payload: { displayName },
      });
      expect(renamed.statusCode).toBe(400);
      expect(renamed.json().error.id).toBe('name_reserved');
    }
    expect(tables()).toEqual(before);
    expect((await joinByCode(t.app, seeded.code, 'Badminton fan')).token).toMatch(/^bct_/);
  });

  it('cleans every stored field of an API post, sourceId included', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/events/${seeded.eventId}/posts`,
      headers: bearer(seeded.apiKey),
      payload: {
        text: `Hello\u202E from the API q${'\u0301'.repeat(30)}`,
        author: { name: ' Bot\u0000 ', handle: 'bot\u202Ehandle' },
        sourceId: '  crm-\u202E42\u0007 ',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const row = t.app.db
      .prepare('SELECT text, author_name, author_handle, source_id FROM posts WHERE id = ?')
      .get(res.json().id) as Record<string, string>;
    expect(row.source_id).toBe('crm-42');
    expect(row.author_name).toBe('Bot');
    expect(row.author_handle).toBe('bothandle');
    expect([...row.text!.slice(row.text!.indexOf('q'))]).toHaveLength(1 + MAX_STACKED_MARKS);
    const blank = await t.app.inject({
      method: 'POST',
      url: `/api/events/${seeded.eventId}/posts`,
      headers: bearer(seeded.apiKey),
      payload: { text: 'Fine', sourceId: '\u200B\u200B' },
    });
    expect(blank.statusCode).toBe(400);
  });
});
