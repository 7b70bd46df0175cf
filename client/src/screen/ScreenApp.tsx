import { useEffect } from 'react';
import { LIMITS } from '../../../shared/limits.ts';
import { useEventChannel } from '../lib/channel.ts';
import { ConnectionStatus } from '../lib/ConnectionStatus.tsx';
import { isQuestionPublic } from '../lib/question-rules.ts';
import { brandStyle } from '../lib/theme.ts';
import { useNow } from '../lib/time.ts';
import { useSessionQuestions } from '../lib/useSessionQuestions.ts';
import { ScreenFooter } from './ScreenFooter.tsx';
import { ScreenPost } from './ScreenPost.tsx';
import { SpotlightCard } from './SpotlightCard.tsx';
import '../styles/screen.css';

/** Cards in the grid: three columns by two rows, or two by two beside a featured item. */
const GRID_SLOTS = 6;
const GRID_SLOTS_BESIDE_FEATURE = 4;

export default function ScreenApp({ code }: { code: string }) {
  const channel = useEventChannel(code, { maxPosts: LIMITS.screenPosts });
  const now = useNow(15_000);
  // A hall with its own screen can follow its own room: /e/CODE/screen?room=Hall%20A
  const room = new URLSearchParams(window.location.search).get('room');
  const live = channel.sessions.find((s) => s.live && (!room || s.room === room)) ?? null;
  const { questions } = useSessionQuestions(channel.socket, live?.id ?? null, { visible: isQuestionPublic });
  const { event } = channel;

  useEffect(() => {
    if (event) document.title = `${event.name} · Screen`;
  }, [event]);

  if (channel.connection === 'failed' && !event) {
    return (
      <div className="screen" data-theme="dark">
        <p className="screen-message">{channel.failure?.message ?? 'Cannot connect.'}</p>
      </div>
    );
  }
  if (!event) {
    return (
      <div className="screen" data-theme="dark">
        <p className="screen-message">Connecting to {code}…</p>
      </div>
    );
  }

  const posts = channel.posts.filter((post) => post.status === 'approved');
  const spotlight = questions.find((q) => q.spotlighted && isQuestionPublic(q)) ?? null;
  const pinned = spotlight ? null : (posts.find((post) => post.pinned) ?? null);
  const featured = spotlight !== null || pinned !== null;
  const grid = posts.filter((post) => post !== pinned).slice(0, featured ? GRID_SLOTS_BESIDE_FEATURE : GRID_SLOTS);

  return (
    <div className="screen" data-theme={event.branding.theme} style={brandStyle(event)}>
      <header className="screen-header">
        <h1 className="screen-event">{event.name}</h1>
        {live && (
          <p className="screen-session">
            <span className="screen-now">Now</span> {live.title}
            {live.speaker && <span className="screen-speaker"> · {live.speaker}</span>}
          </p>
        )}
        {channel.connection !== 'live' && <ConnectionStatus state={channel.connection} />}
      </header>

      <main className={`screen-main${featured ? ' with-feature' : ''}`}>
        {spotlight && <SpotlightCard question={spotlight} />}
        {pinned && <ScreenPost post={pinned} featured now={now} skewMs={channel.skewMs} />}
        {grid.length > 0 ? (
          <div className="screen-grid" data-count={grid.length} data-testid="screen-wall">
            {grid.map((post) => (
              <ScreenPost key={post.id} post={post} roomy={grid.length <= (featured ? 2 : 3)} now={now} skewMs={channel.skewMs} />
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

      <ScreenFooter event={event} />
    </div>
  );
}
