/**
 * Tweets as X's v2 API shapes them, for the fake server: snowflake ids, HTML-escaped text,
 * hashtag and link entities, media attachments with the t.co link X appends, references.
 */
import { createHash } from 'node:crypto';
import { snowflakeAt } from '../tweets.ts';

export interface FakeAuthor {
  username: string;
  name: string;
  avatarUrl?: string | null;
}

export interface FakeTweetInput {
  text: string;
  author: FakeAuthor;
  media?: Array<{ type: 'photo' | 'video' | 'animated_gif'; url: string }>;
  replyTo?: string;
  quoteOf?: string;
  retweetOf?: string;
  /** Defaults to now. */
  at?: number;
}

export interface FakeUser {
  id: string;
  username: string;
  name: string;
  profile_image_url?: string;
}

export interface FakeMedia {
  media_key: string;
  type: string;
  url?: string;
  preview_image_url?: string;
}

export interface FakeTweet {
  id: string;
  text: string;
  author_id: string;
  created_at: string;
  conversation_id: string;
  lang: string;
  entities?: {
    hashtags?: Array<{ start: number; end: number; tag: string }>;
    urls?: Array<{
      start: number;
      end: number;
      url: string;
      expanded_url: string;
      display_url: string;
      media_key?: string;
    }>;
  };
  attachments?: { media_keys: string[] };
  referenced_tweets?: Array<{ type: 'replied_to' | 'quoted' | 'retweeted'; id: string }>;
  in_reply_to_user_id?: string;
}

/** What the store keeps: the tweet and what its includes need. */
export interface StoredTweet {
  tweet: FakeTweet;
  user: FakeUser;
  media: FakeMedia[];
  /** Lower-case hashtags, for rule and query matching. */
  hashtags: string[];
  retweet: boolean;
}

export function userFor(author: FakeAuthor): FakeUser {
  const id = BigInt(
    `0x${createHash('sha256').update(author.username.toLowerCase()).digest('hex').slice(0, 15)}`,
  ).toString();
  return {
    id,
    username: author.username,
    name: author.name,
    ...(author.avatarUrl ? { profile_image_url: author.avatarUrl } : {}),
  };
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const HASHTAG = /(^|[^\p{L}\p{N}_&])#([\p{L}\p{N}_]{1,100})/gu;

let lastMs = 0;
let sequence = 0;
/** Strictly increasing snowflake ids, like X's, from the time they are made. */
export function nextTweetId(at = Date.now()): string {
  const ms = Math.max(at, lastMs);
  sequence = ms === lastMs ? sequence + 1 : 0;
  lastMs = ms;
  return snowflakeAt(ms, sequence);
}

let tco = 0;
const shortLink = () => `https://t.co/${(++tco).toString(36).padStart(10, 'x')}`;

export function buildTweet(
  input: FakeTweetInput,
  lookup: (id: string) => StoredTweet | undefined,
): StoredTweet {
  const at = input.at ?? Date.now();
  const id = nextTweetId(at);
  const user = userFor(input.author);
  const media: FakeMedia[] = (input.media ?? []).map((item, index) => ({
    media_key: `3_${id}${index}`,
    type: item.type,
    ...(item.type === 'photo' ? { url: item.url } : { preview_image_url: item.url }),
  }));
  let text = escapeHtml(input.text);
  const urls: NonNullable<NonNullable<FakeTweet['entities']>['urls']> = [];
  if (media.length > 0) {
    // X appends one link to the media after the text.
    const link = shortLink();
    const start = [...text].length + 1;
    text = `${text} ${link}`;
    const kind = media[0]!.type === 'photo' ? 'photo' : 'video';
    urls.push({
      start,
      end: start + link.length,
      url: link,
      expanded_url: `https://x.com/${user.username}/status/${id}/${kind}/1`,
      display_url: `pic.x.com/${link.slice(-10)}`,
      media_key: media[0]!.media_key,
    });
  }
  const hashtags: Array<{ start: number; end: number; tag: string }> = [];
  for (const match of input.text.matchAll(HASHTAG)) {
    const start = [...input.text.slice(0, match.index! + match[1]!.length)].length;
    hashtags.push({ start, end: start + 1 + [...match[2]!].length, tag: match[2]! });
  }
  const references: NonNullable<FakeTweet['referenced_tweets']> = [];
  if (input.replyTo) references.push({ type: 'replied_to', id: input.replyTo });
  if (input.quoteOf) references.push({ type: 'quoted', id: input.quoteOf });
  if (input.retweetOf) references.push({ type: 'retweeted', id: input.retweetOf });
  const parent = input.replyTo ? lookup(input.replyTo) : undefined;
  const tweet: FakeTweet = {
    id,
    text,
    author_id: user.id,
    created_at: new Date(at).toISOString(),
    conversation_id: parent?.tweet.conversation_id ?? id,
    lang: 'en',
    ...(hashtags.length > 0 || urls.length > 0
      ? {
          entities: {
            ...(hashtags.length > 0 ? { hashtags } : {}),
            ...(urls.length > 0 ? { urls } : {}),
          },
        }
      : {}),
    ...(media.length > 0 ? { attachments: { media_keys: media.map((m) => m.media_key) } } : {}),
    ...(references.length > 0 ? { referenced_tweets: references } : {}),
    ...(parent ? { in_reply_to_user_id: parent.user.id } : {}),
  };
  return {
    tweet,
    user,
    media,
    hashtags: [...new Set(hashtags.map((h) => h.tag.toLowerCase()))],
    retweet: !!input.retweetOf,
  };
}

/**
 * The operators the fake understands: hashtags joined by OR (with or without parentheses) and
 * `-is:retweet`. Enough for the rules and queries Backchannel makes.
 */
export interface Matcher {
  hashtags: Set<string>;
  excludeRetweets: boolean;
}

export function parseQuery(value: string): Matcher {
  return {
    hashtags: new Set([...value.matchAll(/#([\p{L}\p{N}_]+)/gu)].map((m) => m[1]!.toLowerCase())),
    excludeRetweets: /(^|\s)-is:retweet\b/.test(value),
  };
}

export function matches(matcher: Matcher, stored: StoredTweet): boolean {
  if (matcher.excludeRetweets && stored.retweet) return false;
  return stored.hashtags.some((tag) => matcher.hashtags.has(tag));
}
