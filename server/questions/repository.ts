import type { Db } from '../db/database.ts';
import type { Question, QuestionStatus } from '../../shared/schemas/questions.ts';
import { contains, containsPattern, registerFold } from '../lib/search.ts';

// An anonymous question keeps its author's name for moderation, but a search by that name must
// not find it: that would tell who asked.
const MATCHES = `(${contains('text')} OR (anonymous = 0 AND ${contains('author_name')}))`;

export interface QuestionRow {
  id: number;
  event_id: number;
  session_id: number;
  attendee_id: number | null;
  post_id: number | null;
  client_id: string | null;
  text: string;
  author_name: string | null;
  anonymous: number;
  status: QuestionStatus;
  votes: number;
  spotlighted: number;
  created_at: string;
  answered_at: string | null;
}

export type QuestionInsert = Omit<QuestionRow, 'id' | 'votes' | 'spotlighted' | 'answered_at'>;

export function presentQuestion(row: QuestionRow): Question {
  return {
    id: row.id,
    eventId: row.event_id,
    sessionId: row.session_id,
    text: row.text,
    authorName: row.anonymous === 1 ? null : row.author_name,
    anonymous: row.anonymous === 1,
    status: row.status,
    votes: row.votes,
    spotlighted: row.spotlighted === 1,
    postId: row.post_id,
    createdAt: row.created_at,
    answeredAt: row.answered_at,
  };
}

export function createQuestionsRepository(db: Db) {
  const byId = db.prepare<[number], QuestionRow>('SELECT * FROM questions WHERE id = ?');
  const byClientId = db.prepare<[number, string], QuestionRow>(
    'SELECT * FROM questions WHERE attendee_id = ? AND client_id = ?',
  );
  const insert = db.prepare<QuestionInsert>(`INSERT INTO questions (
      event_id, session_id, attendee_id, post_id, client_id, text, author_name, anonymous, status, created_at
    ) VALUES (
      @event_id, @session_id, @attendee_id, @post_id, @client_id, @text, @author_name, @anonymous, @status, @created_at
    )`);
  const bySession = db.prepare<[number], QuestionRow>('SELECT * FROM questions WHERE session_id = ? ORDER BY id');
  const byAttendee = db.prepare<[number], QuestionRow>('SELECT * FROM questions WHERE attendee_id = ? ORDER BY id');
  registerFold(db);
  const searchSession = db.prepare<{ sessionId: number; pattern: string }, QuestionRow>(
    `SELECT * FROM questions WHERE session_id = @sessionId AND ${MATCHES} ORDER BY id`,
  );
  const searchEvent = db.prepare<{ eventId: number; pattern: string; before: number; limit: number }, QuestionRow>(
    `SELECT * FROM questions WHERE event_id = @eventId AND id < @before AND ${MATCHES} ORDER BY id DESC LIMIT @limit`,
  );
  const setStatus = db.prepare('UPDATE questions SET status = ?, answered_at = ? WHERE id = ?');
  const setText = db.prepare('UPDATE questions SET text = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM questions WHERE id = ?');
  const setSpotlight = db.prepare('UPDATE questions SET spotlighted = ? WHERE id = ?');
  const spotlightedInRoom = db.prepare<[number, string], QuestionRow>(
    `SELECT q.* FROM questions q JOIN sessions s ON s.id = q.session_id
     WHERE q.event_id = ? AND s.room = ? AND q.spotlighted = 1`,
  );
  const addVote = db.prepare('INSERT OR IGNORE INTO votes (question_id, attendee_id, created_at) VALUES (?, ?, ?)');
  const removeVote = db.prepare('DELETE FROM votes WHERE question_id = ? AND attendee_id = ?');
  const bump = db.prepare('UPDATE questions SET votes = votes + ? WHERE id = ?');
  const count = db.prepare<[number], number>('SELECT votes FROM questions WHERE id = ?').pluck();
  const votedIn = db.prepare<[number, number], number>(
    'SELECT v.question_id FROM votes v JOIN questions q ON q.id = v.question_id WHERE v.attendee_id = ? AND q.session_id = ?',
  ).pluck();
  const hasVoted = db.prepare<[number, number], number>(
    'SELECT 1 FROM votes WHERE question_id = ? AND attendee_id = ?',
  ).pluck();

  return {
    findById: (id: number): QuestionRow | null => byId.get(id) ?? null,
    findByClientId: (attendeeId: number, clientId: string): QuestionRow | null =>
      byClientId.get(attendeeId, clientId) ?? null,
    create(row: QuestionInsert): QuestionRow {
      const id = Number(insert.run(row).lastInsertRowid);
      return byId.get(id)!;
    },
    listBySession: (sessionId: number): QuestionRow[] => bySession.all(sessionId),
    listByAttendee: (attendeeId: number): QuestionRow[] => byAttendee.all(attendeeId),
    /** A session's questions whose text or (named) author contains `text`, ignoring case. */
    searchSession: (sessionId: number, text: string): QuestionRow[] => searchSession.all({ sessionId, pattern: containsPattern(text) }),
    /** The same across every session of an event: newest first, ids below `before`. */
    searchEvent: (eventId: number, text: string, before: number, limit: number): QuestionRow[] =>
      searchEvent.all({ eventId, pattern: containsPattern(text), before, limit }),
    setStatus(id: number, status: QuestionStatus, answeredAt: string | null): void {
      setStatus.run(status, answeredAt, id);
    },
    setText(id: number, text: string): void {
      setText.run(text, id);
    },
    delete(id: number): void {
      remove.run(id);
    },
    setSpotlight(id: number, on: boolean): void {
      setSpotlight.run(on ? 1 : 0, id);
    },
    spotlightedInRoom: (eventId: number, room: string): QuestionRow[] => spotlightedInRoom.all(eventId, room),
    /** Adds a vote; the count moves only if the vote row was new. Call inside a transaction. */
    addVote(questionId: number, attendeeId: number, at: string): boolean {
      const added = addVote.run(questionId, attendeeId, at).changes === 1;
      if (added) bump.run(1, questionId);
      return added;
    },
    removeVote(questionId: number, attendeeId: number): boolean {
      const removed = removeVote.run(questionId, attendeeId).changes === 1;
      if (removed) bump.run(-1, questionId);
      return removed;
    },
    votes: (questionId: number): number => count.get(questionId) ?? 0,
    hasVoted: (questionId: number, attendeeId: number): boolean => hasVoted.get(questionId, attendeeId) === 1,
    votedInSession: (attendeeId: number, sessionId: number): number[] => votedIn.all(attendeeId, sessionId),
  };
}

export type QuestionsRepository = ReturnType<typeof createQuestionsRepository>;
