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
import { LIMITS } from '../../shared/limits.ts';
import {
  isQuestionPublic,
  SPEAKER_QUESTION_ACTIONS,
  speakerMayModerate,
} from '../../shared/question-rules.ts';
import type { AttendeeRow } from '../attendees/repository.ts';
import type { DomainDeps } from '../context.ts';
import type { EventRow } from '../events/repository.ts';
import type { PostsRepository } from '../posts/repository.ts';
import type { SessionRow } from '../sessions/repository.ts';
import { requireAttendee, requireModerator, requireSessionStaff } from '../auth/guards.ts';
import { actorName, ASKER_ACTOR, type Principal } from '../auth/principal.ts';
import { AppError, conflict, forbidden, notFound } from '../lib/errors.ts';
import { nowIso } from '../lib/time.ts';
import { presentQuestion, type QuestionRow } from './repository.ts';
import type { VoteCoalescer } from './vote-coalescer.ts';
import type { FreshVotes } from './fresh-votes.ts';
import type { WaitingQuestionsService } from './waiting.ts';
import { createQuestionsFromPosts } from './from-posts.ts';
import { createQuestionPager, decodeCursor, isAfter, pageOf } from './paging.ts';
import {
  createScreening,
  goesLive,
  REPEAT_LOOKBACK,
  type Screening,
} from '../moderation/screening.ts';
import { nextState, refuseIfMerged } from './transitions.ts';
import { refuseIfBlocked } from '../moderation/authors.ts';
import { matchFor } from '../search/index.ts';
import { eventForModerator } from '../events/existing.ts';

export interface QuestionListOptions {
  sort?: QuestionSort;
  cursor?: string;
  limit?: number;
  q?: string;
}

