import { attendeeName } from '../../shared/askers.ts';
import { LIMITS } from '../../shared/limits.ts';
import type { Answer, AnswerList, CreateAnswerBody } from '../../shared/schemas/answers.ts';
import { isAnswerPublic } from '../../shared/answer-rules.ts';
import { isQuestionPublic } from '../../shared/question-rules.ts';
import type { DomainDeps } from '../context.ts';
import type { QuestionsService } from '../questions/service.ts';
import type { QuestionRow } from '../questions/repository.ts';
import type { SessionRow } from '../sessions/repository.ts';
import { requireAttendee, requireModerator, requireSessionStaff } from '../auth/guards.ts';
import { actorName, type Principal } from '../auth/principal.ts';
import { conflict, forbidden, notFound } from '../lib/errors.ts';
import { nowIso } from '../lib/time.ts';
import { createScreening, goesLive } from '../moderation/screening.ts';
import { presentAnswer, type AnswerRow } from './repository.ts';

/**
 * Answers to questions. The speaker of the session or a moderator writes an answer (public at
 * once) and may mark the question answered with it; an attendee replies to a public question,
 * and the reply is screened and moderated like a post. Staff accept one answer or reply as the
 * answer. Every write broadcasts itself through the same room rules as questions.
 */
export function createAnswersService(
  { db, repos, broadcast, limiter }: DomainDeps,
  questions: QuestionsService,
) {
  const screen = createScreening(repos.authors);

  function getQuestion(questionId: number): { question: QuestionRow; session: SessionRow } {
    const question = repos.questions.findById(questionId);
    if (!question) throw notFound('question_not_found', `No question with id ${questionId}`);
    return { question, session: repos.sessions.findById(question.session_id)! };
  }

  function getAnswer(answerId: number): AnswerRow {
    const row = repos.answers.findById(answerId);
    if (!row) throw notFound('answer_not_found', `No answer with id ${answerId}`);
    return row;
  }

  const staffOf = (principal: Principal, session: SessionRow) =>
    requireSessionStaff(principal, { id: session.id, eventId: session.event_id });

  function publish(row: AnswerRow, change: 'created' | 'updated', wasPublic: boolean): Answer {
    const answer = presentAnswer(row);
    const question = repos.questions.findById(row.question_id);
    broadcast.answer(answer, change, wasPublic, {
      questionPublic: question !== null && isQuestionPublic(question),
      askerId: question?.attendee_id ?? null,
      authorId: row.attendee_id,
    });
    return answer;
  }

  /** Makes `row` the question's accepted answer (and no other), in the caller's transaction. */
  function acceptOnly(row: AnswerRow, at: string): AnswerRow | null {
    const previous = repos.answers.accepted(row.question_id);
    if (previous && previous.id !== row.id) repos.answers.setAccepted(previous.id, false, at);
    repos.answers.setAccepted(row.id, true, at);
    return previous && previous.id !== row.id ? repos.answers.findById(previous.id) : null;
  }

  /** The question shows as answered once it has an accepted answer (through its own domain). */
  function markAnswered(principal: Principal, question: QuestionRow): void {
    if (question.status !== 'answered') questions.moderate(principal, question.id, 'answer');
  }

  return {
    /**
     * Merging questions (questions/merge.ts): the duplicate's answers go under the target, and
     * an unmerge takes them back. A merge that would put more than a question keeps under one
     * is refused with 409 answers_full. The moves run in the merge's transaction; publishMoved
     * tells everyone once it has committed.
     */
    mergeable(duplicateId: number, targetId: number): void {
      if (
        repos.answers.count(duplicateId) + repos.answers.count(targetId) >
        LIMITS.answersPerQuestion
      )
        throw conflict(
          'answers_full',
          `Together the two questions have more than ${LIMITS.answersPerQuestion} answers`,
        );
    },
    followMerge: (duplicateId: number, targetId: number, at: string): AnswerRow[] =>
      repos.answers.followMerge(duplicateId, targetId, at),
    followUnmerge: (duplicateId: number, targetId: number, at: string): AnswerRow[] =>
      repos.answers.followUnmerge(duplicateId, targetId, at),
    publishMoved(rows: AnswerRow[]): void {
      for (const row of rows) publish(row, 'updated', isAnswerPublic(row));
    },

    /**
     * A question's answers and replies. Staff of its session see every status; everyone else
     * sees the public ones of a public question, and an attendee also their own replies and the
     * answers to their own question.
     */
    list(principal: Principal, questionId: number): AnswerList {
      const { question, session } = getQuestion(questionId);
      const isStaff =
        (principal.kind === 'moderator' || principal.kind === 'speaker') &&
        principal.eventId === session.event_id &&
        (principal.kind === 'moderator' ||
          principal.sessionId === null ||
          principal.sessionId === session.id);
      const attendeeId =
        principal.kind === 'attendee' && principal.eventId === session.event_id
          ? principal.attendee.id
          : null;
      const asker = attendeeId !== null && question.attendee_id === attendeeId;
      if (!isStaff && !asker && !isQuestionPublic(question))
        throw notFound('question_not_found', `No question with id ${questionId}`);
      const rows = repos.answers
        .listByQuestion(questionId, LIMITS.answersPerQuestion)
        .filter(
          (row) =>
            isStaff ||
            isAnswerPublic(row) ||
            (attendeeId !== null && row.attendee_id === attendeeId),
        );
      return { answers: rows.map(presentAnswer) };
    },

    create(
      principal: Principal,
      questionId: number,
      body: CreateAnswerBody,
    ): { answer: Answer; kind: 'answer' | 'reply' } {
      const { question, session } = getQuestion(questionId);
      const event = repos.events.findById(session.event_id)!;
      const at = nowIso();
      if (repos.answers.count(questionId) >= LIMITS.answersPerQuestion)
        throw conflict(
          'answers_full',
          `A question keeps at most ${LIMITS.answersPerQuestion} answers`,
        );

      if (principal.kind === 'moderator' || principal.kind === 'speaker') {
        const staff = staffOf(principal, session);
        // Marking answered first: if the question may not be (held, dismissed, a speaker on a
        // held one) nothing is written.
        if (body.markAnswered) markAnswered(principal, question);
        const row = db.transaction(() => {
          const created = repos.answers.create({
            event_id: session.event_id,
            session_id: session.id,
            question_id: question.id,
            kind: 'answer',
            author_role: staff.kind,
            attendee_id: null,
            author_name:
              staff.kind === 'speaker' ? session.speaker.trim() || 'Speaker' : 'Moderator',
            text: body.text,
            status: 'approved',
            created_at: at,
            updated_at: at,
          });
          const replaced = body.markAnswered ? acceptOnly(created, at) : null;
          repos.log.append({
            eventId: session.event_id,
            actor: actorName(principal),
            action: 'answer_create',
            itemType: 'answer',
            itemId: created.id,
            detail: { questionId: question.id, accepted: body.markAnswered === true },
          });
          return { created: repos.answers.findById(created.id)!, replaced };
        })();
        if (row.replaced) publish(row.replaced, 'updated', true);
        return { answer: publish(row.created, 'created', false), kind: 'answer' };
      }

      const { attendee } = requireAttendee(principal, session.event_id);
      if (!isQuestionPublic(question) && question.attendee_id !== attendee.id)
        throw notFound('question_not_found', `No question with id ${questionId}`);
      limiter.take('post', attendee.id);
      const screening = screen(event, {
        text: body.text,
        authorKey: `attendee:${attendee.id}`,
        recentTexts: () => [],
      });
      if (screening.outcome === 'blocked')
        throw forbidden('This author may not reply at this event');
      const row = repos.answers.create({
        event_id: session.event_id,
        session_id: session.id,
        question_id: question.id,
        kind: 'reply',
        author_role: 'attendee',
        attendee_id: attendee.id,
        author_name: attendeeName(attendee.display_name),
        text: body.text,
        status: goesLive(screening, event.post_moderation) ? 'approved' : 'pending',
        created_at: at,
        updated_at: at,
      });
      return { answer: publish(row, 'created', false), kind: 'reply' };
    },

    /** Staff of the session change an answer's text; attendees' replies are not edited. */
    edit(principal: Principal, answerId: number, text: string): Answer {
      const before = getAnswer(answerId);
      const session = repos.sessions.findById(before.session_id)!;
      staffOf(principal, session);
      if (before.kind !== 'answer')
        throw forbidden("An attendee's reply is theirs: it can be approved, rejected or accepted");
      const at = nowIso();
      const after = db.transaction(() => {
        repos.answers.setText(before.id, text, at);
        repos.log.append({
          eventId: before.event_id,
          actor: actorName(principal),
          action: 'answer_edit',
          itemType: 'answer',
          itemId: before.id,
          detail: { original: before.text },
        });
        return repos.answers.findById(before.id)!;
      })();
      return publish(after, 'updated', isAnswerPublic(before));
    },

    /** Staff choose this answer or (approved) reply as the question's answer, and mark it answered. */
    accept(principal: Principal, answerId: number): Answer {
      const before = getAnswer(answerId);
      const { question, session } = getQuestion(before.question_id);
      staffOf(principal, session);
      if (!isAnswerPublic(before))
        throw conflict('invalid_transition', 'Only an approved reply can be accepted');
      markAnswered(principal, question);
      const at = nowIso();
      const { after, replaced } = db.transaction(() => {
        const replaced = acceptOnly(before, at);
        repos.log.append({
          eventId: before.event_id,
          actor: actorName(principal),
          action: 'answer_accept',
          itemType: 'answer',
          itemId: before.id,
        });
        return { after: repos.answers.findById(before.id)!, replaced };
      })();
      if (replaced) publish(replaced, 'updated', true);
      return publish(after, 'updated', true);
    },

    /** Moderators approve or reject an attendee's reply; a rejected reply is no longer accepted. */
    moderate(principal: Principal, answerId: number, action: 'approve' | 'reject'): Answer {
      const before = getAnswer(answerId);
      requireModerator(principal, before.event_id);
      const status = action === 'approve' ? 'approved' : 'rejected';
      if (before.status === status) return presentAnswer(before);
      const at = nowIso();
      const after = db.transaction(() => {
        repos.answers.setStatus(before.id, status, at);
        if (status === 'rejected' && before.accepted === 1)
          repos.answers.setAccepted(before.id, false, at);
        repos.log.append({
          eventId: before.event_id,
          actor: actorName(principal),
          action: `answer_${action}`,
          itemType: 'answer',
          itemId: before.id,
          detail: { from: before.status, to: status },
        });
        return repos.answers.findById(before.id)!;
      })();
      return publish(after, 'updated', isAnswerPublic(before));
    },
  };
}

export type AnswersService = ReturnType<typeof createAnswersService>;
