import type { OutboxEntry } from './outbox.ts';

interface Props {
  entry: OutboxEntry;
  online: boolean;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
}

/** What became of something the attendee sent that the server has not confirmed: one wording for posts and questions. */
export function UnsentStatus({ entry, online, onRetry, onDiscard }: Props) {
  if (entry.state === 'sending') {
    return (
      <p className="unsent-actions muted">
        <span className="badge" data-state="sending" role="status">
          yours · sending…
        </span>
      </p>
    );
  }
  const refused = entry.state === 'refused';
  return (
    <>
      <p className="unsent-actions">
        <span className="badge" data-state={entry.state} data-testid="unsent-state" role="status">
          {refused ? 'yours · refused' : 'yours · waiting to send'}
        </span>
        {(refused || online) && (
          <button
            type="button"
            className="small retry"
            data-testid="unsent-retry"
            onClick={() => onRetry(entry.clientId)}
          >
            {refused ? 'Send again' : 'Send now'}
          </button>
        )}
        <button
          type="button"
          className="small link-button"
          data-testid="unsent-discard"
          onClick={() => onDiscard(entry.clientId)}
        >
          Discard
        </button>
      </p>
      {refused ? (
        <p className="field-error" role="alert" data-testid="unsent-reason">
          Not accepted: {entry.error}
        </p>
      ) : (
        <p className="hint">
          {online
            ? 'No answer from the server yet. It goes again by itself; it is never sent twice.'
            : 'You are offline. It goes as soon as the connection is back, never twice.'}
        </p>
      )}
    </>
  );
}