export function createQuestionsService({
  db,
  repos,
  broadcast,
  limiter,
  voteCoalescer,
  freshVotes,
  waiting,
}: Pick<DomainDeps, 'db' | 'broadcast' | 'limiter'> & {
  /** The posts' table only to read a post's status: the posts domain writes it. */
  repos: Omit<DomainDeps['repos'], 'posts'> & { posts: Pick<PostsRepository, 'findById'> };
  voteCoalescer: VoteCoalescer;
  freshVotes: FreshVotes;
  waiting: Pick<WaitingQuestionsService, 'touch'>;
}) {
  const pager = createQuestionPager(repos.questions);
  const fromPosts = createQuestionsFromPosts(repos);

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

  /**
   * Staff search within a session: the FTS5 hits (at most a session's cap of questions), in the
   * list's order, a page at a time.
   */
  function searchPage(
    session: SessionRow,
    q: string,
    sort: QuestionSort,
    cursor: string | undefined,
    limit: number,
  ) {
    const after = decodeCursor(sort, cursor);
    const hits = repos.questions
      .searchSession(session.event_id, session.id, matchFor(q))
      .sort((a, b) => (sort === 'votes' ? b.votes - a.votes || a.id - b.id : b.id - a.id));
    const page = pageOf(
      hits.filter((row) => isAfter(row, after)),
      sort,
      limit,
    );
    return { ...page, total: hits.length };
  }

  function ensureRoom(sessionId: number): void {
    if (repos.questions.countInSession(sessionId) >= LIMITS.questionsPerSession)
      throw conflict(
        'too_many_questions',
        `This session holds ${LIMITS.questionsPerSession} questions, the most it can take`,
      );
  }

  function publish(row: QuestionRow, change: 'created' | 'updated', wasPublic: boolean): Question {
    const question = presentQuestion(row);
    broadcast.question(question, change, wasPublic, row.attendee_id);
    waiting.touch(row.event_id);
    return question;
  }

  const screenText = createScreening(repos.authors);

  /** A question is screened like a post; a repeat is the same attendee asking the same again. */
  function screenQuestion(
    event: EventRow,
    attendeeId: number,
    text: string,
    anonymous: boolean,
    exceptId = 0,
  ): Screening {
    return screenText(event, {
      text,
      authorKey: `attendee:${attendeeId}`,
      recentTexts: (since) =>
        repos.questions.recentTexts(attendeeId, anonymous, since, exceptId, REPEAT_LOOKBACK),
    });
  }

  /**
   * The status an author's edit leaves a waiting question in: screened again as if new. A clean
   * edit under post-moderation goes live, unless the post it came from is still held.
   */
  function statusAfterEdit(before: QuestionRow, event: EventRow, screening: Screening) {
    if (!goesLive(screening, event.question_moderation)) return 'pending' as const;
    if (before.post_id !== null && repos.posts.findById(before.post_id)?.status !== 'approved')
      return 'pending' as const;
    return 'approved' as const;
  }

  return {
    get,
    publish,

    /** Asks a question. A repeated clientId returns the first question instead of a copy. */
    create(
      principal: Principal,
      sessionId: number,
      body: CreateQuestionBody,
    ): { question: Question; created: boolean } {
      const session = getSession(sessionId);
      const { attendee } = requireAttendee(principal, session.event_id);
      refuseIfBlocked(repos.authors, session.event_id, attendee.id);
      if (body.clientId) {
        const existing = repos.questions.findByClientId(attendee.id, body.clientId);
        if (existing) return { question: presentQuestion(existing), created: false };
      }
      const event = repos.events.findById(session.event_id)!;
      if (session.questions_open !== 1)
        throw conflict('questions_closed', 'Questions are closed for this session');
      if (body.anonymous && event.allow_anonymous !== 1) {
        throw new AppError(
          400,
          'anonymous_not_allowed',
          'This event does not allow anonymous questions',
        );
      }
      const screening = screenQuestion(event, attendee.id, body.text, body.anonymous === true);
      if (screening.outcome === 'blocked') {
        throw forbidden('You can no longer ask questions at this event');
      }
      ensureRoom(session.id);
      limiter.take('question', attendee.id);
      if (attendee.address_hash) limiter.take('questionPerAddress', attendee.address_hash);
      const row = repos.questions.create({
        event_id: event.id,
        session_id: session.id,
        attendee_id: attendee.id,
        post_id: null,
        client_id: body.clientId ?? null,
        text: body.text,
        // No name is kept for an anonymous question, not even for moderators.
        author_name: body.anonymous ? null : attendee.display_name,
        anonymous: body.anonymous ? 1 : 0,
        status: goesLive(screening, event.question_moderation) ? 'approved' : 'pending',
        flags: JSON.stringify(screening.flags),
        created_at: nowIso(),
      });
      return { question: publish(row, 'created', false), created: true };
    },

    ...fromPosts,

    /**
     * One page of a session's questions, best first (or newest first). The public scope lists
     * live and answered ones; the staff scope (moderator or the session's speaker) every status
     * and may search. The first page also carries the caller's own questions, the spotlighted
     * one and, for staff, the oldest held ones, so nobody needs the whole list to do their job.
     */
    list(
      principal: Principal,
      sessionId: number,
      scope: 'public' | 'staff',
      query: QuestionListOptions = {},
    ): QuestionList {
      const session = getSession(sessionId);
      if (scope === 'staff')
        requireSessionStaff(principal, { id: session.id, eventId: session.event_id });
      const attendeeId =
        principal.kind === 'attendee' && principal.eventId === session.event_id
          ? principal.attendee.id
          : null;
      const sort = query.sort ?? 'votes';
      const limit = query.limit ?? LIMITS.questionPage.default;
      // Search is for staff: the public list has no q.
      const search = scope === 'staff' ? query.q : undefined;
      const ranked =
        search === undefined
          ? pager.page(sessionId, scope, sort, query.cursor, limit)
          : searchPage(session, search, sort, query.cursor, limit);
      const questions = new Map(ranked.questions.map((question) => [question.id, question]));
      if (query.cursor === undefined && search === undefined) {
        const extras = [
          ...repos.questions.spotlightedInSession(sessionId),
          ...(scope === 'staff'
            ? repos.questions.heldInSession(sessionId, LIMITS.questionPageExtras)
            : []),
          ...(attendeeId === null
            ? []
            : repos.questions.ownInSession(attendeeId, sessionId, LIMITS.questionPageExtras)),
        ];
        for (const row of extras) {
          const mine = attendeeId !== null && row.attendee_id === attendeeId;
          if (scope === 'staff' || isQuestionPublic(row) || mine)
            if (!questions.has(row.id)) questions.set(row.id, presentQuestion(row));
        }
      }
      const ids = [...questions.keys()];
      const myVotes = attendeeId === null ? [] : repos.questions.votedAmong(attendeeId, ids);
      return {
        questions: [...questions.values()],
        myVotes,
        nextCursor: ranked.nextCursor,
        total: ranked.total,
      };
    },

    /** Questions of every session of an event matching `q`, best first (moderator). */
    search(principal: Principal, eventId: number, query: QuestionSearchQuery): QuestionPage {
      eventForModerator(repos.events, principal, eventId);
      const match = matchFor(query.q);
      const paging = repos.search.paging(query.cursor);
      const rows = repos.questions.searchEvent(eventId, match, paging.params, query.limit + 1);
      const questions = rows.slice(0, query.limit).map(presentQuestion);
      const ids = questions.map((question) => question.id);
      const last = rows.length > query.limit ? rows[query.limit - 1]! : undefined;
      return {
        questions,
        nextCursor: paging.next(last && { kind: 1, id: last.id, score: last.score }),
        snippets: repos.search.snippets(eventId, 'question', ids, match),
      };
    },

    /** The attendee's newest questions, in every status, oldest first. */
    mine(attendee: AttendeeRow): Question[] {
      return repos.questions
        .listByAttendee(attendee.id, LIMITS.myQuestions)
        .reverse()
        .map(presentQuestion);
    },

    moderate(principal: Principal, questionId: number, action: QuestionAction): Question {
      const before = get(questionId);
      const session = getSession(before.session_id);
      const staff = requireSessionStaff(principal, { id: session.id, eventId: session.event_id });
      if (staff.kind === 'speaker' && !speakerMayModerate(action, before.status)) {
        throw forbidden(
          action === 'restore'
            ? 'A speaker may restore an answered question; a dismissed one is for moderators'
            : `A speaker may ${SPEAKER_QUESTION_ACTIONS.join(', ')}; ${action} is for moderators`,
        );
      }
      // A speaker works on what the room can already see: marking a held question answered
      // would put it on every screen without a moderator's approval.
      if (staff.kind === 'speaker' && !isQuestionPublic(before)) {
        throw forbidden('A speaker may act only on approved or answered questions');
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
        if (next.status !== undefined)
          repos.questions.setStatus(before.id, next.status, next.answeredAt ?? null);
        if (next.spotlighted !== undefined)
          repos.questions.setSpotlight(before.id, next.spotlighted);
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
      const byAuthor = principal.kind === 'attendee' && principal.eventId === before.event_id;
      if (byAuthor) {
        if (before.attendee_id !== principal.attendee.id)
          throw forbidden('Only its author can edit this question');
        refuseIfBlocked(repos.authors, before.event_id, principal.attendee.id);
        if (before.status !== 'pending')
          throw conflict(
            'invalid_transition',
            'A question can be edited only while it awaits moderation',
          );
      } else {
        requireModerator(principal, before.event_id);
      }
      if (text === before.text) return presentQuestion(before);
      const event = repos.events.findById(before.event_id)!;
      // Screened again, so an edit cannot slip past what the first text would not have.
      const screening =
        before.attendee_id === null
          ? null
          : screenQuestion(event, before.attendee_id, text, before.anonymous === 1, before.id);
      const flags = screening?.flags ?? [];
      // A moderator's edit keeps the status they see; an author's is decided as if asked anew.
      const status =
        byAuthor && screening && screening.outcome !== 'blocked'
          ? statusAfterEdit(before, event, screening)
          : before.status;
      const after = db.transaction(() => {
        repos.questions.setText(before.id, text, flags);
        if (status !== before.status) repos.questions.setStatus(before.id, status, null);
        repos.log.append({
          eventId: before.event_id,
          actor: principal.kind === 'attendee' ? ASKER_ACTOR : actorName(principal),
          action: 'question_edit',
          itemType: 'question',
          itemId: before.id,
          detail: {
            original: before.text,
            text,
            ...(flags.length > 0 ? { flags } : {}),
            ...(status !== before.status ? { from: before.status, to: status } : {}),
          },
        });
        return repos.questions.findById(before.id)!;
      })();
      return publish(after, 'updated', isQuestionPublic(before));
    },

    /** The author takes back a question that has not been moderated yet. */
    /**
     * A session is being deleted (inside the caller's transaction): its questions go with it,
     * and the posts they were made from lose their link.
     */
    removeSession(sessionId: number): void {
      for (const postId of repos.questions.deleteBySession(sessionId)) fromPosts.removed(postId);
    },

    withdraw(principal: Principal, questionId: number): { id: number; sessionId: number } {
      const before = get(questionId);
      const { attendee } = requireAttendee(principal, before.event_id);
      if (before.attendee_id !== attendee.id)
        throw forbidden('Only its author can withdraw this question');
      if (before.status !== 'pending')
        throw conflict(
          'invalid_transition',
          'A question can be withdrawn only while it awaits moderation',
        );
      db.transaction(() => {
        repos.questions.delete(before.id);
        if (before.post_id !== null) fromPosts.removed(before.post_id);
        repos.log.append({
          eventId: before.event_id,
          actor: ASKER_ACTOR,
          action: 'question_withdraw',
          itemType: 'question',
          itemId: before.id,
          detail: { text: before.text },
        });
      })();
      broadcast.questionRemoved(presentQuestion(before), before.attendee_id);
      waiting.touch(before.event_id);
      return { id: before.id, sessionId: before.session_id };
    },

    vote(principal: Principal, questionId: number, on: boolean): VoteResult {
      const question = get(questionId);
      const { attendee } = requireAttendee(principal, question.event_id);
      refuseIfBlocked(repos.authors, question.event_id, attendee.id);
      refuseIfMerged(question);
      if (on && question.status !== 'approved') {
        throw conflict('invalid_transition', 'Only live questions can be voted for');
      }
      limiter.take('vote', attendee.id);
      const changed = db.transaction(() =>
        on
          ? repos.questions.addVote(
              questionId,
              attendee.id,
              nowIso(),
              freshVotes.mustHold(attendee, questionId),
            )
          : repos.questions.removeVote(questionId, attendee.id),
      )();
      if (changed) voteCoalescer.mark(question.event_id, question.session_id, questionId);
      return { questionId, voted: on, votes: repos.questions.votes(questionId) };
    },
  };
}

export type QuestionsService = ReturnType<typeof createQuestionsService>;
