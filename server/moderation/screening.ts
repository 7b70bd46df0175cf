import type { ModerationMode } from '../../shared/schemas/common.ts';
import type { EventRow } from '../events/repository.ts';
import { parseJsonArray } from '../lib/json.ts';
import type { AuthorsRepository } from './authors.ts';
import { flagsFor, type Flag } from './filters.ts';

/**
 * The one screening every piece of audience text goes through, posts and questions alike: the
 * author's rule first (blocked, trusted), then the filters (profanity with its obfuscations, the
 * event's word list, hashbombs, link floods, the same author repeating). Each domain maps the
 * outcome onto its own statuses; a flagged item is held for a moderator whatever the mode.
 */
export type Screening =
  | { outcome: 'blocked'; flags: ['blocked_author'] }
  | { outcome: 'trusted'; flags: [] }
  | { outcome: 'flagged'; flags: Flag[] }
  | { outcome: 'clean'; flags: [] };

/** How far back the same author repeating the same words counts as spam. */
export const REPEAT_WINDOW_MS = 10 * 60 * 1000;
/** How many of the author's recent texts a repeat is checked against. */
export const REPEAT_LOOKBACK = 20;

export interface ScreenInput {
  text: string;
  authorKey: string;
  /** The author's texts since `since` (same channel), newest first, at most REPEAT_LOOKBACK. */
  recentTexts: (since: string) => string[];
}

export function createScreening(authors: AuthorsRepository) {
  return function screen(event: EventRow, input: ScreenInput): Screening {
    const rule = authors.rule(event.id, input.authorKey);
    if (rule === 'blocked') return { outcome: 'blocked', flags: ['blocked_author'] };
    if (rule === 'trusted') return { outcome: 'trusted', flags: [] };
    const since = new Date(Date.now() - REPEAT_WINDOW_MS).toISOString();
    const flags = flagsFor({
      text: input.text,
      customWords: parseJsonArray(event.blocked_words),
      recentTextsBySameAuthor: input.recentTexts(since),
    });
    return flags.length > 0 ? { outcome: 'flagged', flags } : { outcome: 'clean', flags: [] };
  };
}

export type Screen = ReturnType<typeof createScreening>;

/** Whether a screened item goes live at once: only a clean one under post-moderation, or a trusted author's. */
export function goesLive(screening: Screening, mode: ModerationMode): boolean {
  return screening.outcome === 'trusted' || (screening.outcome === 'clean' && mode === 'post');
}
