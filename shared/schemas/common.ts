import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { cleanLine, cleanParagraphs, normalizeHashtag } from '../text.ts';

export const Id = z.number().int().positive();
/** Path and query ids arrive as strings. */
export const IdParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A single line of user text, cleaned before its length is checked. */
export function line(limits: { min?: number; max: number }) {
  return z
    .string()
    .max(limits.max * 4)
    .transform(cleanLine)
    .pipe(z.string().min(limits.min ?? 0).max(limits.max));
}

/** Multi-line user text, cleaned before its length is checked. */
export function paragraphs(limits: { min: number; max: number }) {
  return z
    .string()
    .max(limits.max * 4)
    .transform(cleanParagraphs)
    .pipe(z.string().min(limits.min).max(limits.max));
}

/**
 * What a moderator searches for: matched as a substring of a text or an author's name, ignoring
 * case. Cleaned like the stored text, so what was typed matches what was kept.
 */
export const SearchText = line(LIMITS.search);

export const Hashtag = z
  .string()
  .max(LIMITS.hashtag.max + 1)
  .transform(normalizeHashtag)
  .pipe(
    z
      .string()
      .min(LIMITS.hashtag.min)
      .max(LIMITS.hashtag.max)
      .regex(/^[\p{L}\p{N}_]+$/u, 'letters, digits and _ only'),
  );

export const Hashtags = z
  .array(Hashtag)
  .max(LIMITS.hashtagsPerEvent)
  .transform((tags) => [...new Set(tags)]);

export const ClientId = z
  .string()
  .min(LIMITS.clientId.min)
  .max(LIMITS.clientId.max)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');

export const HttpUrl = z
  .string()
  .max(LIMITS.url.max)
  .url()
  .refine((value) => /^https?:\/\//i.test(value), 'must be an http(s) URL');

export const Timestamp = z.string().describe('ISO 8601 date-time');

export const ModerationMode = z.enum(['pre', 'post']);
export type ModerationMode = z.infer<typeof ModerationMode>;

export const Cursor = z.object({
  cursor: z.string().max(32).regex(/^\d+$/).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize.max).default(LIMITS.pageSize.default),
});

export const ErrorBody = z.object({
  error: z.object({
    id: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});

export const Ok = z.object({ ok: z.literal(true) });

/**
 * The name a moderator gives their console: one moderator key is shared by a team, so this is
 * how the moderation log tells them apart. Over HTTP it travels percent-encoded in the
 * `X-Moderator-Name` header; in the socket handshake as `auth.name`.
 */
export const ModeratorName = line({ min: 1, max: LIMITS.displayName.max });
