import { z } from 'zod';
import { ANSWER_STATUSES } from '../answer-rules.ts';
import { LIMITS } from '../limits.ts';
import { Id, paragraphs, Timestamp } from './common.ts';

/** `answer`: the speaker's or a moderator's; `reply`: an attendee's, moderated like a post. */
export const AnswerKind = z.enum(['answer', 'reply']);
export type AnswerKind = z.infer<typeof AnswerKind>;
export const AnswerStatus = z.enum(ANSWER_STATUSES);
export type AnswerStatus = z.infer<typeof AnswerStatus>;
export const AnswerAuthorRole = z.enum(['speaker', 'moderator', 'attendee']);

export const Answer = z.object({
  id: Id,
  eventId: Id,
  sessionId: Id,
  questionId: Id,
  kind: AnswerKind,
  text: z.string(),
  author: z.object({ name: z.string(), role: AnswerAuthorRole }),
  status: AnswerStatus,
  /** The one the speaker or a moderator chose as the question's answer. */
  accepted: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** Present (true) only when a moderator withdrew the item from the public archive. */
  archiveWithdrawn: z.literal(true).optional(),
});
export type Answer = z.infer<typeof Answer>;

export const AnswerText = paragraphs(LIMITS.answerText);

/**
 * Staff write an answer (`markAnswered` also marks the question answered and accepts this
 * answer); an attendee writes a reply.
 */
export const CreateAnswerBody = z.strictObject({
  text: AnswerText,
  markAnswered: z.boolean().optional(),
});
export type CreateAnswerBody = z.infer<typeof CreateAnswerBody>;

export const EditAnswerBody = z.strictObject({ text: AnswerText });

export const AnswerModerationAction = z.enum(['approve', 'reject']);
export const ModerateAnswerBody = z.strictObject({ action: AnswerModerationAction });

export const AnswerList = z.object({ answers: z.array(Answer) });
export type AnswerList = z.infer<typeof AnswerList>;
