import fc from 'fast-check';
import { postAction, id } from './fields.ts';
import type { Fixtures } from './types.ts';

/** What the entries read: the world and ids lazily (built after the tests are collected), and a few shorthands. */
export function catalogContext(fixtures: () => Fixtures) {
  const w = () => fixtures().w;
  const ids = () => fixtures().ids;
  const freshAttendee = () => fixtures().freshAttendee();
  const eventId = () => [String(w().a.eventId), String(w().b.eventId)];
  const sessionId = () => [
    String(w().a.sessionId),
    String(w().a2.sessionId),
    String(w().b.sessionId),
  ];
  const moderator = () => w().a.moderatorKey;
  const bulkFields = {
    postIds: fc.array(
      id(() => ids().posts),
      { maxLength: 5 },
    ),
    action: postAction,
  };
  return { w, ids, freshAttendee, eventId, sessionId, moderator, bulkFields };
}

export type CatalogContext = ReturnType<typeof catalogContext>;
