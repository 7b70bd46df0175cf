/**
 * From X's v2 payloads to the one shape every source hands to posts.ingest(). Pure functions:
 * validated here, so a malformed item is a reason to skip, never a crash further on.
 */
import { z } from 'zod';
import { LIMITS } from '../../../shared/limits.ts';
import { cleanLine, cleanParagraphs } from '../../../shared/text.ts';
import type { IngestInput } from '../../posts/service.ts';

const TweetId = z.string().regex(/^\d{1,20}$/, 'a numeric tweet id');
/** Optional parts that we can do without: a damaged one is dropped rather than failing the tweet. */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const Tweet = z.object({
  id: TweetId,
  text: z.string(),
  author_id: lenient(z.string()),
  created_at: lenient(z.string()),
  note_tweet: lenient(z.object({ text: z.string() })),
  entities: lenient(
    z.object({
      hashtags: lenient(z.array(z.object({ tag: z.string() }))),
      urls: lenient(
        z.array(
          z.object({
            url: z.string(),
            expanded_url: z.string().optional(),
            media_key: z.string().optional(),
          }),
        ),
      ),
    }),
  ),
  attachments: lenient(z.object({ media_keys: lenient(z.array(z.string())) })),
  referenced_tweets: lenient(z.array(z.object({ type: z.string(), id: z.string() }))),
});
export type Tweet = z.infer<typeof Tweet>;

const User = z.object({
  id: z.string(),
  name: z.string(),
  username: z.string(),
  profile_image_url: z.string().optional(),
});
const Media = z.object({
  media_key: z.string(),
  type: z.string().optional(),
  url: z.string().optional(),
  preview_image_url: z.string().optional(),
});

export const Includes = z.object({
  users: lenient(z.array(User)),
  media: lenient(z.array(Media)),
});
export type Includes = z.infer<typeof Includes>;

/** One item of the filtered stream. */
export const StreamItem = z.object({
  data: Tweet,
  includes: lenient(Includes),
  matching_rules: lenient(
    z.array(
      z.object({ id: z.union([z.string(), z.number()]).optional(), tag: z.string().optional() }),
    ),
  ),
});
export type StreamItem = z.infer<typeof StreamItem>;

/** The first problem of a failed parse, as "path: message", for the log. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`;
}

// X escapes these three in tweet text, and only these; one pass so "&amp;lt;" stays "&lt;".
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };
export function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt);/g, (entity) => ENTITIES[entity]!);
}

export { capText } from '../text.ts';
import { capText, isHttpUrl } from '../text.ts';

export function isRetweet(tweet: Tweet): boolean {
  return tweet.referenced_tweets?.some((ref) => ref.type === 'retweeted') ?? false;
}

/** Lower-case hashtags without '#', from X's entities. */
export function hashtagsOf(tweet: Tweet): string[] {
  return [...new Set((tweet.entities?.hashtags ?? []).map((h) => h.tag.toLowerCase()))];
}

/**
 * The post for one tweet, without the event (a tweet can feed several). Media links X appends
 * to the text are dropped (the media travel as previews); other t.co links are expanded so the
 * screen shows where they lead.
 */
export function tweetToPost(
  tweet: Tweet,
  includes: Includes | undefined,
): Omit<IngestInput, 'eventId'> {
  let text = tweet.note_tweet?.text ?? tweet.text;
  for (const link of tweet.entities?.urls ?? []) {
    const isMedia =
      link.media_key !== undefined || /\/(?:photo|video)\/\d+$/.test(link.expanded_url ?? '');
    text = text
      .split(link.url)
      .join(isMedia ? '' : isHttpUrl(link.expanded_url) ? link.expanded_url : link.url);
  }
  text = capText(cleanParagraphs(decodeEntities(text)), LIMITS.postText.max);

  const user = includes?.users?.find((candidate) => candidate.id === tweet.author_id);
  const media = (tweet.attachments?.media_keys ?? [])
    .map((key) => includes?.media?.find((m) => m.media_key === key))
    .map((m) => (m?.type === 'photo' || !m?.preview_image_url ? m?.url : m.preview_image_url))
    .filter(isHttpUrl)
    .slice(0, 4);
  const created = tweet.created_at ? new Date(tweet.created_at) : null;

  return {
    source: 'x',
    sourceId: tweet.id,
    text,
    author: {
      name: capText(
        cleanLine(user?.name ?? '') || (user ? `@${user.username}` : 'Someone on X'),
        LIMITS.displayName.max,
      ),
      handle: user ? cleanLine(user.username) : null,
      // X serves 48 px avatars by default; a projector wants the larger variant.
      avatarUrl: isHttpUrl(user?.profile_image_url)
        ? user.profile_image_url.replace(/_normal(\.\w+)$/, '_400x400$1')
        : null,
      attendeeId: null,
    },
    media,
    createdAt: created && !Number.isNaN(created.getTime()) ? created.toISOString() : undefined,
  };
}

/** Tweet ids are 64-bit: compare them as numbers without losing precision. */
export function compareIds(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

export function maxId(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return compareIds(a, b) >= 0 ? a : b;
}

const TWITTER_EPOCH = 1288834974657n;

/** When a tweet id was made (ids are snowflakes: milliseconds since X's epoch, shifted 22 bits). */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + TWITTER_EPOCH);
}

export function snowflakeAt(ms: number, sequence = 0): string {
  return (
    ((BigInt(Math.floor(ms)) - TWITTER_EPOCH) << 22n) |
    BigInt(sequence & 0x3fffff)
  ).toString();
}
