import type { Db } from '../db/database.ts';
import type { Post, PostSource, PostStatus } from '../../shared/schemas/posts.ts';
import { parseJsonArray } from '../lib/json.ts';
import { hitsCte, ITEM_ID, KEYSET, type KeysetParams } from '../search/index.ts';

export interface PostRow {
  id: number;
  /** Since migration 016; 1 when withdrawn from the public archive. */
  archive_withdrawn?: number;
  event_id: number;
  attendee_id: number | null;
  source: PostSource;
  source_id: string | null;
  text: string;
  author_name: string;
  author_handle: string | null;
  author_avatar_url: string | null;
  hashtags: string;
  media: string;
  status: PostStatus;
  pinned: number;
  flags: string;
  created_at: string;
  updated_at: string;
  author_key: string | null;
  /** Joined from questions: the question this post became, if any. */
  question_id?: number | null;
}

export type PostInsert = Omit<PostRow, 'id' | 'question_id' | 'pinned'>;

export function presentPost(row: PostRow): Post {
  return {
    id: row.id,
    eventId: row.event_id,
    text: row.text,
    author: {
      name: row.author_name,
      handle: row.author_handle,
      avatarUrl: row.author_avatar_url,
      attendeeId: row.attendee_id,
    },
    authorKey: row.author_key,
    source: row.source,
    sourceId: row.source === 'web' ? null : row.source_id,
    hashtags: parseJsonArray(row.hashtags),
    media: parseJsonArray(row.media),
    status: row.status,
    pinned: row.pinned === 1,
    flags: parseJsonArray(row.flags),
    questionId: row.question_id ?? null,
    createdAt: row.created_at,
    ...(row.archive_withdrawn === 1 ? { archiveWithdrawn: true as const } : {}),
  };
}

const SELECT =
  'SELECT p.*, q.id AS question_id FROM posts p LEFT JOIN questions q ON q.post_id = p.id';

