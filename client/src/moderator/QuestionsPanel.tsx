import { useState, type ReactNode } from 'react';
import type { EventChannel } from '../lib/channel.ts';
import { describeError } from '../lib/errors.ts';
import { compareByRecent, compareByVotes } from '../lib/question-rules.ts';
import { defaultSession, sessionLabel } from '../lib/sessions.ts';
import { send } from '../lib/socket.ts';
import { relativeTime, useNow } from '../lib/time.ts';
import type { Question, QuestionAction } from '../lib/types.ts';
import { useSessionQuestions } from '../lib/useSessionQuestions.ts';

const everything = () => true;

export function QuestionsPanel({ channel }: { channel: EventChannel }) {
  const now = useNow();
  const [chosenId, setChosenId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busyIds, setBusyIds] = useState<Set<number>>(() => new Set());
  const current = channel.sessions.find((s) => s.id === chosenId) ?? defaultSession(channel.sessions);
  const { questions, loaded, add } = useSessionQuestions(channel.socket, current?.id ?? null, { visible: everything });

  async function moderate(question: Question, action: QuestionAction) {
    setError(null);
    setBusyIds((ids) => new Set(ids).add(question.id));
    try {
      add(await send(channel.socket!, 'question:moderate', { questionId: question.id, action }));
    } catch (failure) {
      setError(`Could not ${action} the question: ${describeError(failure)}`);
    } finally {
      setBusyIds((ids) => {
        const next = new Set(ids);
        next.delete(question.id);
        return next;
      });
    }
  }

  if (!current) return <p className="empty">Create a session to collect questions.</p>;

  const pending = questions.filter((q) => q.status === 'pending').sort(compareByRecent).reverse();
  const live = questions.filter((q) => q.status === 'approved').sort(compareByVotes);
  const answered = questions.filter((q) => q.status === 'answered').sort(compareByRecent);
  const dismissed = questions.filter((q) => q.status === 'dismissed').sort(compareByRecent);

  const row = (q: Question) => {
    const busy = busyIds.has(q.id);
    return (
      <li key={q.id} className="mod-item" data-testid="mod-question" data-question-id={q.id} data-status={q.status}>
        <div className="mod-item-meta">
          <span className="badge" data-status={q.status}>
            {q.status}
          </span>
          {q.spotlighted && <span className="tag spotlight">On screen</span>}
          <span className="votes-pill" aria-label={`${q.votes} votes`}>
            ▲ {q.votes}
          </span>
          <span className="muted">
            {q.anonymous ? 'Anonymous' : (q.authorName ?? 'Attendee')} · {relativeTime(q.createdAt, now, channel.skewMs)}
            {q.postId !== null && ' · from a post'}
          </span>
        </div>
        <p className="post-text">{q.text}</p>
        <div className="mod-actions" role="group" aria-label={`Moderate question ${q.id}`}>
          {q.status === 'dismissed' || q.status === 'answered' ? (
            <button type="button" data-testid="restore" disabled={busy} onClick={() => void moderate(q, 'restore')}>
              Restore
            </button>
          ) : (
            <button type="button" className="approve" data-testid="approve" disabled={busy || q.status !== 'pending'} onClick={() => void moderate(q, 'approve')}>
              Approve
            </button>
          )}
          <button type="button" className="reject" data-testid="dismiss" disabled={busy || q.status === 'dismissed'} onClick={() => void moderate(q, 'dismiss')}>
            Dismiss
          </button>
          <button type="button" data-testid="answer" disabled={busy || (q.status !== 'approved' && q.status !== 'pending')} onClick={() => void moderate(q, 'answer')}>
            Answer
          </button>
          <button
            type="button"
            data-testid="spotlight"
            aria-pressed={q.spotlighted}
            disabled={busy || (!q.spotlighted && q.status !== 'approved' && q.status !== 'answered')}
            onClick={() => void moderate(q, q.spotlighted ? 'unspotlight' : 'spotlight')}
          >
            {q.spotlighted ? 'Unspotlight' : 'Spotlight'}
          </button>
        </div>
      </li>
    );
  };

  return (
    <div className="questions-panel">
      <label className="field">
        <span>Session</span>
        <select data-testid="session-select" value={current.id} onChange={(e) => setChosenId(Number(e.target.value))}>
          {channel.sessions.map((s) => (
            <option key={s.id} value={s.id}>
              {sessionLabel(s)}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
      {!loaded ? (
        <p className="empty" role="status">
          Loading questions…
        </p>
      ) : questions.length === 0 ? (
        <p className="empty">No questions for this session yet.</p>
      ) : (
        <>
          <Group title="Awaiting moderation" items={pending} render={row} />
          <Group title="Live" items={live} render={row} />
          <Group title="Answered" items={answered} render={row} />
          {dismissed.length > 0 && (
            <details>
              <summary>Dismissed ({dismissed.length})</summary>
              <ol className="mod-list">{dismissed.map(row)}</ol>
            </details>
          )}
        </>
      )}
    </div>
  );
}

function Group({ title, items, render }: { title: string; items: Question[]; render: (q: Question) => ReactNode }) {
  if (items.length === 0) return null;
  return (
    <>
      <h3 className="section-title">
        {title} ({items.length})
      </h3>
      <ol className="mod-list">{items.map(render)}</ol>
    </>
  );
}
