import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { Id, line, PageCursor, PageSize } from './common.ts';
import { PostAction, PostStatus } from './posts.ts';

export const AuthorRule = z.enum(['blocked', 'trusted']);
export type AuthorRule = z.infer<typeof AuthorRule>;

/** 'attendee:<id>' or '<source>:<handle>', as post.authorKey gives it. */
export const AuthorKey = z
  .string()
  .min(3)
  .max(200)
  .regex(/^(attendee:\d+|(web|api|x|mastodon|bluesky):\S+)$/, 'an author key from a post');

export const AuthorSummary = z.object({
  authorKey: z.string(),
  name: z.string(),
  handle: z.string().nullable(),
  source: z.string(),
  posts: z.number().int(),
  pending: z.number().int(),
  lastPostAt: z.string().nullable(),
  rule: AuthorRule.nullable(),
});
export type AuthorSummary = z.infer<typeof AuthorSummary>;

export const AuthorList = z.object({ authors: z.array(AuthorSummary) });
export type AuthorList = z.infer<typeof AuthorList>;

/** Broadcast to an event's moderators when one of them blocks, trusts or clears an author. */
export interface AuthorRuled {
  eventId: number;
  authorKey: string;
  displayName: string;
  rule: AuthorRule | null;
}

export const SetAuthorRuleBody = z.strictObject({
  authorKey: AuthorKey,
  displayName: line({ min: 1, max: LIMITS.displayName.max }),
  /** null lifts the rule. Blocking also takes the author's pending and approved posts down. */
  rule: AuthorRule.nullable(),
});
export type SetAuthorRuleBody = z.infer<typeof SetAuthorRuleBody>;

export const BulkPostModerationBody = z
  .strictObject({
    postIds: z.array(Id).min(1).max(LIMITS.bulkPosts),
    action: PostAction,
    /** from[i]: the status the moderator saw of postIds[i]; one that moved on refuses the batch (409 already_moderated). */
    from: z.array(PostStatus).max(LIMITS.bulkPosts).optional(),
  })
  .refine((body) => body.from === undefined || body.from.length === body.postIds.length, {
    message: 'from needs one status per post id',
    path: ['from'],
  });
export type BulkPostModerationBody = z.infer<typeof BulkPostModerationBody>;

export const BlockedWords = z.strictObject({
  words: z.array(line(LIMITS.blockedWord)).max(LIMITS.blockedWords),
});
export type BlockedWords = z.infer<typeof BlockedWords>;

/** One line of the moderation log: who did what to which item. */
export const LogEntry = z.object({
  id: z.number(),
  actor: z.string(),
  action: z.string(),
  itemType: z.string(),
  itemId: z.number().nullable(),
  detail: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type LogEntry = z.infer<typeof LogEntry>;

export const LogQuery = z.strictObject({
  cursor: PageCursor.optional(),
  limit: PageSize,
});
export type LogQuery = z.infer<typeof LogQuery>;

export const LogPage = z.object({ entries: z.array(LogEntry), nextCursor: z.string().nullable() });
export type LogPage = z.infer<typeof LogPage>;
