import type { Db } from '../db/database.ts';
import { AppError } from '../lib/errors.ts';

export type AuthorRule = 'blocked' | 'trusted';

/** How a post's author is named across sources: one attendee, or one handle on one network. */
export function authorKeyOf(
  source: string,
  author: { attendeeId: number | null; handle: string | null; name: string },
): string {
  if (author.attendeeId !== null) return `attendee:${author.attendeeId}`;
  return `${source}:${(author.handle ?? author.name).toLowerCase()}`;
}

export interface AuthorRuleRow {
  event_id: number;
  author_key: string;
  display_name: string;
  rule: AuthorRule;
  created_at: string;
}

export interface AuthorSummaryRow {
  author_key: string;
  author_name: string;
  author_handle: string | null;
  source: string;
  posts: number;
  pending: number;
  last_post_at: string;
}

export function createAuthorsRepository(db: Db) {
  const get = db.prepare<[number, string], AuthorRuleRow>(
    'SELECT * FROM author_rules WHERE event_id = ? AND author_key = ?',
  );
  const list = db.prepare<[number], AuthorRuleRow>(
    'SELECT * FROM author_rules WHERE event_id = ? ORDER BY created_at DESC',
  );
  const upsert = db.prepare(
    `INSERT INTO author_rules (event_id, author_key, display_name, rule, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (event_id, author_key) DO UPDATE SET rule = excluded.rule, display_name = excluded.display_name`,
  );
  const remove = db.prepare('DELETE FROM author_rules WHERE event_id = ? AND author_key = ?');
  const recent = db.prepare<[number, number], AuthorSummaryRow>(
    `SELECT author_key, max(author_name) AS author_name, max(author_handle) AS author_handle, max(source) AS source,
            count(*) AS posts, sum(status = 'pending') AS pending, max(created_at) AS last_post_at
     FROM posts WHERE event_id = ? AND author_key IS NOT NULL
     GROUP BY author_key ORDER BY last_post_at DESC LIMIT ?`,
  );
  const removeByEvent = db.prepare<[number]>('DELETE FROM author_rules WHERE event_id = ?');

  return {
    deleteByEvent: (eventId: number): number => removeByEvent.run(eventId).changes,
    rule: (eventId: number, authorKey: string): AuthorRule | null =>
      get.get(eventId, authorKey)?.rule ?? null,
    rules: (eventId: number): AuthorRuleRow[] => list.all(eventId),
    set(
      eventId: number,
      authorKey: string,
      displayName: string,
      rule: AuthorRule | null,
      at: string,
    ): void {
      if (rule === null) remove.run(eventId, authorKey);
      else upsert.run(eventId, authorKey, displayName, rule, at);
    },
    recentAuthors: (eventId: number, limit: number): AuthorSummaryRow[] =>
      recent.all(eventId, limit),
  };
}

export type AuthorsRepository = ReturnType<typeof createAuthorsRepository>;

/**
 * A block covers everything its author does: posting, asking, voting, editing, renaming. Each
 * of those writes calls this first, on the HTTP and socket paths alike.
 */
export function refuseIfBlocked(
  authors: AuthorsRepository,
  eventId: number,
  attendeeId: number,
): void {
  if (authors.rule(eventId, `attendee:${attendeeId}`) === 'blocked')
    throw new AppError(403, 'author_blocked', 'A moderator has blocked you at this event');
}
