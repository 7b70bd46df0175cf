import type Database from 'better-sqlite3';
import type { Db } from '../db/database.ts';
import type { Question, QuestionStatus } from '../../shared/schemas/questions.ts';
import { parseJsonArray } from '../lib/json.ts';
import { EVERY_ID, hitsCte, ITEM_ID, KEYSET, type KeysetParams } from '../search/index.ts';

export interface QuestionRow {
  id: number;
  /** Since migration 016; 1 when withdrawn from the public archive. */
  archive_withdrawn?: number;
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
  /** JSON array: why the screening held it, e.g. ["profanity"]. */
  flags: string;
  /** A duplicate merged into another question (migration 015): the target, and how it stood. */
  merged_into: number | null;
  merged_from_status: QuestionStatus | null;
  merged_at: string | null;
}

/** Which statuses a list shows: the public sees live and answered questions, staff all. */
export type QuestionScope = 'public' | 'staff';
const SCOPE_STATUSES: Record<QuestionScope, string> = {
  public: "status IN ('approved', 'answered')",
  staff: '1 = 1',
};

/** Where a page starts: after (votes, id) when ranked by votes, below id when newest first. */
export type QuestionAfter =
  { sort: 'votes'; votes: number; id: number } | { sort: 'recent'; id: number };

export interface QuestionPageQuery {
  sessionId: number;
  scope: QuestionScope;
  after: QuestionAfter;
  limit: number;
  /** Staff search: text or (named) author contains this, ignoring case. */
  search?: string;
}

export type QuestionInsert = Omit<
  QuestionRow,
  | 'id'
  | 'votes'
  | 'spotlighted'
  | 'answered_at'
  | 'merged_into'
  | 'merged_from_status'
  | 'merged_at'
>;

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
    flags: parseJsonArray(row.flags),
    mergedInto: row.merged_into,
    ...(row.archive_withdrawn === 1 ? { archiveWithdrawn: true as const } : {}),
  };
}

