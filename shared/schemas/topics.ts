import { z } from 'zod';
import { TOPIC_LIMITS } from '../limits.ts';
import { Hashtag } from './common.ts';
import { JoinCode } from './events.ts';

export const TopicParams = z.strictObject({ code: JoinCode, tag: Hashtag });
export type TopicParams = z.infer<typeof TopicParams>;

export const TopicPage = z.coerce.number().int().min(1).max(10_000).default(1);

/** How a person knows: the session's speaker, an organiser (moderator), or a named attendee. */
export const ExpertRole = z.enum(['speaker', 'organiser', 'attendee']);
export type ExpertRole = z.infer<typeof ExpertRole>;

export const Expert = z.object({
  name: z.string(),
  role: ExpertRole,
  /** Their page in the archive (people/ID.html), when they have one: organisers do not. */
  person: z.string().nullable(),
  /** ACCEPTED_WEIGHT (3) per accepted answer, 1 per other public answer or reply (shared/people.ts). */
  score: z.number().int(),
  /** Their public answers and replies that were accepted as the answer. */
  accepted: z.number().int(),
  /** Every public answer and reply of theirs under the topic, accepted ones included. */
  answers: z.number().int(),
});
export type Expert = z.infer<typeof Expert>;

/**
 * "Who knows about X": people ranked by their score under the topic (an accepted answer weighs
 * 3, any other public answer or reply 1), then by accepted answers, then by name. Only people the archive may name: speakers and organisers, and
 * attendees who chose to be named.
 */
export const TopicPeople = z.object({
  tag: z.string(),
  people: z.array(Expert).max(TOPIC_LIMITS.people),
});
export type TopicPeople = z.infer<typeof TopicPeople>;
