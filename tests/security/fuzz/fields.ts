import fc from 'fast-check';
import { httpUrl, isoDate, tag, unicode } from '../arbitraries.ts';

/** Sensible values for the fields of each body. */
export const settings = fc.record(
  {
    postModeration: fc.constantFrom('pre', 'post'),
    questionModeration: fc.constantFrom('pre', 'post'),
    allowAnonymous: fc.boolean(),
    archive: fc.constantFrom('off', 'now', 'after_end', 'later'),
  },
  { requiredKeys: [] },
);
export const branding = fc.record(
  {
    accentColor: fc.stringMatching(/^#[0-9a-f]{6}$/),
    logoUrl: fc.option(httpUrl),
    theme: fc.constantFrom('dark', 'light'),
  },
  { requiredKeys: [] },
);
export const eventFields = {
  name: unicode,
  hashtags: fc.array(tag, { maxLength: 3 }),
  questionTag: tag,
  settings,
  branding,
  timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'Asia/Tokyo', 'Nowhere/Else', ''),
};
export const sessionFields = {
  title: unicode,
  speaker: unicode,
  room: fc.constantFrom('Main hall', 'Room B', 'Room C'),
  tag: fc.option(tag),
  startsAt: fc.option(isoDate),
  endsAt: fc.option(isoDate),
  questionsOpen: fc.boolean(),
  live: fc.boolean(),
};
export const clientId = fc.stringMatching(/^[A-Za-z0-9_-]{8,20}$/);
/** Mostly words, so bodies often pass validation and reach the domain; sometimes any unicode. */
export const words = fc.oneof(
  { weight: 2, arbitrary: fc.lorem({ maxCount: 8 }) },
  { weight: 1, arbitrary: unicode },
);
export const postFields = {
  text: words,
  clientId,
  author: fc.record({ name: words, handle: words, avatarUrl: httpUrl }, { requiredKeys: ['name'] }),
  sourceId: unicode,
  media: fc.array(httpUrl, { maxLength: 5 }),
};
export const questionFields = {
  text: fc.oneof(words, fc.string({ minLength: 3, maxLength: 60 })),
  anonymous: fc.boolean(),
  clientId,
};
export const postAction = fc.constantFrom('approve', 'reject', 'hide', 'pin', 'unpin');
export const questionAction = fc.constantFrom(
  'approve',
  'dismiss',
  'answer',
  'restore',
  'spotlight',
  'unspotlight',
);

/**
 * Source settings that never switch a network on for a public host: Bluesky stays off (it
 * would open the public Jetstream) and every instance is refused or local and closed.
 */
export const sourceSettingsFields = {
  bluesky: fc.record({
    enabled: fc.constant(false),
    mentions: fc.option(fc.constantFrom('conf.bsky.social', 'did:plc:abc123', 'not a handle')),
  }),
  mastodon: fc.record({
    enabled: fc.boolean(),
    instances: fc.array(
      fc.record(
        {
          origin: fc.constantFrom('http://127.0.0.1:9', 'https://10.0.0.1', 'https://x', unicode),
          token: fc.option(fc.string({ minLength: 0, maxLength: 60 })),
        },
        { requiredKeys: ['origin'] },
      ),
      { maxLength: 3 },
    ),
    mentions: fc.option(fc.constantFrom('conf@127.0.0.1:9', 'conf', '@a@b.c')),
  }),
  extraHashtags: fc.array(tag, { maxLength: 3 }),
};

/** A real id (read when drawn, so fixtures exist by then) or any integer. */
export const id = (values: () => string[]) =>
  fc
    .constant(null)
    .map(() => values())
    .chain((v) => fc.oneof(fc.constantFrom(...v.map(Number)), fc.integer()));

export const authorRuleFields = {
  authorKey: fc.oneof(
    fc.constantFrom('api:bot', 'attendee:1', 'x:someone', 'web:1:abc'),
    fc.stringMatching(/^(attendee:\d{1,4}|(web|api|x):\S{1,20})$/),
  ),
  displayName: unicode,
  rule: fc.constantFrom('blocked', 'trusted', null),
};
export const screenMode = fc.constantFrom('wall', 'questions', 'spotlight', 'join');
