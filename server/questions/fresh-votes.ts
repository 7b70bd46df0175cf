import { FRESH_VOTES } from '../../shared/limits.ts';
import type { HeldVotes, ReleasedVotes } from '../../shared/schemas/votes.ts';
import type { AttendeeRow } from '../attendees/repository.ts';
import { requireModerator } from '../auth/guards.ts';
import { actorName, type Principal } from '../auth/principal.ts';
import type { DomainDeps } from '../context.ts';
import { notFound } from '../lib/errors.ts';
import type { VoteCoalescer } from './vote-coalescer.ts';

/**
 * Vote bursts from fresh identities (shared/limits.ts FRESH_VOTES): on one question, votes cast
 * by identities younger than ten minutes count up to the limit; the rest are stored held, and
 * a moderator sees them (stats, GET held-votes) and may release them into the count.
 */
/** At most this many questions are listed: the ones with the most held votes. */
const LISTED = 100;
const FRESH_DAYS = FRESH_VOTES.identityMs / 86_400_000;

export function createFreshVotes(
  { config, db, repos }: DomainDeps,
  voteCoalescer: Pick<VoteCoalescer, 'mark'>,
) {
  // Votes counted on a question that their voter cast while fresh.
  const freshCounted = db
    .prepare<[number, number], number>(
      `SELECT count(*) FROM votes v JOIN attendees a ON a.id = v.attendee_id
       WHERE v.question_id = ? AND v.held = 0
         AND julianday(v.created_at) - julianday(a.created_at) < ?`,
    )
    .pluck();
  const heldInEvent = db.prepare<
    [number, number],
    { questionId: number; sessionId: number; text: string; votes: number; held: number }
  >(
    `SELECT q.id AS questionId, q.session_id AS sessionId, q.text, q.votes, count(*) AS held
     FROM votes v JOIN questions q ON q.id = v.question_id
     WHERE q.event_id = ? AND v.held = 1
     GROUP BY q.id ORDER BY held DESC, q.id LIMIT ?`,
  );
  const heldTotal = db
    .prepare<[number], number>(
      `SELECT count(*) FROM votes v JOIN questions q ON q.id = v.question_id
       WHERE q.event_id = ? AND v.held = 1`,
    )
    .pluck();

  return {
    /** Whether a new vote by `attendee` on `questionId` is held. Call inside the vote's transaction. */
    mustHold(attendee: AttendeeRow, questionId: number, now = Date.now()): boolean {
      if (now - Date.parse(attendee.created_at) >= FRESH_VOTES.identityMs) return false;
      return freshCounted.get(questionId, FRESH_DAYS)! >= config.freshVoteLimit;
    },

    /** Held votes in the whole event, for the moderators' counters. */
    total: (eventId: number): number => heldTotal.get(eventId) ?? 0,

    list(principal: Principal, eventId: number): HeldVotes {
      requireModerator(principal, eventId);
      return { questions: heldInEvent.all(eventId, LISTED) };
    },

    /** Counts a question's held votes after all: a moderator judged them real. */
    release(principal: Principal, questionId: number): ReleasedVotes {
      const question = repos.questions.findById(questionId);
      if (!question) throw notFound('question_not_found', `No question with id ${questionId}`);
      requireModerator(principal, question.event_id);
      const released = db.transaction(() => {
        const moved = repos.questions.releaseHeldVotes(questionId);
        if (moved > 0) {
          repos.log.append({
            eventId: question.event_id,
            actor: actorName(principal),
            action: 'votes_release',
            itemType: 'question',
            itemId: questionId,
            detail: { released: moved },
          });
        }
        return moved;
      })();
      if (released > 0) voteCoalescer.mark(question.event_id, question.session_id, questionId);
      return { questionId, released, votes: repos.questions.votes(questionId) };
    },
  };
}

export type FreshVotes = ReturnType<typeof createFreshVotes>;
