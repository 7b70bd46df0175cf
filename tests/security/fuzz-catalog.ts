/**
 * The fuzzing catalog: every route and socket command, the credential that lets a body reach
 * validation, and sensible values for each field (which shapedPairs then mixes with hostile ones).
 */
import fc from 'fast-check';
import type { HTTPMethods } from 'fastify';
import { httpUrl, isoDate, tag, unicode } from './arbitraries.ts';
import type { World } from './support.ts';

/** Sensible values for the fields of each body. */
const settings = fc.record(
  { postModeration: fc.constantFrom('pre', 'post'), questionModeration: fc.constantFrom('pre', 'post'), allowAnonymous: fc.boolean() },
  { requiredKeys: [] },
);
const branding = fc.record(
  { accentColor: fc.stringMatching(/^#[0-9a-f]{6}$/), logoUrl: fc.option(httpUrl), theme: fc.constantFrom('dark', 'light') },
  { requiredKeys: [] },
);
const eventFields = { name: unicode, hashtags: fc.array(tag, { maxLength: 3 }), questionTag: tag, settings, branding };
const sessionFields = {
  title: unicode,
  speaker: unicode,
  room: fc.constantFrom('Main hall', 'Room B', 'Room C'),
  tag: fc.option(tag),
  startsAt: fc.option(isoDate),
  endsAt: fc.option(isoDate),
  questionsOpen: fc.boolean(),
  live: fc.boolean(),
};
const clientId = fc.stringMatching(/^[A-Za-z0-9_-]{8,20}$/);
/** Mostly words, so bodies often pass validation and reach the domain; sometimes any unicode. */
const words = fc.oneof({ weight: 2, arbitrary: fc.lorem({ maxCount: 8 }) }, { weight: 1, arbitrary: unicode });
const postFields = {
  text: words,
  clientId,
  author: fc.record({ name: words, handle: words, avatarUrl: httpUrl }, { requiredKeys: ['name'] }),
  sourceId: unicode,
  media: fc.array(httpUrl, { maxLength: 5 }),
};
const questionFields = { text: fc.oneof(words, fc.string({ minLength: 3, maxLength: 60 })), anonymous: fc.boolean(), clientId };
const postAction = fc.constantFrom('approve', 'reject', 'hide', 'pin', 'unpin');
const questionAction = fc.constantFrom('approve', 'dismiss', 'answer', 'restore', 'spotlight', 'unspotlight');

/** A real id (read when drawn, so fixtures exist by then) or any integer. */
const id = (values: () => string[]) => fc.constant(null).map(() => values()).chain((v) => fc.oneof(fc.constantFrom(...v.map(Number)), fc.integer()));

const authorRuleFields = {
  authorKey: fc.oneof(fc.constantFrom('api:bot', 'attendee:1', 'x:someone', 'web:1:abc'), fc.stringMatching(/^(attendee:\d{1,4}|(web|api|x):\S{1,20})$/)),
  displayName: unicode,
  rule: fc.constantFrom('blocked', 'trusted', null),
};
const screenMode = fc.constantFrom('wall', 'questions', 'spotlight', 'join');

export interface FuzzRoute {
  method: HTTPMethods;
  path: string;
  params?: Record<string, () => string[]>;
  query?: string[];
  body?: Record<string, fc.Arbitrary<unknown>>;
  token?: () => string | undefined;
}

export interface FuzzIds {
  posts: string[];
  questions: string[];
  /** Pending questions of one author, for withdrawing. */
  pending: string[];
  pendingAuthor: string;
}

export interface Fixtures {
  w: World;
  ids: FuzzIds;
  freshAttendee(): string;
}

export interface FuzzCommand {
  name: string;
  fields: Record<string, fc.Arbitrary<unknown>>;
  token: () => string | undefined;
}

/**
 * Every route and command with the right credential and sensible values for its fields. Read
 * lazily through `fixtures()`, since the world is built after the tests are collected.
 */
export function fuzzCatalog(fixtures: () => Fixtures): { routes: FuzzRoute[]; commands: FuzzCommand[] } {
  const w = () => fixtures().w;
  const ids = () => fixtures().ids;
  const freshAttendee = () => fixtures().freshAttendee();
  const eventId = () => [String(w().a.eventId), String(w().b.eventId)];
  const sessionId = () => [String(w().a.sessionId), String(w().a2.sessionId), String(w().b.sessionId)];
  const moderator = () => w().a.moderatorKey;
  const bulkFields = { postIds: fc.array(id(() => ids().posts), { maxLength: 5 }), action: postAction };

  const routes: FuzzRoute[] = [
    { method: 'GET', path: '/api/health' },
    { method: 'GET', path: '/api/events', token: () => w().adminToken },
    { method: 'POST', path: '/api/events', body: { ...eventFields, code: fc.stringMatching(/^[A-Z0-9]{3,8}$/) }, token: () => w().adminToken },
    { method: 'GET', path: '/api/events/by-code/:code', params: { code: () => [w().a.code, w().a.code.toLowerCase(), 'NOPE42'] } },
    { method: 'GET', path: '/api/events/:eventId', params: { eventId } },
    { method: 'PATCH', path: '/api/events/:eventId', params: { eventId }, body: eventFields, token: moderator },
    { method: 'GET', path: '/api/events/:eventId/sessions', params: { eventId } },
    { method: 'POST', path: '/api/events/:eventId/sessions', params: { eventId }, body: sessionFields, token: moderator },
    { method: 'PATCH', path: '/api/sessions/:sessionId', params: { sessionId }, body: sessionFields, token: moderator },
    { method: 'GET', path: '/api/sessions/:sessionId/speaker-link', params: { sessionId }, token: moderator },
    { method: 'POST', path: '/api/events/:eventId/attendees', params: { eventId }, body: { displayName: unicode } },
    { method: 'GET', path: '/api/me', token: () => w().attendeeA },
    { method: 'PATCH', path: '/api/events/:eventId/attendees/me', params: { eventId }, body: { displayName: fc.option(unicode) }, token: () => w().attendeeA },
    { method: 'POST', path: '/api/events/:eventId/posts', params: { eventId }, body: postFields, token: () => w().a.apiKey },
    { method: 'POST', path: '/api/events/:eventId/posts', params: { eventId }, body: postFields, token: freshAttendee },
    { method: 'GET', path: '/api/events/:eventId/posts', params: { eventId }, query: ['cursor', 'limit'] },
    { method: 'GET', path: '/api/events/:eventId/moderation/posts', params: { eventId }, query: ['cursor', 'limit', 'status', 'q'], token: moderator },
    { method: 'POST', path: '/api/posts/:postId/moderation', params: { postId: () => ids().posts }, body: { action: postAction }, token: moderator },
    { method: 'GET', path: '/api/events/:eventId/moderation/log', params: { eventId }, query: ['cursor', 'limit'], token: moderator },
    { method: 'POST', path: '/api/sessions/:sessionId/questions', params: { sessionId }, body: questionFields, token: freshAttendee },
    { method: 'GET', path: '/api/sessions/:sessionId/questions', params: { sessionId }, query: ['sort'], token: () => w().attendeeA },
    { method: 'GET', path: '/api/sessions/:sessionId/moderation/questions', params: { sessionId }, query: ['sort', 'q'], token: moderator },
    { method: 'GET', path: '/api/events/:eventId/questions/search', params: { eventId }, query: ['q', 'cursor', 'limit'], token: moderator },
    {
      method: 'POST',
      path: '/api/questions/:questionId/moderation',
      params: { questionId: () => ids().questions },
      body: { action: questionAction },
      token: moderator,
    },
    { method: 'PATCH', path: '/api/questions/:questionId', params: { questionId: () => ids().questions }, body: { text: unicode }, token: moderator },
    { method: 'DELETE', path: '/api/questions/:questionId', params: { questionId: () => ids().pending }, token: () => ids().pendingAuthor },
    { method: 'PUT', path: '/api/questions/:questionId/vote', params: { questionId: () => ids().questions }, token: freshAttendee },
    { method: 'DELETE', path: '/api/questions/:questionId/vote', params: { questionId: () => ids().questions }, token: () => w().attendeeA },
    { method: 'GET', path: '/api/events/:eventId/authors', params: { eventId }, token: moderator },
    { method: 'PUT', path: '/api/events/:eventId/authors/rule', params: { eventId }, body: authorRuleFields, token: moderator },
    { method: 'POST', path: '/api/events/:eventId/moderation/posts/bulk', params: { eventId }, body: bulkFields, token: moderator },
    { method: 'GET', path: '/api/events/:eventId/moderation/words', params: { eventId }, token: moderator },
    { method: 'PUT', path: '/api/events/:eventId/moderation/words', params: { eventId }, body: { words: fc.array(unicode, { maxLength: 8 }) }, token: moderator },
    { method: 'GET', path: '/api/events/:eventId/screens', params: { eventId } },
    {
      method: 'PUT',
      path: '/api/events/:eventId/screens/:name',
      params: { eventId, name: () => ['main', 'Main hall', 'Room B'] },
      body: { mode: screenMode },
      token: moderator,
    },
    { method: 'GET', path: '/api/events/:eventId/sources', params: { eventId }, token: moderator },
    { method: 'GET', path: '/api/events/:eventId/export.json', params: { eventId }, query: ['session', 'status'], token: moderator },
    { method: 'GET', path: '/api/events/:eventId/export/questions.csv', params: { eventId }, query: ['session'], token: moderator },
    { method: 'GET', path: '/api/events/:eventId/export/posts.csv', params: { eventId }, query: ['status'], token: moderator },
    { method: 'GET', path: '/api/events/:eventId/export.md', params: { eventId }, query: [], token: moderator },
  ];

  const commands: FuzzCommand[] = [
    { name: 'post:create', fields: postFields, token: () => w().a.apiKey },
    { name: 'post:create', fields: postFields, token: () => w().attendeeA },
    { name: 'post:moderate', fields: { postId: id(() => ids().posts), action: postAction }, token: moderator },
    { name: 'question:create', fields: { ...questionFields, sessionId: id(sessionId) }, token: freshAttendee },
    ...(['question:vote', 'question:unvote'] as const).map((name) => ({ name, fields: { questionId: id(() => ids().questions) }, token: () => w().attendeeA })),
    { name: 'question:moderate', fields: { questionId: id(() => ids().questions), action: questionAction }, token: moderator },
    { name: 'question:edit', fields: { questionId: id(() => ids().questions), text: unicode }, token: moderator },
    { name: 'question:withdraw', fields: { questionId: id(() => ids().pending) }, token: () => ids().pendingAuthor },
    { name: 'session:watch', fields: { sessionId: id(sessionId) }, token: () => w().a.sessionSpeakerKey },
    { name: 'post:moderateMany', fields: bulkFields, token: moderator },
    { name: 'author:setRule', fields: authorRuleFields, token: moderator },
    { name: 'screen:set', fields: { name: fc.oneof(fc.constantFrom('main', 'Room B'), unicode), mode: screenMode }, token: moderator },
  ];

  return { routes, commands };
}
