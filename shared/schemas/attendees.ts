import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { Id, line } from './common.ts';

export const Attendee = z.object({
  id: Id,
  eventId: Id,
  displayName: z.string().nullable(),
});
export type Attendee = z.infer<typeof Attendee>;

export const JoinBody = z.strictObject({
  displayName: line(LIMITS.displayName).optional(),
});
export type JoinBody = z.infer<typeof JoinBody>;

export const UpdateAttendeeBody = z.strictObject({
  displayName: line(LIMITS.displayName).nullable(),
});

export const Joined = z.object({ attendee: Attendee, token: z.string() });
export type Joined = z.infer<typeof Joined>;
