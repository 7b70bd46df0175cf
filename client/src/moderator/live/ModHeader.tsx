import { ConnectionStatus } from '../../lib/ConnectionStatus.tsx';
import type { SourceStatus } from '../../lib/moderation-api.ts';
import { useConsole } from '../common/console-context.tsx';
import { HeldVotes } from './HeldVotes.tsx';
import { ModeratorNameField } from './ModeratorNameField.tsx';
import { STATE_LABEL } from './SourcesStatus.tsx';
import type { LiveCounters } from './useLive.ts';

interface Props {
  counters: LiveCounters | null;
  localPending: number;
  /** Questions awaiting moderation in every session. */
  questionsWaiting: number;
  /** Opens what waits in every live session. */
  onQuestionsWaiting: () => void;
  sources: SourceStatus[];
  onSources: () => void;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The numbers a moderator glances at all day: who is here, what waits, how fast it comes. */
export function ModHeader({
  counters,
  localPending,
  questionsWaiting,
  onQuestionsWaiting,
  sources,
  onSources,
}: Props) {
  const { event, channel } = useConsole();
  const { sessions, connection } = channel;
  const live = sessions.filter((s) => s.live);
  const pending = counters?.pending ?? localPending;
  return (
    <header className="mod-header">
      <div className="mod-title">
        <h1>{event.name}</h1>
        <p className="muted">
          Code <strong>{event.code}</strong> · posts {event.settings.postModeration}-moderated ·
          questions {event.settings.questionModeration}
          -moderated
          {live.length > 0 && ` · live: ${live.map((s) => s.title).join(', ')}`}
        </p>
      </div>
      <dl className="counters" aria-label="Live counters">
        <div className="counter" data-testid="online-count" data-value={counters?.online ?? ''}>
          <dt>Online</dt>
          <dd>{counters ? counters.online : '–'}</dd>
        </div>
        <div
          className="counter pending"
          data-testid="pending-count"
          data-value={pending}
          data-questions={questionsWaiting}
          data-zero={pending + questionsWaiting === 0 || undefined}
          aria-live="polite"
        >
          <dt>Waiting</dt>
          <dd>
            {plural(pending, 'post')} ·{' '}
            <button
              type="button"
              className="link"
              data-testid="questions-waiting"
              data-value={questionsWaiting}
              onClick={onQuestionsWaiting}
              title="Show the questions waiting in every live session"
            >
              {plural(questionsWaiting, 'question')}
            </button>
          </dd>
        </div>
        <div
          className="counter"
          data-testid="rate-count"
          data-value={counters?.postsPerMinute ?? ''}
        >
          <dt>Posts/min</dt>
          <dd>{counters ? counters.postsPerMinute : '–'}</dd>
        </div>
        {counters && counters.heldVotes > 0 && <HeldVotes held={counters.heldVotes} />}
      </dl>
      <div className="mod-header-side">
        <ModeratorNameField />
        {sources.map((s) => (
          <button
            key={s.source}
            type="button"
            className="source-pill"
            data-state={s.state}
            data-source={s.source}
            data-testid="source-pill"
            onClick={onSources}
            title={s.detail ?? undefined}
          >
            <span className="connection-dot" aria-hidden="true" />
            {s.source === 'x' ? 'X' : s.source}: {STATE_LABEL[s.state]}
          </button>
        ))}
        <ConnectionStatus state={connection} />
      </div>
    </header>
  );
}
