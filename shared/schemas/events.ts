import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { ARCHIVE_MODES } from '../archive.ts';
import { isTimeZone } from '../schedule.ts';
import { DUPLICATE_THRESHOLD_RANGE } from '../similarity.ts';
import { HttpUrl, Hashtag, Hashtags, Id, line, ModerationMode, Timestamp } from './common.ts';
import { Session, SpeakerLink } from './sessions.ts';

export const JoinCode = z
  .string()
  .trim()
  .min(LIMITS.joinCode.min)
  .max(LIMITS.joinCode.max)
  .regex(/^[A-Za-z0-9-]+$/, 'letters, digits and - only')
  .transform((code) => code.toUpperCase());

export const Branding = z.object({
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #3355ff'),
  logoUrl: HttpUrl.nullable(),
  theme: z.enum(['dark', 'light']),
});
export type Branding = z.infer<typeof Branding>;

/** An event's branding as the API shows it: with the uploaded logo, which wins over logoUrl. */
export const BrandingView = Branding.extend({
  uploadedLogoUrl: z
    .string()
    .nullable()
    .describe('The uploaded logo (PUT /api/events/{eventId}/logo), versioned; null when none'),
});

/** An IANA time zone name: the one the event's schedule is written and shown in. */
export const TimeZone = z
  .string()
  .trim()
  .max(64)
  .refine(isTimeZone, 'a time zone like Europe/Berlin');

/** Whether the public archive is published: never, now, or from the end of the last session. */
export const ArchiveMode = z.enum(ARCHIVE_MODES);

export const EventSettings = z.object({
  postModeration: ModerationMode,
  questionModeration: ModerationMode,
  allowAnonymous: z.boolean(),
  /** How alike two questions must be (0.2 to 0.9) to be offered as duplicates. */
  duplicateThreshold: z
    .number()
    .min(DUPLICATE_THRESHOLD_RANGE.min)
    .max(DUPLICATE_THRESHOLD_RANGE.max),
  archive: ArchiveMode,
});
export type EventSettings = z.infer<typeof EventSettings>;

export const Event = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  hashtags: z.array(z.string()),
  questionTag: z.string(),
  settings: EventSettings,
  branding: BrandingView,
  timeZone: z.string(),
  createdAt: Timestamp,
});
export type Event = z.infer<typeof Event>;

/** An event's public information and its sessions, as the join code finds them. */
export const EventByCode = z.object({ event: Event, sessions: z.array(Session) });
export type EventByCode = z.infer<typeof EventByCode>;

export const CreateEventBody = z.strictObject({
  name: line(LIMITS.eventName),
  code: JoinCode.optional(),
  hashtags: Hashtags.optional(),
  questionTag: Hashtag.optional(),
  settings: EventSettings.partial().strict().optional(),
  branding: Branding.partial().strict().optional(),
  timeZone: TimeZone.optional(),
});
export type CreateEventBody = z.infer<typeof CreateEventBody>;

export const UpdateEventBody = z.strictObject({
  name: line(LIMITS.eventName).optional(),
  hashtags: Hashtags.optional(),
  questionTag: Hashtag.optional(),
  settings: EventSettings.partial().strict().optional(),
  branding: Branding.partial().strict().optional(),
  timeZone: TimeZone.optional(),
});
export type UpdateEventBody = z.infer<typeof UpdateEventBody>;

/** The links an organiser hands out for one event. Staff links carry their key in the fragment. */
export const EventLinks = z.object({
  attendee: z.string(),
  screen: z.string(),
  moderator: z.string(),
  /** The event-wide speaker link: a speaker view of any session. */
  speaker: z.string(),
});
export type EventLinks = z.infer<typeof EventLinks>;

/**
 * Everything the organiser (admin) needs to run an event: its public view, its keys, the links
 * to hand out and each session's speaker link. Keys are derived, not stored, so they can be
 * shown again; only the admin token reaches this.
 */
export const EventAccess = z.object({
  event: Event,
  moderatorKey: z.string(),
  speakerKey: z.string(),
  apiKey: z.string(),
  links: EventLinks,
  sessions: z.array(SpeakerLink),
});
export type EventAccess = z.infer<typeof EventAccess>;

/** What POST /api/events answers: the new event in the same shape as a listed one (no sessions yet). */
export const CreatedEvent = EventAccess;
export type CreatedEvent = EventAccess;

export const EventAccessList = z.object({ events: z.array(EventAccess) });

/** The kinds of an event's keys an organiser can rotate. */
export const KeyKind = z.enum(['moderator', 'speaker', 'apiKey']);
export type KeyKind = z.infer<typeof KeyKind>;

/**
 * Which keys to replace; all three when left out. `speaker` covers the event-wide speaker key
 * and every session's speaker key.
 */
export const RotateKeysBody = z.strictObject({
  keys: z
    .array(KeyKind)
    .min(1)
    .max(KeyKind.options.length)
    .refine((keys) => new Set(keys).size === keys.length, 'each kind of key once')
    .optional(),
});
export type RotateKeysBody = z.infer<typeof RotateKeysBody>;
export type EventAccessList = z.infer<typeof EventAccessList>;

/** What clearing an event's rehearsal data removed. */
export const ClearedActivity = z.object({
  posts: z.number().int(),
  questions: z.number().int(),
  attendees: z.number().int(),
});
export type ClearedActivity = z.infer<typeof ClearedActivity>;
