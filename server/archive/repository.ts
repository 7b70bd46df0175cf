import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { ArchiveItemKind } from '../../shared/archive.ts';
import { LIMITS } from '../../shared/limits.ts';
import type { SessionRow } from '../sessions/repository.ts';
import { hitsCte, ITEM_ID, KEYSET, SEARCH_KINDS, type KeysetParams } from '../search/index.ts';

/**
 * Every read the public archive makes, and nothing else reads for it: pages, feeds, the static
 * export and public search all go through these statements, so the rule of what is public
 * lives here once.
 *
 * Public: an approved post; an approved or answered question; an approved answer or reply
 * (staff answers are approved when written, replies once moderated) of a public question. Never
 * an item a moderator withdrew from the archive. A name appears only for an attendee who chose to
 * be named, never for an anonymous question, and always for the speaker's or a moderator's
 * answer (staff answer in public).
 */
export const PUBLIC = {
  post: "p.status = 'approved' AND p.archive_withdrawn = 0",
  question: "q.status IN ('approved', 'answered') AND q.archive_withdrawn = 0",
  answer: "an.status = 'approved' AND an.archive_withdrawn = 0",
} as const;

/**
 * An attendee listed on the archive's people pages: named, with a name and a public id. Their
 * page exists once they have a public item counted there (people-repository.ts).
 */
export const LISTED =
  'a.archive_named = 1 AND a.public_id IS NOT NULL AND a.display_name IS NOT NULL';

const POST_AUTHOR = `CASE WHEN a.archive_named = 1 THEN p.author_name END`;
const QUESTION_AUTHOR = `CASE WHEN q.anonymous = 0 AND a.archive_named = 1 THEN q.author_name END`;
const ANSWER_AUTHOR = `CASE WHEN an.author_role IN ('speaker', 'moderator') OR a.archive_named = 1
  THEN an.author_name END`;

export interface ArchivePost {
  id: number;
  text: string;
  author: string | null;
  /** The author's public id on the people pages, when they are listed. */
  person: string | null;
  created_at: string;
}

export interface ArchiveQuestion {
  id: number;
  session_id: number;
  text: string;
  author: string | null;
  person: string | null;
  votes: number;
  status: 'approved' | 'answered';
  created_at: string;
  answered_at: string | null;
}

export interface ArchiveAnswer {
  id: number;
  question_id: number;
  session_id: number;
  kind: 'answer' | 'reply';
  author_role: 'speaker' | 'moderator' | 'attendee';
  text: string;
  author: string | null;
  person: string | null;
  accepted: number;
  created_at: string;
}

export type ArchiveSession = Pick<
  SessionRow,
  'id' | 'title' | 'speaker' | 'room' | 'tag' | 'starts_at' | 'ends_at'
> & { questions: number };

// The author's page, for a listed attendee's own public item (never an anonymous question's).
const POST_PERSON = `CASE WHEN ${LISTED} THEN a.public_id END`;
const QUESTION_PERSON = `CASE WHEN q.anonymous = 0 AND ${LISTED} THEN a.public_id END`;
const ANSWER_PERSON = `CASE WHEN an.author_role = 'attendee' AND ${LISTED} THEN a.public_id END`;

export const POST_COLUMNS = `p.id, p.text, ${POST_AUTHOR} AS author, ${POST_PERSON} AS person,
  p.created_at`;
export const QUESTION_COLUMNS = `q.id, q.session_id, q.text, ${QUESTION_AUTHOR} AS author,
  ${QUESTION_PERSON} AS person, q.votes, q.status, q.created_at, q.answered_at`;
export const ANSWER_COLUMNS = `an.id, an.question_id, an.session_id, an.kind, an.author_role, an.text,
  ${ANSWER_AUTHOR} AS author, ${ANSWER_PERSON} AS person, an.accepted, an.created_at`;

