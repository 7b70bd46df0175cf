import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { HttpUrl, Hashtag, Hashtags, Id, line, ModerationMode, Timestamp } from './common.ts';

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

/** What the organiser gets back once, when an event is made: the keys are never shown again by the API. */
export const CreatedEvent = z.object({
  event: Event,
  moderatorKey: z.string(),
  speakerKey: z.string(),
  apiKey: z.string(),
  links: z.object({
    attendee: z.string(),
    screen: z.string(),
    moderator: z.string(),
    speaker: z.string(),
  }),
});
export type CreatedEvent = z.infer<typeof CreatedEvent>;
