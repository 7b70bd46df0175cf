import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { line } from './common.ts';

/**
 * What a big screen shows: the wall of approved posts, the top questions of its room's live
 * session, one spotlighted question, or the join card. The moderator switches it live.
 */
export const ScreenMode = z.enum(['wall', 'questions', 'spotlight', 'join']);
export type ScreenMode = z.infer<typeof ScreenMode>;

/** A screen is named after its room; 'main' is the screen of an event with one room. */
export const ScreenName = line(LIMITS.room);

export const Screen = z.object({ name: z.string(), mode: ScreenMode });
export type Screen = z.infer<typeof Screen>;

export const SetScreenBody = z.strictObject({ mode: ScreenMode });

export const ScreenList = z.object({ screens: z.array(Screen) });

/** Live counters for the moderator console. */
export interface EventStats {
  eventId: number;
  online: number;
  pending: number;
  postsPerMinute: number;
  /** Votes from fresh identities waiting for a moderator (shared/limits.ts FRESH_VOTES). */
  heldVotes: number;
}
