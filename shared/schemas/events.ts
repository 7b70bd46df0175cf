import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { HttpUrl, Hashtag, Hashtags, Id, line, ModerationMode, Timestamp } from './common.ts';
import { SpeakerLink } from './sessions.ts';

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

export const EventSettings = z.object({
  postModeration: ModerationMode,
  questionModeration: ModerationMode,
  allowAnonymous: z.boolean(),
});
export type EventSettings = z.infer<typeof EventSettings>;

export const Event = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  hashtags: z.array(z.string()),
  questionTag: z.string(),
  settings: EventSettings,
  branding: Branding,
  createdAt: Timestamp,
});
export type Event = z.infer<typeof Event>;

export const CreateEventBody = z.strictObject({
  name: line(LIMITS.eventName),
  code: JoinCode.optional(),
  hashtags: Hashtags.optional(),
  questionTag: Hashtag.optional(),
  settings: EventSettings.partial().strict().optional(),
  branding: Branding.partial().strict().optional(),
});
export type CreateEventBody = z.infer<typeof CreateEventBody>;

export const UpdateEventBody = z.strictObject({
  name: line(LIMITS.eventName).optional(),
  hashtags: Hashtags.optional(),
  questionTag: Hashtag.optional(),
  settings: EventSettings.partial().strict().optional(),
  branding: Branding.partial().strict().optional(),
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
export type EventAccessList = z.infer<typeof EventAccessList>;
