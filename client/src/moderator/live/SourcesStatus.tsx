import type { SourceStatus } from '../../lib/moderation-api.ts';
import { clockTime, relativeTime, useNow } from '../../lib/time.ts';

const NAME: Record<SourceStatus['source'], string> = {
  x: 'X',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
};

function modeLabel(s: SourceStatus): string {
  if (s.mode === 'search') return 'recent search';
  if (s.mode === 'poll') return 'hashtag timelines';
  return s.source === 'bluesky' ? 'Jetstream' : 'filtered stream';
}

export const STATE_LABEL: Record<SourceStatus['state'], string> = {
  off: 'Off',
  connecting: 'Connecting',
  connected: 'Streaming',
  polling: 'Polling',
  backing_off: 'Backing off',
  stopped: 'Stopped',
};

/** One card per outside source: state, what it last took in, and its last error. */
export function SourcesStatus({ sources }: { sources: SourceStatus[] }) {
  const now = useNow(10_000);
  if (sources.length === 0) return <p className="hint">No outside sources.</p>;
  return (
    <ul className="source-list" aria-label="Outside sources">
      {sources.map((s) => (
        <li
          key={s.source}
          className="source-card"
          data-testid="source-status"
          data-source={s.source}
          data-state={s.state}
        >
          <div className="source-head">
            <strong>{NAME[s.source]}</strong>
            <span className="source-state" data-state={s.state}>
              <span className="connection-dot" aria-hidden="true" />
              {STATE_LABEL[s.state]}
            </span>
            {s.mode && <span className="muted">{modeLabel(s)}</span>}
          </div>
          {s.detail && <p className="source-detail">{s.detail}</p>}
          <dl className="source-facts">
            <div>
              <dt>Last item</dt>
              <dd data-testid="source-last-item">
                {s.lastItemAt ? relativeTime(s.lastItemAt, now) : 'none yet'}
              </dd>
            </div>
            <div>
              <dt>Items today</dt>
              <dd data-testid="source-items-today">{s.itemsToday}</dd>
            </div>
            {s.retryAt && (
              <div>
                <dt>Next try</dt>
                <dd>{clockTime(s.retryAt)}</dd>
              </div>
            )}
          </dl>
          {s.lastError && (
            <p className="source-error" data-testid="source-error">
              Last error at {clockTime(s.lastError.at)}: {s.lastError.message}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
