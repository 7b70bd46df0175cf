/**
 * The service methods that used to be guarded by their routes check the caller themselves, so a
 * new path to the same write (a socket command, a script) cannot forget it. Each is called with
 * every wrong principal: refused (401 without a credential, 403 otherwise), nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../server/auth/principal.ts';
import { AppError } from '../../server/lib/errors.ts';
import { ADMIN, asModerator, build, type TestApp } from '../helper.ts';
import { buildWorld, dumpTables, pendingPost, principalOf, type World } from './support.ts';

let t: TestApp;
let w: World;
let postOfA: number;
beforeAll(async () => {
  t = await build();
  w = buildWorld(t.app);
  postOfA = pendingPost(t.app, w).postId;
});
afterAll(() => t.close());

/** The status a call is refused with, or null when it went through. */
function refusal(call: () => unknown): number | null {
  try {
    call();
    return null;
  } catch (error) {
    if (error instanceof AppError) return error.statusCode;
    throw error;
  }
}

const others = (): Array<[string, Principal, number]> => [
  ['nobody', { kind: 'anonymous' }, 401],
  ['the admin', ADMIN, 403],
  ["another event's moderator", asModerator(w.b.eventId), 403],
  ['an attendee', principalOf(t.app, w.attendeeA), 403],
  [
    "the session's speaker",
    { kind: 'speaker', eventId: w.a.eventId, sessionId: w.a.sessionId },
    403,
  ],
  ["the event's API key", { kind: 'apiKey', eventId: w.a.eventId }, 403],
];

const moderatorOnly: Array<[string, (who: Principal) => unknown]> = [
  ['sessions.create', (who) => t.app.domain.sessions.create(who, w.a.eventId, { title: 'Sneaky' })],
  [
    'sessions.update',
    (who) => t.app.domain.sessions.update(who, w.a.sessionId, { title: 'Sneaky' }),
  ],
  ['sessions.remove', (who) => t.app.domain.sessions.remove(who, w.a2.sessionId)],
  ['sessions.speakerAccess', (who) => t.app.domain.sessions.speakerAccess(who, w.a.sessionId)],
  ['events.update', (who) => t.app.domain.events.update(who, w.a.eventId, { name: 'Sneaky' })],
  [
    'posts.moderationPage',
    (who) => t.app.domain.posts.moderationPage(who, w.a.eventId, { limit: 5 }),
  ],
  ['moderation.log', (who) => t.app.domain.moderation.log(who, w.a.eventId, { limit: 5 })],
  ['sources.view', (who) => t.app.domain.sources.view(who, w.a.eventId)],
  [
    'archive.setWithdrawn',
    (who) =>
      t.app.domain.archive.setWithdrawn(who, w.a.eventId, {
        kind: 'post',
        id: postOfA,
        withdrawn: true,
      }),
  ],
];

describe('service methods for moderators', () => {
  for (const [name, call] of moderatorOnly) {
    it(`${name} refuses everyone but the event's moderator and changes nothing`, () => {
      const before = dumpTables(t.app);
      for (const [who, principal, status] of others())
        expect(
          refusal(() => call(principal)),
          who,
        ).toBe(status);
      expect(dumpTables(t.app)).toEqual(before);
      expect(refusal(() => call(asModerator(w.a.eventId)))).toBeNull();
    });
  }
});

describe('service methods for the organiser', () => {
  const adminOnly: Array<[string, (who: Principal) => unknown]> = [
    ['events.listAll', (who) => t.app.domain.events.listAll(who)],
    ['events.create', (who) => t.app.domain.events.create(who, { name: 'Sneaky Conf' })],
    ['events.remove', (who) => t.app.domain.events.remove(who, w.b.eventId)],
    ['events.clearActivity', (who) => t.app.domain.events.clearActivity(who, w.b.eventId)],
  ];
  for (const [name, call] of adminOnly) {
    it(`${name} refuses everyone but the admin and changes nothing`, () => {
      const before = dumpTables(t.app);
      const wrong: Array<[string, Principal, number]> = [
        ['nobody', { kind: 'anonymous' }, 401],
        ["the event's moderator", asModerator(w.b.eventId), 403],
        ['an attendee', principalOf(t.app, w.attendeeB), 403],
      ];
      for (const [who, principal, status] of wrong)
        expect(
          refusal(() => call(principal)),
          who,
        ).toBe(status);
      expect(dumpTables(t.app)).toEqual(before);
    });
  }
});

