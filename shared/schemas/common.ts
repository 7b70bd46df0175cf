import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { hasSearchTerms, SEARCH_CURSOR_PATTERN } from '../search.ts';
import {
  cleanLine,
  cleanParagraphs,
  HASHTAG_PATTERN,
  hasVisibleText,
  normalizeHashtag,
} from '../text.ts';

export const Id = z.number().int().positive();
/** Path and query ids arrive as strings. */
export const IdParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const VISIBLE = 'must contain visible text, not only invisible characters or marks';

/** Required text must show something: invisible characters and lone marks are not text. */
const visible = (min: number) => (value: string) => min === 0 || hasVisibleText(value);

/** A single line of user text, cleaned before its length is checked. */
export function line(limits: { min?: number; max: number }) {
  const min = limits.min ?? 0;
  return z
    .string()
    .max(limits.max * 4)
    .transform(cleanLine)
    .pipe(z.string().min(min).max(limits.max).refine(visible(min), VISIBLE));
}

/** Multi-line user text, cleaned before its length is checked. */
export function paragraphs(limits: { min: number; max: number }) {
  return z
    .string()
    .max(limits.max * 4)
    .transform(cleanParagraphs)
    .pipe(z.string().min(limits.min).max(limits.max).refine(visible(limits.min), VISIBLE));
}

/**
 * What someone searches for: words, "phrases", prefix* and OR (see shared/search.ts), matched
 * in texts and authors' names ignoring case and accents, with stemming. Cleaned like the stored
 * text; refused when it holds no letter or digit, as there is nothing to look for.
 */
export const SearchText = line(LIMITS.search).refine(
  hasSearchTerms,
  'needs a letter or a digit to look for',
);

/** A ranked search's paging cursor (shared/search.ts), sent back as it was handed out. */
export const SearchCursor = z
  .string()
  .max(160)
  .regex(SEARCH_CURSOR_PATTERN, 'a cursor from a previous page');

/** A search hit's text cut to its best stretch, with the matched words marked. */
export const SnippetPart = z.object({ text: z.string(), match: z.boolean() });
/** Snippets of a page of search hits, keyed by the item's id. */
export const Snippets = z.record(z.string(), z.array(SnippetPart));

export const Hashtag = z
  .string()
  .max(LIMITS.hashtag.max + 1)
  .transform(normalizeHashtag)
  .pipe(
    z
      .string()
      .min(LIMITS.hashtag.min)
      .max(LIMITS.hashtag.max)
      .regex(HASHTAG_PATTERN, 'letters, digits and _ only'),
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

/** An offset or the id a page ends at, as a previous page's `nextCursor` gave it. */
export const PageCursor = z.string().max(32).regex(/^\d+$/, 'a cursor from a previous page');
export const PageSize = z.coerce
  .number()
  .int()
  .min(1)
  .max(LIMITS.pageSize.max)
  .default(LIMITS.pageSize.default);

export const Cursor = z.object({ cursor: PageCursor.optional(), limit: PageSize });

export const ErrorBody = z.object({
  error: z.object({
    id: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});

export const Ok = z.object({ ok: z.literal(true) });
export type Ok = z.infer<typeof Ok>;

/**
 * The name a moderator gives their console: one moderator key is shared by a team, so this is
 * how the moderation log tells them apart. Over HTTP it travels percent-encoded in the
 * `X-Moderator-Name` header; in the socket handshake as `auth.name`.
 */
export const ModeratorName = line({ min: 1, max: LIMITS.displayName.max });
