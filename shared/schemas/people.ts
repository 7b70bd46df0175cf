import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { cleanLine, hasVisibleText } from '../text.ts';
import { Id, Timestamp } from './common.ts';
import { JoinCode } from './events.ts';

/**
 * An attendee's profile in the public archive: listed there (with a page of their own) only when
 * they chose to be named; then an optional affiliation and one https link. An empty affiliation
 * or link clears it. The link is checked by shared/people.ts (link_invalid when it is not an
 * https address).
 */
const Affiliation = z
  .string()
  .max(LIMITS.affiliation.max * 4)
  .transform(cleanLine)
  .pipe(
    z
      .string()
      .max(LIMITS.affiliation.max)
      .refine((text) => text === '' || hasVisibleText(text), 'must contain visible text'),
  )
  .transform((text) => (text === '' ? null : text));

export const ProfileBody = z.strictObject({
  affiliation: Affiliation.nullable(),
  link: z.string().max(LIMITS.personLink.max).nullable(),
});
export type ProfileBody = z.infer<typeof ProfileBody>;

export const Profile = z.object({
  named: z.boolean(),
  affiliation: z.string().nullable(),
  link: z.string().nullable(),
  /** The public id of their page, /e/CODE/archive/people/ID, once they chose to be named. */
  person: z.string().nullable(),
});
export type Profile = z.infer<typeof Profile>;

/**
 * A person's public id: an attendee's random one, or a speaker's name slug (shared/people.ts).
 * Letters, digits and _ only.
 */
export const PersonId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{N}_]+$/u, 'letters, digits and _ only');

export const PeopleParams = z.strictObject({ code: JoinCode });
export const PersonParams = z.strictObject({ code: JoinCode, id: PersonId });
export const PeoplePageQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

export const PersonRole = z.enum(['speaker', 'attendee']);
export type PersonRole = z.infer<typeof PersonRole>;

/**
 * What the archive counts for a person: only public items, never an anonymous question (an
 * attendee's questions here are the ones they asked under their name).
 */
export const PersonCounts = z.object({
  sessions: z.number().int(),
  questions: z.number().int(),
  /** Public answers and replies, accepted ones included. */
  answers: z.number().int(),
  accepted: z.number().int(),
  posts: z.number().int(),
});
export type PersonCounts = z.infer<typeof PersonCounts>;

export const PersonSummary = z.object({
  id: PersonId,
  name: z.string(),
  role: PersonRole,
  affiliation: z.string().nullable(),
  link: z.string().nullable(),
  counts: PersonCounts,
  /** Their page, relative to /e/CODE/archive/. */
  href: z.string(),
});
export type PersonSummary = z.infer<typeof PersonSummary>;

export const PeopleList = z.object({
  page: z.number().int(),
  pages: z.number().int(),
  total: z.number().int(),
  people: z.array(PersonSummary).max(LIMITS.archive.peoplePerPage),
});
export type PeopleList = z.infer<typeof PeopleList>;

const Href = z.string().describe('where it is in the archive, relative to /e/CODE/archive/');
const page = <T extends z.ZodTypeAny>(item: T) => z.array(item).max(LIMITS.archive.personPerPage);

export const PersonTopic = z.object({ tag: z.string(), count: z.number().int() });

export const PersonDetail = z.object({
  person: PersonSummary,
  page: z.number().int(),
  pages: z.number().int(),
  topics: z.array(PersonTopic).max(LIMITS.archive.personTopics),
  sessions: page(
    z.object({
      id: Id,
      title: z.string(),
      room: z.string(),
      startsAt: Timestamp.nullable(),
      href: Href,
    }),
  ),
  questions: page(
    z.object({
      id: Id,
      sessionId: Id,
      text: z.string(),
      votes: z.number().int(),
      answered: z.boolean(),
      createdAt: Timestamp,
      href: Href,
    }),
  ),
  answers: page(
    z.object({
      id: Id,
      questionId: Id,
      sessionId: Id,
      kind: z.enum(['answer', 'reply']),
      accepted: z.boolean(),
      text: z.string(),
      /** The question's text; null when it was asked anonymously (never shown on a person). */
      question: z.string().nullable(),
      createdAt: Timestamp,
      href: Href,
    }),
  ),
  posts: page(z.object({ id: Id, text: z.string(), createdAt: Timestamp, href: Href })),
});
export type PersonDetail = z.infer<typeof PersonDetail>;
