import type { Post, Question } from '../lib/types.ts';
import { ScreenPost } from './ScreenPost.tsx';
import { SpotlightCard } from './SpotlightCard.tsx';

/** Cards in the grid: three columns by two rows, or two by two beside a featured item. */
const GRID_SLOTS = 6;
const GRID_SLOTS_BESIDE_FEATURE = 4;

interface Props {
  /** Approved posts, newest first. */
  posts: Post[];
  /** The room's spotlighted question: the speaker sent it to the screen, so it beats a pin. */
  spotlight: Question | null;
  now: number;
  skewMs: number;
}

/** The newest approved posts, with the pinned post (or the spotlighted question) featured. */
export function WallView({ posts, spotlight, now, skewMs }: Props) {
  const pinned = spotlight ? null : (posts.find((post) => post.pinned) ?? null);
  const featured = spotlight !== null || pinned !== null;
  const grid = posts.filter((post) => post !== pinned).slice(0, featured ? GRID_SLOTS_BESIDE_FEATURE : GRID_SLOTS);

  return (
    <main className={`screen-main screen-wall-view${featured ? ' with-feature' : ''}`}>
      {spotlight && <SpotlightCard question={spotlight} />}
      {pinned && <ScreenPost post={pinned} featured now={now} skewMs={skewMs} />}
      {grid.length > 0 ? (
        <div className="screen-grid" data-count={grid.length} data-testid="screen-wall">
          {grid.map((post) => (
            <ScreenPost key={post.id} post={post} roomy={grid.length <= (featured ? 2 : 3)} now={now} skewMs={skewMs} />
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
