import type { BcSocket } from '../lib/socket.ts';
import type { Post, Question } from '../lib/types.ts';
import { ScreenPost } from './ScreenPost.tsx';
import { SpotlightCard } from './SpotlightCard.tsx';
import { useWallPacing } from './useWallPacing.ts';
import { WIDE_MAX, type Pacing } from './wall-pacing.ts';
import { withoutQuestionTag } from './wall-text.ts';

/** Cards in the grid: three columns by two rows, or two by two beside a featured item. */
const GRID_SLOTS = 6;
const GRID_SLOTS_BESIDE_FEATURE = 4;
/** Characters past which a post's text gets a card two cells wide (it would not fit one at 24 px). */
const LONG_TEXT = 240;

interface Props {
  /** Approved posts, newest first. */
  posts: Post[];
  /** The room's spotlighted question: the speaker sent it to the screen, so it beats a pin. */
  spotlight: Question | null;
  questionTag: string;
  pacing: Pacing;
  /** Where take-downs are heard, so they leave the wall at once. */
  socket: BcSocket | null;
  now: number;
  skewMs: number;
}

/**
 * Approved posts at a readable pace (see wall-pacing.ts), with the pinned post (or the
 * spotlighted question) featured at once: a moderator's pin is not made to wait.
 */
export function WallView({ posts, spotlight, questionTag, pacing, socket, now, skewMs }: Props) {
  const pinned = spotlight ? null : (posts.find((post) => post.pinned) ?? null);
  const featured = spotlight !== null || pinned !== null;
  const cells = featured ? GRID_SLOTS_BESIDE_FEATURE : GRID_SLOTS;
  const isLong = (post: Post) => withoutQuestionTag(post.text, questionTag).length > LONG_TEXT;
  const grid = useWallPacing(socket, posts, pinned?.id ?? null, cells, pacing, isLong);
  // Long posts take two cells each, when the wall is full enough to have them to give.
  const long = grid.filter(isLong).slice(0, WIDE_MAX);
  const wide = new Set(grid.length + long.length === cells ? long.map((p) => p.id) : []);

  return (
    <main className={`screen-main screen-wall-view${featured ? ' with-feature' : ''}`}>
      {spotlight && <SpotlightCard question={spotlight} />}
      {pinned && (
        <ScreenPost post={pinned} questionTag={questionTag} featured now={now} skewMs={skewMs} />
      )}
      {grid.length > 0 ? (
        <div
          className="screen-grid"
          data-count={grid.length}
          data-wide={wide.size || undefined}
          data-testid="screen-wall"
        >
          {grid.map((post) => (
            <ScreenPost
              key={post.id}
              post={post}
              questionTag={questionTag}
              wide={wide.has(post.id)}
              roomy={grid.length <= (featured ? 2 : 3)}
              now={now}
              skewMs={skewMs}
            />
          ))}
        </div>
      ) : (
        !featured && (
          <div className="screen-empty">
            <p className="screen-empty-title">The wall is waiting for you</p>
            <p>Scan the code or open the link below, and post the first message.</p>
          </div>
        )
      )}
    </main>
  );
}
