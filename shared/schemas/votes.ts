import { z } from 'zod';

/** Votes from fresh identities held for a moderator, per question (see shared/limits.ts FRESH_VOTES). */
export const HeldVotes = z.object({
  questions: z.array(
    z.object({
      questionId: z.number().int(),
      sessionId: z.number().int(),
      text: z.string(),
      /** Counted votes. */
      votes: z.number().int(),
      held: z.number().int(),
    }),
  ),
});
export type HeldVotes = z.infer<typeof HeldVotes>;

export const ReleasedVotes = z.object({
  questionId: z.number().int(),
  released: z.number().int(),
  votes: z.number().int(),
});
export type ReleasedVotes = z.infer<typeof ReleasedVotes>;
