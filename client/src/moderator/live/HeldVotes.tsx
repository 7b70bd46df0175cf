import { useState } from 'react';
import { describeError } from '../../lib/errors.ts';
import { listHeldVotes, releaseHeldVotes } from '../../lib/moderation-api.ts';
import type { HeldVotes as HeldVotesList } from '../../../../shared/schemas/votes.ts';
import { useConsole } from '../common/console-context.tsx';

/**
 * Votes held from fresh identities: a counter in the header, and on demand the questions they
 * were cast for, each releasable into its count once a moderator judges the burst real.
 */
export function HeldVotes({ held }: { held: number }) {
  const { eventId, token } = useConsole();
  const [list, setList] = useState<HeldVotesList['questions'] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () =>
    listHeldVotes(eventId, token).then(
      (result) => setList(result.questions),
      (failure: unknown) => setError(describeError(failure)),
    );
  const release = (questionId: number) =>
    releaseHeldVotes(questionId, token).then(load, (failure: unknown) =>
      setError(describeError(failure)),
    );

  return (
    <div className="counter held-votes" data-testid="held-votes" data-value={held}>
      <dt>Held votes</dt>
      <dd>
        {held > 0 && list === null ? (
          <button type="button" className="link" onClick={() => void load()}>
            {held}
          </button>
        ) : (
          held
        )}
      </dd>
      {list !== null && (
        <div className="held-votes-list" role="dialog" aria-label="Held votes">
          <p className="muted">
            Votes from identities younger than 10 minutes, past 20 on one question.
          </p>
          {error && <p role="alert">{error}</p>}
          {list.length === 0 ? (
            <p>Nothing held.</p>
          ) : (
            <ul>
              {list.map((q) => (
                <li key={q.questionId} data-testid="held-question">
                  <span>{q.text}</span>
                  <span className="muted">
                    {q.votes} counted · {q.held} held
                  </span>
                  <button type="button" onClick={() => void release(q.questionId)}>
                    Release {q.held}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <button type="button" onClick={() => setList(null)}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