describe('attendees.rename', () => {
  it('renames only the calling attendee, and only in their own event', () => {
    const attendee = principalOf(t.app, w.attendeeA);
    expect(refusal(() => t.app.domain.attendees.rename(attendee, w.b.eventId, 'Elsewhere'))).toBe(
      403,
    );
    expect(
      refusal(() => t.app.domain.attendees.rename(asModerator(w.a.eventId), w.a.eventId, 'Mod')),
    ).toBe(403);
    expect(t.app.domain.attendees.rename(attendee, w.a.eventId, 'Renamed').displayName).toBe(
      'Renamed',
    );
  });
});

describe('service methods for the calling attendee', () => {
  const notAttendees = (): Array<[string, Principal, number]> =>
    others().filter(([who]) => who !== 'an attendee');

  it('attendees.me answers any attendee with their own questions and refuses everyone else', () => {
    const before = dumpTables(t.app);
    for (const [who, principal, status] of [
      ...notAttendees(),
      ["the event's moderator", asModerator(w.a.eventId), 403] as const,
    ])
      expect(
        refusal(() => t.app.domain.attendees.me(principal)),
        who,
      ).toBe(status);
    expect(dumpTables(t.app)).toEqual(before);
    const outsider = principalOf(t.app, w.attendeeB);
    expect(t.app.domain.attendees.me(outsider).attendee.eventId).toBe(w.b.eventId);
  });

  it('archive.named and archive.setNamed take only the calling attendee of the event', () => {
    const before = dumpTables(t.app);
    const wrong: Array<[string, Principal, number]> = [
      ...notAttendees(),
      ["the event's moderator", asModerator(w.a.eventId), 403],
      ["another event's attendee", principalOf(t.app, w.attendeeB), 403],
    ];
    for (const [who, principal, status] of wrong) {
      expect(
        refusal(() => t.app.domain.archive.named(principal, w.a.eventId)),
        who,
      ).toBe(status);
      expect(
        refusal(() => t.app.domain.archive.setNamed(principal, w.a.eventId, true)),
        who,
      ).toBe(status);
    }
    expect(dumpTables(t.app)).toEqual(before);
    const attendee = principalOf(t.app, w.attendeeA);
    expect(t.app.domain.archive.setNamed(attendee, w.a.eventId, true)).toBe(true);
    expect(t.app.domain.archive.named(attendee, w.a.eventId)).toBe(true);
  });
});

describe('the event logo', () => {
  it("logos.upload and logos.remove refuse everyone but the admin and the event's moderator", () => {
    const before = dumpTables(t.app);
    for (const [who, principal, status] of others().filter(([who]) => who !== 'the admin')) {
      expect(
        refusal(() => t.app.domain.logos.upload(principal, w.a.eventId, Buffer.alloc(0))),
        who,
      ).toBe(status);
      expect(
        refusal(() => t.app.domain.logos.remove(principal, w.a.eventId)),
        who,
      ).toBe(status);
    }
    expect(dumpTables(t.app)).toEqual(before);
    expect(refusal(() => t.app.domain.logos.remove(ADMIN, w.a.eventId))).toBeNull();
    expect(
      refusal(() => t.app.domain.logos.remove(asModerator(w.a.eventId), w.a.eventId)),
    ).toBeNull();
  });

  it('logos.admitUpload refuses an upload unread unless the caller may brand some event', () => {
    const refused: Array<[string, Principal, number]> = [
      ['nobody', { kind: 'anonymous' }, 401],
      ['an attendee', principalOf(t.app, w.attendeeA), 403],
      ["the event's API key", { kind: 'apiKey', eventId: w.a.eventId }, 403],
      ['a speaker', { kind: 'speaker', eventId: w.a.eventId, sessionId: w.a.sessionId }, 403],
    ];
    for (const [who, principal, status] of refused)
      expect(
        refusal(() => t.app.domain.logos.admitUpload(principal)),
        who,
      ).toBe(status);
    expect(refusal(() => t.app.domain.logos.admitUpload(ADMIN))).toBeNull();
    expect(refusal(() => t.app.domain.logos.admitUpload(asModerator(w.b.eventId)))).toBeNull();
  });
});
