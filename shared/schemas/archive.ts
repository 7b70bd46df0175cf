import { z } from 'zod';
import { ARCHIVE_ITEM_KINDS } from '../archive.ts';
import { Id, SearchCursor, SearchText, SnippetPart, Timestamp } from './common.ts';

/** A moderator withdraws an item from the public archive (feeds, public search), or restores it. */
export const ArchiveItemKind = z.enum(ARCHIVE_ITEM_KINDS);
export const WithdrawBody = z.strictObject({
  kind: ArchiveItemKind,
  id: Id,
  withdrawn: z.boolean(),
});
export type WithdrawBody = z.infer<typeof WithdrawBody>;
export const WithdrawnState = WithdrawBody;

/** An attendee's choice to be named in the archive (default: not named). */
export const ArchiveNaming = z.strictObject({ named: z.boolean() });
export type ArchiveNaming = z.infer<typeof ArchiveNaming>;

/**
 * A public search of an event's archive: only public items, matched in their text (never in
 * authors' names, which may not be public).
 */
export const ArchiveSearchQuery = z.strictObject({
  q: SearchText,
  /** The previous page's `nextCursor`; none for the first page. */
  cursor: SearchCursor.optional(),
});
export type ArchiveSearchQuery = z.infer<typeof ArchiveSearchQuery>;

export const ArchiveHitKind = z.enum(['post', 'question', 'answer', 'reply']);
export type ArchiveHitKind = z.infer<typeof ArchiveHitKind>;

export const ArchiveHit = z.object({
  kind: ArchiveHitKind,
  id: Id,
  /** The session of a question, answer or reply. */
  sessionId: Id.nullable(),
  /** For an answer or reply, its question. */
  questionId: Id.nullable(),
  /** null when the author is anonymous or did not choose to be named. */
  author: z.string().nullable(),
  createdAt: Timestamp,
  /** Where it is in the archive, relative to /e/CODE/archive/ ("session-3.html#q-41"). */
  href: z.string(),
  snippet: z.array(SnippetPart),
});
export type ArchiveHit = z.infer<typeof ArchiveHit>;

export const ArchiveSearchResult = z.object({
  q: z.string(),
  hits: z.array(ArchiveHit),
  /** Pass back as `cursor` for the next page; null on the last one. */
  nextCursor: z.string().nullable(),
});
export type ArchiveSearchResult = z.infer<typeof ArchiveSearchResult>;
