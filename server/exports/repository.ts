import type { Db } from '../db/database.ts';
import type { PostSource, PostStatus } from '../../shared/schemas/posts.ts';
import type { PostRow } from '../posts/repository.ts';
import type { QuestionRow } from '../questions/repository.ts';
import type { AnswerRow } from '../answers/repository.ts';

/**
 * The reads an export makes: posts and questions of a whole event, one keyset page at a time so
 * that 50,000 posts never sit in memory at once and no statement stays open between pages (a
 * better-sqlite3 connection that is iterating cannot run anything else, and the app's writes
 * share it).
 */
const POSTS =
  'SELECT p.*, q.id AS question_id FROM posts p LEFT JOIN questions q ON q.post_id = p.id';

/** Posts of one network in one status. */
export interface PostTally {
  source: PostSource;
  status: PostStatus;
  count: number;
}

/** One session's questions, counted. */
export interface QuestionTally {
  sessionId: number;
  asked: number;
  answered: number;
  waiting: number;
  votes: number;
}

export function createExportsRepository(db: Db) {
  // Walking ids from the cursor on the (event_id, id) index reads each page once.
  const posts = db.prepare<[number, number, number], PostRow>(
    `${POSTS} WHERE p.event_id = ? AND p.id > ? ORDER BY p.id LIMIT ?`,
  );
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
  const answers = db.prepare<[number, number, number], AnswerRow>(
    'SELECT * FROM answers WHERE event_id = ? AND id > ? ORDER BY id LIMIT ?',
  );
  const answersOfSession = db.prepare<[number, number, number], AnswerRow>(
    'SELECT * FROM answers WHERE session_id = ? AND id > ? ORDER BY id LIMIT ?',
  );
  // Counted in SQL over the event's indexes: the totals of a 50,000-post day in one row per group.
  const postTallies = db.prepare<[number], PostTally>(
    'SELECT source, status, count(*) AS count FROM posts WHERE event_id = ? GROUP BY source, status',
  );
  const questionTallies = db.prepare<[number], QuestionTally>(
    `SELECT session_id AS sessionId, count(*) AS asked,
       sum(status = 'answered') AS answered, sum(status = 'pending') AS waiting,
       coalesce(sum(votes), 0) AS votes
     FROM questions WHERE event_id = ? GROUP BY session_id`,
  );
  const attendees = db
    .prepare<[number], number>('SELECT count(*) FROM attendees WHERE event_id = ?')
    .pluck();

  return {
    postTallies: (eventId: number): PostTally[] => postTallies.all(eventId),
    questionTallies: (eventId: number): QuestionTally[] => questionTallies.all(eventId),
    /** Everyone who joined the event from the attendee app. */
    attendees: (eventId: number): number => attendees.get(eventId) ?? 0,
    /** Oldest first, ids above `after`; every status when `status` is null. */
    posts: (eventId: number, status: PostStatus | null, after: number, limit: number): PostRow[] =>
      status === null
        ? posts.all(eventId, after, limit)
        : postsByStatus.all(eventId, status, after, limit),
    /** What the wall showed: approved posts, newest first, ids below `before`. */
    approvedPosts: (eventId: number, before: number, limit: number): PostRow[] =>
      approvedNewestFirst.all(eventId, before, limit),
    /** Oldest first, ids above `after`; one session's only when `sessionId` is given. */
    questions: (
      eventId: number,
      sessionId: number | null,
      after: number,
      limit: number,
    ): QuestionRow[] =>
      sessionId === null
        ? questions.all(eventId, after, limit)
        : questionsOfSession.all(sessionId, after, limit),
    /** Answers and replies, oldest first, ids above `after`; one session's when given. */
    answers: (
      eventId: number,
      sessionId: number | null,
      after: number,
      limit: number,
    ): AnswerRow[] =>
      sessionId === null
        ? answers.all(eventId, after, limit)
        : answersOfSession.all(sessionId, after, limit),
  };
}

export type ExportsRepository = ReturnType<typeof createExportsRepository>;
