import type {
  CreateQuestionBody,
  Question,
  QuestionAction,
  QuestionList,
  QuestionPage,
  QuestionSearchQuery,
  QuestionSort,
  VoteResult,
} from '../../shared/schemas/questions.ts';
import { compareByRecent, compareByVotes, isQuestionPublic, SPEAKER_QUESTION_ACTIONS } from '../../shared/schemas/questions.ts';
import type { AttendeeRow } from '../attendees/repository.ts';
import type { DomainDeps } from '../context.ts';
import type { EventRow } from '../events/repository.ts';
import type { PostRow } from '../posts/repository.ts';
import type { SessionRow } from '../sessions/repository.ts';
import { requireAttendee, requireModerator, requireSessionStaff } from '../auth/guards.ts';
import { actorName, type Principal } from '../auth/principal.ts';
import { AppError, conflict, forbidden, notFound } from '../lib/errors.ts';
import { nowIso } from '../lib/time.ts';
import { presentQuestion, type QuestionRow } from './repository.ts';
import type { VoteCoalescer } from './vote-coalescer.ts';
import { nextState } from './transitions.ts';

export function createQuestionsService({ db, repos, broadcast, limiter, voteCoalescer }: DomainDeps & { voteCoalescer: VoteCoalescer }) {
  function get(questionId: number): QuestionRow {
    const row = repos.questions.findById(questionId);
    if (!row) throw notFound('question_not_found', `No question with id ${questionId}`);
    return row;
  }

  function getSession(sessionId: number): SessionRow {
    const row = repos.sessions.findById(sessionId);
    if (!row) throw notFound('session_not_found', `No session with id ${sessionId}`);
    return row;
  }

  function publish(row: QuestionRow, change: 'created' | 'updated', wasPublic: boolean): Question {
    const question = presentQuestion(row);
    broadcast.question(question, change, wasPublic, row.attendee_id);
    return question;
  }

  return {
    get,
    publish,

    /** Asks a question. A repeated clientId returns the first question instead of a copy. */
    create(principal: Principal, sessionId: number, body: CreateQuestionBody): { question: Question; created: boolean } {
      const session = getSession(sessionId);
      const { attendee } = requireAttendee(principal, session.event_id);
      if (body.clientId) {
        const existing = repos.questions.findByClientId(attendee.id, body.clientId);
        if (existing) return { question: presentQuestion(existing), created: false };
      }
      const event = repos.events.findById(session.event_id)!;
      if (session.questions_open !== 1) throw conflict('questions_closed', 'Questions are closed for this session');
      if (body.anonymous && event.allow_anonymous !== 1) {
        throw new AppError(400, 'anonymous_not_allowed', 'This event does not allow anonymous questions');
      }
      if (repos.authors.rule(event.id, `attendee:${attendee.id}`) === 'blocked') {
        throw forbidden('You can no longer ask questions at this event');
      }
      limiter.take('question', attendee.id);
      const row = repos.questions.create({
        event_id: event.id,
        session_id: session.id,
        attendee_id: attendee.id,
        post_id: null,
        client_id: body.clientId ?? null,
        text: body.text,
        author_name: attendee.display_name,
        anonymous: body.anonymous ? 1 : 0,
        status:
          event.question_moderation === 'pre' && repos.authors.rule(event.id, `attendee:${attendee.id}`) !== 'trusted'
            ? 'pending'
            : 'approved',
        created_at: nowIso(),
      });
      return { question: publish(row, 'created', false), created: true };
    },

    /**
     * A post carrying the question tag becomes a question of the live session. Runs inside the
     * caller's transaction; the caller publishes after commit. A held post makes a held question.
     */
    insertFromPost(post: PostRow, event: EventRow, hashtags: string[], room?: string): QuestionRow | null {
      // The session whose own tag the post carries, else the live session of the poster's room
      // (the attendee app sends the room it was opened for), else the first live session.
      const tagged = hashtags.map((tag) => repos.sessions.findByTag(event.id, tag)).find((s) => s !== null);
      const live = repos.sessions.listLive(event.id);
      const inRoom = room ? live.find((s) => s.room.trim().toLowerCase() === room.trim().toLowerCase()) : undefined;
      const session = tagged ?? inRoom ?? live[0];
      if (!session || session.questions_open !== 1) return null;
      const text = post.text.replace(new RegExp(`(^|\\s)#${event.question_tag}(?![\\p{L}\\p{N}_])`, 'giu'), ' ').trim();
      if (text.length < 3) return null;
      const held = post.status === 'pending' || post.status === 'rejected';
      return repos.questions.create({
        event_id: event.id,
        session_id: session.id,
        attendee_id: post.attendee_id,
        post_id: post.id,
        client_id: null,
        text: text.slice(0, 300),
        author_name: post.author_handle ? `${post.author_name} (@${post.author_handle})` : post.author_name,
        anonymous: 0,
        status: held || event.question_moderation === 'pre' ? 'pending' : 'approved',
        created_at: post.created_at,
      });
    },

    /**
     * A session's questions. The public scope lists live and answered ones, plus an attendee's
     * own in any status; the staff scope (moderator or the session's speaker) lists every status.
     */
    list(principal: Principal, sessionId: number, sort: QuestionSort, scope: 'public' | 'staff', q?: string): QuestionList {
      const session = getSession(sessionId);
      if (scope === 'staff') requireSessionStaff(principal, { id: session.id, eventId: session.event_id });
      const attendeeId =
        principal.kind === 'attendee' && principal.eventId === session.event_id ? principal.attendee.id : null;
      // Search is for staff: the public list has no q.
      const found = scope === 'staff' && q !== undefined ? repos.questions.searchSession(sessionId, q) : repos.questions.listBySession(sessionId);
      const rows = found
        .filter((row) => scope === 'staff' || isQuestionPublic(row) || (attendeeId !== null && row.attendee_id === attendeeId));
      const questions = rows.map(presentQuestion).sort(sort === 'votes' ? compareByVotes : compareByRecent);
      const myVotes = attendeeId === null ? [] : repos.questions.votedInSession(attendeeId, sessionId);
      return { questions, myVotes };
    },

    /** Questions of every session of an event whose text or author contains `q` (moderator). */
    search(principal: Principal, eventId: number, query: QuestionSearchQuery): QuestionPage {
      if (!repos.events.findById(eventId)) throw notFound('event_not_found', `No event with id ${eventId}`);
      requireModerator(principal, eventId);
      const before = query.cursor ? Number(query.cursor) : Number.MAX_SAFE_INTEGER;
      const rows = repos.questions.searchEvent(eventId, query.q, before, query.limit + 1);
      const questions = rows.slice(0, query.limit).map(presentQuestion);
      return { questions, nextCursor: rows.length > query.limit ? String(questions[questions.length - 1]!.id) : null };
    },

    mine(attendee: AttendeeRow): Question[] {
      return repos.questions.listByAttendee(attendee.id).map(presentQuestion);
    },

    moderate(principal: Principal, questionId: number, action: QuestionAction): Question {
      const before = get(questionId);
      const session = getSession(before.session_id);
      const staff = requireSessionStaff(principal, { id: session.id, eventId: session.event_id });
      if (staff.kind === 'speaker' && !SPEAKER_QUESTION_ACTIONS.includes(action)) {
        throw forbidden(`A speaker may ${SPEAKER_QUESTION_ACTIONS.join(', ')}; ${action} is for moderators`);
      }
      const next = nextState(before, action);
      if (next === 'unchanged') return presentQuestion(before);
      const touched: QuestionRow[] = [];
      const after = db.transaction(() => {
        if (next.spotlighted === true) {
          // One spotlight per room: the screen of a room shows one question.
          for (const other of repos.questions.spotlightedInRoom(session.event_id, session.room)) {
            if (other.id === before.id) continue;
            repos.questions.setSpotlight(other.id, false);
            touched.push(repos.questions.findById(other.id)!);
          }
        }
        if (next.status !== undefined) repos.questions.setStatus(before.id, next.status, next.answeredAt ?? null);
        if (next.spotlighted !== undefined) repos.questions.setSpotlight(before.id, next.spotlighted);
        repos.log.append({
          eventId: before.event_id,
          actor: actorName(principal),
          action: `question_${action}`,
          itemType: 'question',
          itemId: before.id,
          detail: { from: before.status, to: next.status ?? before.status },
        });
        return repos.questions.findById(before.id)!;
      })();
      for (const row of touched) publish(row, 'updated', isQuestionPublic(row));
      return publish(after, 'updated', isQuestionPublic(before));
    },

    /**
     * Changes a question's text. Its author may while it awaits moderation; a moderator may at
     * any time, and the log keeps the original.
     */
    edit(principal: Principal, questionId: number, text: string): Question {
      const before = get(questionId);
      if (principal.kind === 'attendee' && principal.eventId === before.event_id) {
        if (before.attendee_id !== principal.attendee.id) throw forbidden('Only its author can edit this question');
        if (before.status !== 'pending') throw conflict('invalid_transition', 'A question can be edited only while it awaits moderation');
      } else {
        requireModerator(principal, before.event_id);
      }
      if (text === before.text) return presentQuestion(before);
      const after = db.transaction(() => {
        repos.questions.setText(before.id, text);
        repos.log.append({
          eventId: before.event_id,
          actor: actorName(principal),
          action: 'question_edit',
          itemType: 'question',
          itemId: before.id,
          detail: { original: before.text, text },
        });
        return repos.questions.findById(before.id)!;
      })();
      return publish(after, 'updated', isQuestionPublic(before));
    },

    /** The author takes back a question that has not been moderated yet. */
    withdraw(principal: Principal, questionId: number): { id: number; sessionId: number } {
      const before = get(questionId);
      const { attendee } = requireAttendee(principal, before.event_id);
      if (before.attendee_id !== attendee.id) throw forbidden('Only its author can withdraw this question');
      if (before.status !== 'pending') throw conflict('invalid_transition', 'A question can be withdrawn only while it awaits moderation');
      db.transaction(() => {
        repos.questions.delete(before.id);
        if (before.post_id !== null) repos.posts.forgetWallHeads();
        repos.log.append({
          eventId: before.event_id,
          actor: actorName(principal),
          action: 'question_withdraw',
          itemType: 'question',
          itemId: before.id,
          detail: { text: before.text },
        });
      })();
      broadcast.questionRemoved(presentQuestion(before), before.attendee_id);
      return { id: before.id, sessionId: before.session_id };
    },

    vote(principal: Principal, questionId: number, on: boolean): VoteResult {
      const question = get(questionId);
      const { attendee } = requireAttendee(principal, question.event_id);
      if (on && question.status !== 'approved') {
        throw conflict('invalid_transition', 'Only live questions can be voted for');
      }
      limiter.take('vote', attendee.id);
      const changed = db.transaction(() =>
        on
          ? repos.questions.addVote(questionId, attendee.id, nowIso())
          : repos.questions.removeVote(questionId, attendee.id),
      )();
      if (changed) voteCoalescer.mark(question.event_id, question.session_id, questionId);
      return { questionId, voted: on, votes: repos.questions.votes(questionId) };
    },
  };
}

export type QuestionsService = ReturnType<typeof createQuestionsService>;
