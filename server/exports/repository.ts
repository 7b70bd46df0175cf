import type { Db } from '../db/database.ts';
import type { PostStatus } from '../../shared/schemas/posts.ts';
import type { PostRow } from '../posts/repository.ts';
import type { QuestionRow } from '../questions/repository.ts';

/**
 * The reads an export makes: posts and questions of a whole event, one keyset page at a time so
 * that 50,000 posts never sit in memory at once and no statement stays open between pages (a
 * better-sqlite3 connection that is iterating cannot run anything else, and the app's writes
 * share it).
 */
const POSTS = 'SELECT p.*, q.id AS question_id FROM posts p LEFT JOIN questions q ON q.post_id = p.id';

export function createExportsRepository(db: Db) {
  // Walking ids from the cursor on the (event_id, id) index reads each page once.
  const posts = db.prepare<[number, number, number], PostRow>(`${POSTS} WHERE p.event_id = ? AND p.id > ? ORDER BY p.id LIMIT ?`);
  const postsByStatus = db.prepare<[number, PostStatus, number, number], PostRow>(
    `${POSTS} WHERE p.event_id = ? AND p.status = ? AND p.id > ? ORDER BY p.id LIMIT ?`,
  );
  const approvedNewestFirst = db.prepare<[number, number, number], PostRow>(
    `${POSTS} WHERE p.event_id = ? AND p.status = 'approved' AND p.id < ? ORDER BY p.id DESC LIMIT ?`,
  );
  const questions = db.prepare<[number, number, number], QuestionRow>(
    'SELECT * FROM questions WHERE event_id = ? AND id > ? ORDER BY id LIMIT ?',
  );
  const questionsOfSession = db.prepare<[number, number, number], QuestionRow>(
    'SELECT * FROM questions WHERE session_id = ? AND id > ? ORDER BY id LIMIT ?',
  );

  return {
    /** Oldest first, ids above `after`; every status when `status` is null. */
    posts: (eventId: number, status: PostStatus | null, after: number, limit: number): PostRow[] =>
      status === null ? posts.all(eventId, after, limit) : postsByStatus.all(eventId, status, after, limit),
    /** What the wall showed: approved posts, newest first, ids below `before`. */
    approvedPosts: (eventId: number, before: number, limit: number): PostRow[] => approvedNewestFirst.all(eventId, before, limit),
    /** Oldest first, ids above `after`; one session's only when `sessionId` is given. */
    questions: (eventId: number, sessionId: number | null, after: number, limit: number): QuestionRow[] =>
      sessionId === null ? questions.all(eventId, after, limit) : questionsOfSession.all(sessionId, after, limit),
  };
}

export type ExportsRepository = ReturnType<typeof createExportsRepository>;
