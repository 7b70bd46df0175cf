import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { Id, line } from './common.ts';
import { Question } from './questions.ts';

export const Attendee = z.object({
  id: Id,
  eventId: Id,
  displayName: z.string().nullable(),
});
export type Attendee = z.infer<typeof Attendee>;

/** GET /api/me: the calling attendee and their own questions. */
export const Me = z.object({ attendee: Attendee, questions: z.array(Question) });
export type Me = z.infer<typeof Me>;

export const JoinBody = z.strictObject({
  displayName: line(LIMITS.displayName).optional(),
});
export type JoinBody = z.infer<typeof JoinBody>;

/**
 * Joining by the event's code costs a proof of work: `altcha` is the solved challenge from
 * GET /api/events/by-code/:code/join-challenge, as the base64 JSON the ALTCHA solver produces.
 */
export const JoinByCodeBody = z.strictObject({
  altcha: z.string().min(1).max(4096),
  displayName: line(LIMITS.displayName).optional(),
});
export type JoinByCodeBody = z.infer<typeof JoinByCodeBody>;

/** An ALTCHA v2 challenge, passed through untouched: its signature covers every parameter. */
export const JoinChallenge = z.object({
  parameters: z.record(z.string(), z.unknown()),
  signature: z.string(),
});
export type JoinChallenge = z.infer<typeof JoinChallenge>;

export const UpdateAttendeeBody = z.strictObject({
  displayName: line(LIMITS.displayName).nullable(),
});

export const Joined = z.object({ attendee: Attendee, token: z.string() });
export type Joined = z.infer<typeof Joined>;
