import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { POST_ACTIONS, POST_STATUSES } from '../post-rules.ts';
import {
  ClientId,
  HttpUrl,
  Id,
  line,
  PageCursor,
  PageSize,
  paragraphs,
  SearchCursor,
  SearchText,
  Snippets,
  Timestamp,
} from './common.ts';

export const PostSource = z.enum(['web', 'api', 'x', 'mastodon', 'bluesky']);
export type PostSource = z.infer<typeof PostSource>;

export const PostStatus = z.enum(POST_STATUSES);
export type PostStatus = z.infer<typeof PostStatus>;

export const Author = z.object({
  name: z.string(),
  handle: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  attendeeId: Id.nullable(),
});
export type Author = z.infer<typeof Author>;

export const Post = z.object({
  id: Id,
  eventId: Id,
  text: z.string(),
  author: Author,
  /** The author across posts: 'attendee:<id>' or '<source>:<handle>'; what author rules are keyed by. */
  authorKey: z.string().nullable(),
  source: PostSource,
  sourceId: z.string().nullable(),
  hashtags: z.array(z.string()),
  media: z.array(z.string()),
  status: PostStatus,
  pinned: z.boolean(),
  flags: z.array(z.string()),
  questionId: Id.nullable(),
  /** Present (true) only when a moderator withdrew the item from the public archive. */
  archiveWithdrawn: z.literal(true).optional(),
  createdAt: Timestamp,
});
export type Post = z.infer<typeof Post>;

export const CreatePostBody = z.strictObject({
  text: paragraphs(LIMITS.postText),
  /** Made by the client once per post, so a retry after a lost reply never makes a duplicate. */
  clientId: ClientId.optional(),
  /** API key callers only: who said it, and the id it has where it came from. */
  author: z
    .strictObject({
      name: line(LIMITS.displayName),
      handle: line({ min: 1, max: LIMITS.displayName.max }).optional(),
      avatarUrl: HttpUrl.optional(),
    })
    .optional(),
  // Cleaned like any stored text: it shows in exports and the console.
  sourceId: line({ min: 1, max: LIMITS.sourceId.max }).optional(),
  media: z.array(HttpUrl).max(LIMITS.mediaPerPost).optional(),
  /** The room the poster is in: a post with the question tag becomes a question of that room's live talk. */
  room: line(LIMITS.room).optional(),
});
export type CreatePostBody = z.infer<typeof CreatePostBody>;

/** 'queue' puts a post back in the moderation queue (the undo of an approval or rejection). */
export const PostAction = z.enum(POST_ACTIONS);
export type PostAction = z.infer<typeof PostAction>;

/**
 * `from`: the status the moderator saw. When the post has moved on since (another moderator
 * decided it first), the action is refused with 409 already_moderated and nothing changes.
 */
export const ModeratePostBody = z.strictObject({ action: PostAction, from: PostStatus.optional() });

export const PostPage = z.object({
  posts: z.array(Post),
  nextCursor: z.string().nullable(),
  /** With q: each post's text with the matched words marked. */
  snippets: Snippets.optional(),
});
export type PostPage = z.infer<typeof PostPage>;

export const PostListQuery = z.strictObject({
  /** A post id, or with `q` a search's cursor; as the previous page handed it out. */
  cursor: z
    .union([PageCursor, SearchCursor], { error: 'a cursor from a previous page' })
    .optional(),
  limit: PageSize,
  status: PostStatus.optional(),
  /**
   * Moderators only: posts matching this in text or author, best first, paged by the search's
   * own cursor.
   */
  q: SearchText.optional(),
});
