import { z } from 'zod';
import { Id } from './common.ts';
import { Question } from './questions.ts';

/** How many of a session's questions await moderation (held by the screening or by pre-moderation). */
export const WaitingCount = z.object({ sessionId: Id, waiting: z.number().int().positive() });
export type WaitingCount = z.infer<typeof WaitingCount>;

/** Moderators: every session of the event with questions waiting; a session not listed has none. */
export const WaitingCounts = z.object({ eventId: Id, counts: z.array(WaitingCount) });
export type WaitingCounts = z.infer<typeof WaitingCounts>;

/**
 * What waits across the rooms: the counts of every session, and the oldest waiting questions of
 * each live session (at most LIMITS.waitingPerSession each; the count says how many more).
 */
export const WaitingQuestions = WaitingCounts.extend({ questions: z.array(Question) });
export type WaitingQuestions = z.infer<typeof WaitingQuestions>;