export function createQuestionsRepository(db: Db) {
  const byId = db.prepare<[number], QuestionRow>('SELECT * FROM questions WHERE id = ?');
  const byClientId = db.prepare<[number, string], QuestionRow>(
    'SELECT * FROM questions WHERE attendee_id = ? AND client_id = ?',
  );
  const insert = db.prepare<QuestionInsert>(`INSERT INTO questions (
      event_id, session_id, attendee_id, post_id, client_id, text, author_name, anonymous, status, flags, created_at
    ) VALUES (
      @event_id, @session_id, @attendee_id, @post_id, @client_id, @text, @author_name, @anonymous, @status, @flags, @created_at
    )`);
  const bySession = db.prepare<[number], QuestionRow>(
    'SELECT * FROM questions WHERE session_id = ? ORDER BY id',
  );
  const byAttendee = db.prepare<[number, number], QuestionRow>(
    'SELECT * FROM questions WHERE attendee_id = ? ORDER BY id DESC LIMIT ?',
  );
  // One prepared statement per (scope, sort, search) shape, made on first use.
  const pageStatements = new Map<
    string,
    Database.Statement<Record<string, unknown>, QuestionRow>
  >();
  const countStatements = new Map<string, Database.Statement<Record<string, unknown>, number>>();
  function pageStatement(scope: QuestionScope, sort: QuestionAfter['sort']) {
    const key = `${scope}:${sort}`;
    let statement = pageStatements.get(key);
    if (!statement) {
      const where = [
        'session_id = @sessionId',
        SCOPE_STATUSES[scope],
        sort === 'votes' ? '(votes < @votes OR (votes = @votes AND id > @id))' : 'id < @id',
      ].join(' AND ');
      const order = sort === 'votes' ? 'votes DESC, id ASC' : 'id DESC';
      statement = db.prepare(
        `SELECT * FROM questions WHERE ${where} ORDER BY ${order} LIMIT @limit`,
      );
      pageStatements.set(key, statement);
    }
    return statement;
  }
  function countStatement(scope: QuestionScope) {
    const key = scope;
    let statement = countStatements.get(key);
    if (!statement) {
      const where = ['session_id = @sessionId', SCOPE_STATUSES[scope]];
      statement = db
        .prepare<Record<string, unknown>, number>(
          `SELECT count(*) FROM questions WHERE ${where.join(' AND ')}`,
        )
        .pluck();
      countStatements.set(key, statement);
    }
    return statement;
  }
  const countInSession = db
    .prepare<[number], number>('SELECT count(*) FROM questions WHERE session_id = ?')
    .pluck();
  const ownInSession = db.prepare<[number, number, number], QuestionRow>(
    'SELECT * FROM questions WHERE attendee_id = ? AND session_id = ? ORDER BY id DESC LIMIT ?',
  );
  const spotlightedInSession = db.prepare<[number], QuestionRow>(
    'SELECT * FROM questions WHERE session_id = ? AND spotlighted = 1 LIMIT 5',
  );
  const heldInSession = db.prepare<[number, number], QuestionRow>(
    "SELECT * FROM questions WHERE session_id = ? AND status = 'pending' ORDER BY id LIMIT ?",
  );
  // Through the event's sessions, so each count is a range read on questions_session.
  const waitingCounts = db.prepare<[number], { sessionId: number; waiting: number }>(
    `SELECT q.session_id AS sessionId, count(*) AS waiting
     FROM sessions s JOIN questions q ON q.session_id = s.id AND q.status = 'pending'
     WHERE s.event_id = ? GROUP BY q.session_id ORDER BY q.session_id`,
  );
  const votedAmong = db
    .prepare<[number, string], number>(
      'SELECT question_id FROM votes WHERE attendee_id = ? AND question_id IN (SELECT value FROM json_each(?))',
    )
    .pluck();
  // Bumped by every write to questions or votes: a cached page is good while it is unchanged.
  let generation = 0;
  // The index holds no author for an anonymous question (migration 013): a search by the
  // asker's name must not find it, as that would tell who asked.
  // The window is the session's newest matches, not the event's: a session's old questions stay
  // findable however busy the others are.
  const searchSession = db.prepare<
    { eventId: number; sessionId: number; match: string; uptoquestion: number },
    QuestionRow
  >(
    `WITH ${hitsCte('question', {
      join: `JOIN questions q ON q.id = ${ITEM_ID}`,
      where: 'q.session_id = @sessionId',
    })}
     SELECT q.* FROM hits JOIN questions q ON q.id = hits.id ORDER BY q.id`,
  );
  const searchEvent = db.prepare<
    KeysetParams & { eventId: number; match: string; limit: number },
    QuestionRow & { score: number }
  >(
    `WITH ${hitsCte('question')}, ranked AS (SELECT 1 AS kind, id, score FROM hits), ${KEYSET}
     SELECT q.*, page.score FROM page JOIN questions q ON q.id = page.id
     ORDER BY page.score, q.id DESC`,
  );
  const setStatus = db.prepare('UPDATE questions SET status = ?, answered_at = ? WHERE id = ?');
  const setText = db.prepare('UPDATE questions SET text = ?, flags = ? WHERE id = ?');
  // Same author, same anonymity: comparing an anonymous question with named ones would tell a
  // moderator who asked it.
  const recentTexts = db
    .prepare<[number, number, string, number, number], string>(
      `SELECT text FROM questions WHERE attendee_id = ? AND anonymous = ? AND created_at >= ? AND id != ?
       ORDER BY id DESC LIMIT ?`,
    )
    .pluck();
  const remove = db.prepare('DELETE FROM questions WHERE id = ?');
  const setSpotlight = db.prepare('UPDATE questions SET spotlighted = ? WHERE id = ?');
  const spotlightedInRoom = db.prepare<[number, string], QuestionRow>(
    `SELECT q.* FROM questions q JOIN sessions s ON s.id = q.session_id
     WHERE q.event_id = ? AND s.room = ? AND q.spotlighted = 1`,
  );
  const addVote = db.prepare(
    'INSERT OR IGNORE INTO votes (question_id, attendee_id, created_at, held) VALUES (?, ?, ?, ?)',
  );
  const removeVote = db
    .prepare<[number, number], number>(
      'DELETE FROM votes WHERE question_id = ? AND attendee_id = ? RETURNING held',
    )
    .pluck();
  const bump = db.prepare('UPDATE questions SET votes = votes + ? WHERE id = ?');
  const releaseHeld = db.prepare('UPDATE votes SET held = 0 WHERE question_id = ? AND held = 1');
  const count = db.prepare<[number], number>('SELECT votes FROM questions WHERE id = ?').pluck();
  const hasVoted = db
    .prepare<[number, number], number>(
      'SELECT 1 FROM votes WHERE question_id = ? AND attendee_id = ?',
    )
    .pluck();

  const removeByEvent = db.prepare<[number]>('DELETE FROM questions WHERE event_id = ?');
  const removeBySession = db
    .prepare<[number], number | null>(
      'DELETE FROM questions WHERE session_id = ? RETURNING post_id',
    )
    .pluck();

  return {
    /** Rehearsal data cleared: every question of the event, and so every vote. */
    deleteByEvent(eventId: number): number {
      generation++;
      return removeByEvent.run(eventId).changes;
    },
    /** A session goes: its questions (and so their votes and answers). Returns their posts. */
    deleteBySession(sessionId: number): number[] {
      generation++;
      return removeBySession.all(sessionId).filter((postId) => postId !== null);
    },
    /**
     * Questions or votes were written elsewhere (merges: duplicates-repository.ts): the cached
     * first pages (paging.ts) must not be served again.
     */
    touch(): void {
      generation++;
    },
    findById: (id: number): QuestionRow | null => byId.get(id) ?? null,
    findByClientId: (attendeeId: number, clientId: string): QuestionRow | null =>
      byClientId.get(attendeeId, clientId) ?? null,
    create(row: QuestionInsert): QuestionRow {
      generation++;
      const id = Number(insert.run(row).lastInsertRowid);
      return byId.get(id)!;
    },
    listBySession: (sessionId: number): QuestionRow[] => bySession.all(sessionId),
    /** An attendee's newest questions, at most `limit`. */
    listByAttendee: (attendeeId: number, limit: number): QuestionRow[] =>
      byAttendee.all(attendeeId, limit),
    /** One page of a session's list, in rank order: a range read on the paging indexes. */
    page: ({ sessionId, scope, after, limit }: QuestionPageQuery): QuestionRow[] =>
      pageStatement(scope, after.sort).all({
        sessionId,
        id: after.id,
        ...(after.sort === 'votes' ? { votes: after.votes } : {}),
        limit,
      }),
    count: (sessionId: number, scope: QuestionScope): number =>
      countStatement(scope).get({ sessionId }) ?? 0,
    /** Every question of a session, any status: for the cap. */
    countInSession: (sessionId: number): number => countInSession.get(sessionId) ?? 0,
    ownInSession: (attendeeId: number, sessionId: number, limit: number): QuestionRow[] =>
      ownInSession.all(attendeeId, sessionId, limit),
    spotlightedInSession: (sessionId: number): QuestionRow[] => spotlightedInSession.all(sessionId),
    /** The oldest questions of a session still awaiting moderation. */
    heldInSession: (sessionId: number, limit: number): QuestionRow[] =>
      heldInSession.all(sessionId, limit),
    /** Per session of the event, how many questions await moderation; sessions with none left out. */
    waitingCounts: (eventId: number): Array<{ sessionId: number; waiting: number }> =>
      waitingCounts.all(eventId),
    /** Which of these questions the attendee has voted for. */
    votedAmong: (attendeeId: number, questionIds: number[]): number[] =>
      questionIds.length === 0 ? [] : votedAmong.all(attendeeId, JSON.stringify(questionIds)),
    /** Changes whenever a question or a vote is written. */
    generation: (): number => generation,
    /** Another module of this domain wrote questions or votes (merge.ts): cached pages are stale. */
    changed(): void {
      generation++;
    },
    /** A session's questions matching the FTS5 expression `match` in text or named author. */
    searchSession: (eventId: number, sessionId: number, match: string): QuestionRow[] =>
      searchSession.all({ eventId, sessionId, match, uptoquestion: EVERY_ID }),
    /** The same across every session of an event: best first (bm25), a page after the cursor. */
    searchEvent: (
      eventId: number,
      match: string,
      keyset: KeysetParams,
      limit: number,
    ): Array<QuestionRow & { score: number }> =>
      searchEvent.all({ eventId, match, limit, ...keyset }),
    setStatus(id: number, status: QuestionStatus, answeredAt: string | null): void {
      generation++;
      setStatus.run(status, answeredAt, id);
    },
    /** New text with the flags its screening gave it. */
    setText(id: number, text: string, flags: string[]): void {
      generation++;
      setText.run(text, JSON.stringify(flags), id);
    },
    /** An attendee's question texts since `since`, newest first, less the one `exceptId`. */
    recentTexts: (
      attendeeId: number,
      anonymous: boolean,
      since: string,
      exceptId: number,
      limit: number,
    ): string[] => recentTexts.all(attendeeId, anonymous ? 1 : 0, since, exceptId, limit),
    delete(id: number): void {
      generation++;
      remove.run(id);
    },
    setSpotlight(id: number, on: boolean): void {
      generation++;
      setSpotlight.run(on ? 1 : 0, id);
    },
    spotlightedInRoom: (eventId: number, room: string): QuestionRow[] =>
      spotlightedInRoom.all(eventId, room),
    /**
     * Adds a vote; the count moves only if the vote row was new and is not held for a moderator
     * (see fresh-votes.ts). Call inside a transaction.
     */
    addVote(questionId: number, attendeeId: number, at: string, held = false): boolean {
      generation++;
      const added = addVote.run(questionId, attendeeId, at, held ? 1 : 0).changes === 1;
      if (added && !held) bump.run(1, questionId);
      return added;
    },
    removeVote(questionId: number, attendeeId: number): boolean {
      generation++;
      const held = removeVote.get(questionId, attendeeId);
      if (held === 0) bump.run(-1, questionId);
      return held !== undefined;
    },
    /** Counts a question's held votes after all (fresh-votes.ts); how many were released. */
    releaseHeldVotes(questionId: number): number {
      generation++;
      const released = releaseHeld.run(questionId).changes;
      if (released > 0) bump.run(released, questionId);
      return released;
    },
    votes: (questionId: number): number => count.get(questionId) ?? 0,
    hasVoted: (questionId: number, attendeeId: number): boolean =>
      hasVoted.get(questionId, attendeeId) === 1,
  };
}

export type QuestionsRepository = ReturnType<typeof createQuestionsRepository>;
