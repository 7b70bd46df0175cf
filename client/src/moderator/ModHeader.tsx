import { ConnectionStatus } from '../lib/ConnectionStatus.tsx';
import type { ConnectionState } from '../lib/channel-state.ts';
import type { SourceStatus } from '../lib/moderation-api.ts';
import type { Event, Session } from '../lib/types.ts';
import { ModeratorNameField } from './ModeratorNameField.tsx';
import { STATE_LABEL } from './SourcesStatus.tsx';
import type { LiveCounters } from './useLive.ts';

interface Props {
  event: Event;
  sessions: Session[];
  counters: LiveCounters | null;
  localPending: number;
  sources: SourceStatus[];
  connection: ConnectionState;
  onSources: () => void;
  /** The moderator renamed their console: reconnect so the server hears the new name. */
  onRenamed: () => void;
}

/** The numbers a moderator glances at all day: who is here, what waits, how fast it comes. */
export function ModHeader({ event, sessions, counters, localPending, sources, connection, onSources, onRenamed }: Props) {
  const live = sessions.filter((s) => s.live);
  const pending = counters?.pending ?? localPending;
  return (
    <header className="mod-header">
      <div className="mod-title">
        <h1>{event.name}</h1>
        <p className="muted">
          Code <strong>{event.code}</strong> · posts {event.settings.postModeration}-moderated · questions {event.settings.questionModeration}
          -moderated
          {live.length > 0 && ` · live: ${live.map((s) => s.title).join(', ')}`}
        </p>
      </div>
      <dl className="counters" aria-label="Live counters">
        <div className="counter" data-testid="online-count" data-value={counters?.online ?? ''}>
          <dt>Online</dt>
          <dd>{counters ? counters.online : '–'}</dd>
        </div>
        <div className="counter pending" data-testid="pending-count" data-value={pending} data-zero={pending === 0 || undefined} aria-live="polite">
          <dt>Pending</dt>
          <dd>{pending}</dd>
        </div>
        <div className="counter" data-testid="rate-count" data-value={counters?.postsPerMinute ?? ''}>
          <dt>Posts/min</dt>
          <dd>{counters ? counters.postsPerMinute : '–'}</dd>
        </div>
      </dl>
      <div className="mod-header-side">
        <ModeratorNameField onChanged={onRenamed} />
        {sources.map((s) => (
          <button key={s.source} type="button" className="source-pill" data-state={s.state} data-testid="source-pill" onClick={onSources} title={s.detail ?? undefined}>
            <span className="connection-dot" aria-hidden="true" />
            {s.source === 'x' ? 'X' : s.source}: {STATE_LABEL[s.state]}
          </button>
        ))}
        <ConnectionStatus state={connection} />
      </div>
    </header>
  );
}
