import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { Hashtag, Id, line, Timestamp } from './common.ts';

export const Session = z.object({
  id: Id,
  eventId: Id,
  title: z.string(),
  speaker: z.string(),
  room: z.string(),
  /** The session's own hashtag (without '#'): a question-tagged post carrying it is asked here. */
  tag: z.string().nullable(),
  startsAt: Timestamp.nullable(),
  endsAt: Timestamp.nullable(),
  live: z.boolean(),
  questionsOpen: z.boolean(),
});
export type Session = z.infer<typeof Session>;

const IsoDate = z.iso.datetime({ offset: true });

export const CreateSessionBody = z.strictObject({
  title: line(LIMITS.sessionTitle),
  speaker: line({ min: 0, max: LIMITS.speakerName.max }).optional(),
  room: line(LIMITS.room).optional(),
  tag: Hashtag.nullable().optional(),
  startsAt: IsoDate.nullable().optional(),
  endsAt: IsoDate.nullable().optional(),
  questionsOpen: z.boolean().optional(),
  live: z.boolean().optional(),
});
export type CreateSessionBody = z.infer<typeof CreateSessionBody>;
/** What a client sends (before the schema normalizes the tag). */
export type CreateSessionInput = z.input<typeof CreateSessionBody>;

export const UpdateSessionBody = CreateSessionBody.partial().strict();
export type UpdateSessionBody = z.infer<typeof UpdateSessionBody>;
export type UpdateSessionInput = z.input<typeof UpdateSessionBody>;

export const SessionList = z.object({ sessions: z.array(Session) });
export type SessionList = z.infer<typeof SessionList>;

export const SpeakerLink = z.object({ session: Session, speakerKey: z.string(), link: z.string() });
export type SpeakerLink = z.infer<typeof SpeakerLink>;