export function createPostsRepository(db: Db) {
  const byId = db.prepare<[number], PostRow>(`${SELECT} WHERE p.id = ?`);
  const bySource = db.prepare<[number, string, string], PostRow>(
    `${SELECT} WHERE p.event_id = ? AND p.source = ? AND p.source_id = ?`,
  );
  // One row per event that took the item in, so bounded by the number of events.
  const everyCopy = db.prepare<[string, string], PostRow>(
    `${SELECT} WHERE p.source = ? AND p.source_id = ?`,
  );
  const insert = db.prepare<PostInsert>(`INSERT INTO posts (
      event_id, attendee_id, source, source_id, text, author_name, author_handle, author_avatar_url,
      hashtags, media, status, flags, author_key, created_at, updated_at
    ) VALUES (
      @event_id, @attendee_id, @source, @source_id, @text, @author_name, @author_handle,
      @author_avatar_url, @hashtags, @media, @status, @flags, @author_key, @created_at, @updated_at
    )`);
  const pageByStatus = db.prepare<[number, string, number, number], PostRow>(
    `${SELECT} WHERE p.event_id = ? AND p.status = ? AND p.id < ? ORDER BY p.id DESC LIMIT ?`,
  );
  const pageAll = db.prepare<[number, number, number], PostRow>(
    `${SELECT} WHERE p.event_id = ? AND p.id < ? ORDER BY p.id DESC LIMIT ?`,
  );
  // Best first among the newest matches in every status or one (see hitsCte), a page after
  // the cursor's post (see KEYSET).
  type SearchParams = KeysetParams & {
    eventId: number;
    status: PostStatus | null;
    match: string;
    limit: number;
  };
  const search = db.prepare<SearchParams, PostRow & { score: number }>(
    `WITH ${hitsCte('post', {
      join: `JOIN posts p ON p.id = ${ITEM_ID}`,
      where: '@status IS NULL OR p.status = @status',
    })},
     ranked AS (SELECT 0 AS kind, id, score FROM hits),
     ${KEYSET}
     SELECT p.*, q.id AS question_id, page.score FROM page JOIN posts p ON p.id = page.id
     LEFT JOIN questions q ON q.post_id = p.id ORDER BY page.score, p.id DESC`,
  );
  const setStatus = db.prepare('UPDATE posts SET status = ?, updated_at = ? WHERE id = ?');
  const setPinned = db.prepare('UPDATE posts SET pinned = ?, updated_at = ? WHERE id = ?');
  const pinnedIds = db
    .prepare<[number], number>('SELECT id FROM posts WHERE event_id = ? AND pinned = 1')
    .pluck();
  const byAttendee = db.prepare<[number, number], PostRow>(
    `${SELECT} WHERE p.attendee_id = ? ORDER BY p.id DESC LIMIT ?`,
  );
  const recentTexts = db
    .prepare<[number, string, string, number], string>(
      'SELECT text FROM posts WHERE event_id = ? AND author_key = ? AND created_at >= ? ORDER BY id DESC LIMIT ?',
    )
    .pluck();
  const byAuthor = db.prepare<[number, string, string], PostRow>(
    `${SELECT} WHERE p.event_id = ? AND p.author_key = ? AND p.status = ?`,
  );
  const countSince = db
    .prepare<[number, string], number>(
      'SELECT count(*) FROM posts WHERE event_id = ? AND created_at >= ?',
    )
    .pluck();
  const pendingCount = db
    .prepare<[number], number>(
      "SELECT count(*) FROM posts WHERE event_id = ? AND status = 'pending'",
    )
    .pluck();
  const pinned = db.prepare<[number], PostRow>(`${SELECT} WHERE p.event_id = ? AND p.pinned = 1`);
  const pending = db.prepare<[number, number], PostRow>(
    `${SELECT} WHERE p.event_id = ? AND p.status = 'pending' ORDER BY p.id LIMIT ?`,
  );

  /**
   * The newest approved posts of each event: what every joining phone and screen asks for, so
   * 5,000 people arriving after a keynote share one query. Any post write clears it; it is never
   * filled inside a transaction, which could still roll back. Callers must not mutate the rows.
   */
  const wallHeads = new Map<string, PostRow[]>();

  const removeByEvent = db.prepare<[number]>('DELETE FROM posts WHERE event_id = ?');

  return {
    /** Rehearsal data cleared: every post of the event. */
    deleteByEvent(eventId: number): number {
      wallHeads.clear();
      return removeByEvent.run(eventId).changes;
    },
    findById: (id: number): PostRow | null => byId.get(id) ?? null,
    findBySource: (eventId: number, source: PostSource, sourceId: string): PostRow | null =>
      bySource.get(eventId, source, sourceId) ?? null,
    /** Every event's copy of one outside item. */
    everyCopyOf: (source: PostSource, sourceId: string): PostRow[] =>
      everyCopy.all(source, sourceId),
    create(row: PostInsert): PostRow {
      wallHeads.clear();
      const id = Number(insert.run(row).lastInsertRowid);
      return byId.get(id)!;
    },
    /** Newest first, ids below `before`. */
    page(eventId: number, status: PostStatus | null, before: number, limit: number): PostRow[] {
      if (status === 'approved' && before === Number.MAX_SAFE_INTEGER && !db.inTransaction) {
        const key = `${eventId}:${limit}`;
        let rows = wallHeads.get(key);
        if (!rows) wallHeads.set(key, (rows = pageByStatus.all(eventId, status, before, limit)));
        return rows;
      }
      return status === null
        ? pageAll.all(eventId, before, limit)
        : pageByStatus.all(eventId, status, before, limit);
    },
    /**
     * Posts matching the FTS5 expression `match` in their text, author name or handle, best
     * first (bm25), a page after the cursor (see KEYSET), each with its score. Never the
     * wall-head cache: that holds unfiltered first pages.
     */
    search(
      eventId: number,
      status: PostStatus | null,
      match: string,
      keyset: KeysetParams,
      limit: number,
    ): Array<PostRow & { score: number }> {
      return search.all({ eventId, status, match, limit, ...keyset });
    },
    /** A question made from a post went away: the post's questionId changed. */
    forgetWallHeads(): void {
      wallHeads.clear();
    },
    /** Oldest first: the moderation queue. */
    pending: (eventId: number, limit: number): PostRow[] => pending.all(eventId, limit),
    pinnedIds: (eventId: number): number[] => pinnedIds.all(eventId),
    pinned: (eventId: number): PostRow[] => pinned.all(eventId),
    /** What the same author said lately, for the repeated-text filter. */
    recentTexts: (eventId: number, authorKey: string, since: string, limit: number): string[] =>
      recentTexts.all(eventId, authorKey, since, limit),
    byAuthorAndStatus: (eventId: number, authorKey: string, status: PostStatus): PostRow[] =>
      byAuthor.all(eventId, authorKey, status),
    pendingCount: (eventId: number): number => pendingCount.get(eventId) ?? 0,
    countSince: (eventId: number, since: string): number => countSince.get(eventId, since) ?? 0,
    /** An attendee's own posts, newest first, in every status. */
    byAttendee: (attendeeId: number, limit: number): PostRow[] => byAttendee.all(attendeeId, limit),
    setStatus(id: number, status: PostStatus, at: string): void {
      wallHeads.clear();
      setStatus.run(status, at, id);
    },
    setPinned(id: number, pinned: boolean, at: string): void {
      wallHeads.clear();
      setPinned.run(pinned ? 1 : 0, at, id);
    },
  };
}

export type PostsRepository = ReturnType<typeof createPostsRepository>;