export function createArchiveRepository(db: Db) {
  const sessions = db.prepare<[number, number], ArchiveSession>(
    `SELECT s.id, s.title, s.speaker, s.room, s.tag, s.starts_at, s.ends_at,
       (SELECT count(*) FROM questions q WHERE q.session_id = s.id AND ${PUBLIC.question})
         AS questions
     FROM sessions s WHERE s.event_id = ?
     ORDER BY s.starts_at IS NULL, s.starts_at, s.id LIMIT ?`,
  );
  const session = db.prepare<[number, number], ArchiveSession>(
    `SELECT s.id, s.title, s.speaker, s.room, s.tag, s.starts_at, s.ends_at,
       (SELECT count(*) FROM questions q WHERE q.session_id = s.id AND ${PUBLIC.question})
         AS questions
     FROM sessions s WHERE s.id = ? AND s.event_id = ?`,
  );
  const questions = db.prepare<[number, number, number], ArchiveQuestion>(
    `SELECT ${QUESTION_COLUMNS} FROM questions q LEFT JOIN attendees a ON a.id = q.attendee_id
     WHERE q.session_id = ? AND ${PUBLIC.question}
     ORDER BY q.votes DESC, q.id LIMIT ? OFFSET ?`,
  );
  const answered = db.prepare<[number, number], ArchiveQuestion>(
    `SELECT ${QUESTION_COLUMNS} FROM questions q LEFT JOIN attendees a ON a.id = q.attendee_id
     WHERE q.session_id = ? AND q.status = 'answered' AND q.archive_withdrawn = 0
     ORDER BY q.answered_at DESC, q.id DESC LIMIT ?`,
  );
  const answers = db.prepare<[number, number], ArchiveAnswer>(
    `SELECT ${ANSWER_COLUMNS} FROM answers an LEFT JOIN attendees a ON a.id = an.attendee_id
     WHERE an.question_id = ? AND ${PUBLIC.answer}
     ORDER BY an.accepted DESC, an.kind = 'reply', an.id LIMIT ?`,
  );
  const posts = db.prepare<[number, number, number], ArchivePost>(
    `SELECT ${POST_COLUMNS} FROM posts p LEFT JOIN attendees a ON a.id = p.attendee_id
     WHERE p.event_id = ? AND ${PUBLIC.post} ORDER BY p.id DESC LIMIT ? OFFSET ?`,
  );
  const postCount = db
    .prepare<[number], number>(
      `SELECT count(*) FROM posts p WHERE p.event_id = ? AND ${PUBLIC.post}`,
    )
    .pluck();
  // The newest public texts of each kind, for the shared links and the topics.
  const texts = db
    .prepare<{ eventId: number; limit: number }, string>(
      `SELECT text FROM (SELECT p.text FROM posts p WHERE p.event_id = @eventId AND ${PUBLIC.post}
         ORDER BY p.id DESC LIMIT @limit)
       UNION ALL SELECT text FROM (SELECT q.text FROM questions q
         WHERE q.session_id IN (SELECT id FROM sessions WHERE event_id = @eventId)
         AND ${PUBLIC.question} ORDER BY q.id DESC LIMIT @limit)
       UNION ALL SELECT text FROM (SELECT an.text FROM answers an
         JOIN questions q ON q.id = an.question_id
         WHERE an.event_id = @eventId AND ${PUBLIC.answer} AND ${PUBLIC.question}
         ORDER BY an.id DESC LIMIT @limit)`,
    )
    .pluck();
  // Public search: each kind's newest public matches, in the text only (an author's name is
  // indexed too, and a search by a name that is not public must find nothing), ranked together
  // by bm25 and paged by keyset (see search/index.ts). The public rule is applied before the
  // window is cut, so public items are found however many held ones are newer.
  const publicAnswer = (kind: 'answer' | 'reply') => ({
    join: `JOIN answers an ON an.id = ${ITEM_ID} JOIN questions q ON q.id = an.question_id`,
    where: `${PUBLIC.answer} AND ${PUBLIC.question} AND an.kind = '${kind}'`,
  });
  const search = db.prepare<
    KeysetParams & { eventId: number; match: string; limit: number },
    { kind: number; id: number; score: number }
  >(
    `WITH ${hitsCte('post', { join: `JOIN posts p ON p.id = ${ITEM_ID}`, where: PUBLIC.post }, 'post_hits')},
     ${hitsCte('question', { join: `JOIN questions q ON q.id = ${ITEM_ID}`, where: PUBLIC.question }, 'question_hits')},
     ${hitsCte('answer', publicAnswer('answer'), 'answer_hits')},
     ${hitsCte('reply', publicAnswer('reply'), 'reply_hits')},
     ranked AS (
       SELECT ${SEARCH_KINDS.post} AS kind, id, score FROM post_hits
       UNION ALL SELECT ${SEARCH_KINDS.question}, id, score FROM question_hits
       UNION ALL SELECT ${SEARCH_KINDS.answer}, id, score FROM answer_hits
       UNION ALL SELECT ${SEARCH_KINDS.reply}, id, score FROM reply_hits
     ),
     ${KEYSET}
     SELECT kind, id, score FROM page ORDER BY score, kind, id DESC`,
  );
  // Only the ids a search ranked: each hit is checked against the public rule here.
  const hitsOf = {
    post: db.prepare<[number, string], { id: number; author: string | null; created_at: string }>(
      `SELECT p.id, ${POST_AUTHOR} AS author, p.created_at FROM posts p
       LEFT JOIN attendees a ON a.id = p.attendee_id
       WHERE p.event_id = ? AND p.id IN (SELECT value FROM json_each(?)) AND ${PUBLIC.post}`,
    ),
    question: db.prepare<[number, string], ArchiveQuestion>(
      `SELECT ${QUESTION_COLUMNS} FROM questions q LEFT JOIN attendees a ON a.id = q.attendee_id
       WHERE q.event_id = ? AND q.id IN (SELECT value FROM json_each(?)) AND ${PUBLIC.question}`,
    ),
    answer: db.prepare<[number, string], ArchiveAnswer>(
      `SELECT ${ANSWER_COLUMNS} FROM answers an LEFT JOIN attendees a ON a.id = an.attendee_id
       JOIN questions q ON q.id = an.question_id
       WHERE an.event_id = ? AND an.id IN (SELECT value FROM json_each(?))
       AND ${PUBLIC.answer} AND ${PUBLIC.question}`,
    ),
  };
  const withdraw = {
    post: db.prepare<[number, number, number]>(
      'UPDATE posts SET archive_withdrawn = ? WHERE id = ? AND event_id = ?',
    ),
    question: db.prepare<[number, number, number]>(
      'UPDATE questions SET archive_withdrawn = ? WHERE id = ? AND event_id = ?',
    ),
    answer: db.prepare<[number, number, number]>(
      'UPDATE answers SET archive_withdrawn = ? WHERE id = ? AND event_id = ?',
    ),
  };
  const withdrawnOf = {
    post: db.prepare<[number, number], number>(
      'SELECT archive_withdrawn FROM posts WHERE id = ? AND event_id = ?',
    ),
    question: db.prepare<[number, number], number>(
      'SELECT archive_withdrawn FROM questions WHERE id = ? AND event_id = ?',
    ),
    answer: db.prepare<[number, number], number>(
      'SELECT archive_withdrawn FROM answers WHERE id = ? AND event_id = ?',
    ),
  };
  // Where an item sits in its paged list: how many come before it.
  const postsBefore = db
    .prepare<[number, number], number>(
      `SELECT count(*) FROM posts p WHERE p.event_id = ? AND p.id > ? AND ${PUBLIC.post}`,
    )
    .pluck();
  const questionsBefore = db
    .prepare<{ sessionId: number; votes: number; id: number }, number>(
      `SELECT count(*) FROM questions q WHERE q.session_id = @sessionId AND ${PUBLIC.question}
       AND (q.votes > @votes OR (q.votes = @votes AND q.id < @id))`,
    )
    .pluck();
  const named = db
    .prepare<[number], number>('SELECT archive_named FROM attendees WHERE id = ?')
    .pluck();
  // The public id is given on the first opt-in and kept: opting out and in again keeps the page.
  const setNamed = db.prepare<[number, string, number]>(
    'UPDATE attendees SET archive_named = ?, public_id = coalesce(public_id, ?) WHERE id = ?',
  );

  return {
    sessions: (eventId: number): ArchiveSession[] => sessions.all(eventId, LIMITS.archive.sessions),
    session: (eventId: number, sessionId: number): ArchiveSession | null =>
      session.get(sessionId, eventId) ?? null,
    /** A page of a session's public questions, best first (most votes, then asked first). */
    questions: (sessionId: number, limit: number, offset: number): ArchiveQuestion[] =>
      questions.all(sessionId, limit, offset),
    /** A session's newest answered public questions. */
    answered: (sessionId: number, limit: number): ArchiveQuestion[] =>
      answered.all(sessionId, limit),
    /** A public question's public answers: the accepted one, then answers, then replies. */
    answers: (questionId: number): ArchiveAnswer[] =>
      answers.all(questionId, LIMITS.archive.answersPerQuestion),
    posts: (eventId: number, limit: number, offset: number): ArchivePost[] =>
      posts.all(eventId, limit, offset),
    postCount: (eventId: number): number => postCount.get(eventId) ?? 0,
    texts: (eventId: number): string[] => texts.all({ eventId, limit: LIMITS.archive.scan }),
    /** A page of the public items matching `match` in their text, best first. */
    search: (eventId: number, match: string, keyset: KeysetParams, limit: number) =>
      search.all({ eventId, match, limit, ...keyset }),
    publicPosts: (eventId: number, ids: number[]) => hitsOf.post.all(eventId, JSON.stringify(ids)),
    publicQuestions: (eventId: number, ids: number[]) =>
      hitsOf.question.all(eventId, JSON.stringify(ids)),
    publicAnswers: (eventId: number, ids: number[]) =>
      hitsOf.answer.all(eventId, JSON.stringify(ids)),
    /** The page of the wall (newest first) that shows a post. */
    postPage: (eventId: number, postId: number): number =>
      Math.floor((postsBefore.get(eventId, postId) ?? 0) / LIMITS.archive.postsPerPage) + 1,
    /** The page of its session (best first) that shows a question. */
    questionPage: (question: Pick<ArchiveQuestion, 'session_id' | 'votes' | 'id'>): number =>
      Math.floor(
        (questionsBefore.get({
          sessionId: question.session_id,
          votes: question.votes,
          id: question.id,
        }) ?? 0) / LIMITS.archive.questionsPerPage,
      ) + 1,
    /** Whether the item was found in the event (and so changed). */
    setWithdrawn(kind: ArchiveItemKind, eventId: number, id: number, withdrawn: boolean): boolean {
      return withdraw[kind].run(withdrawn ? 1 : 0, id, eventId).changes > 0;
    },
    withdrawn: (kind: ArchiveItemKind, eventId: number, id: number): boolean | null => {
      const value = withdrawnOf[kind].pluck().get(id, eventId);
      return value === undefined ? null : value === 1;
    },
    named: (attendeeId: number): boolean => named.get(attendeeId) === 1,
    setNamed(attendeeId: number, value: boolean): void {
      setNamed.run(value ? 1 : 0, randomBytes(8).toString('hex'), attendeeId);
    },
  };
}

export type ArchiveRepository = ReturnType<typeof createArchiveRepository>;
