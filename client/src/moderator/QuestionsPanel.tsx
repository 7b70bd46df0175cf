import { useState, type ReactNode } from 'react';
import type { EventChannel } from '../lib/channel.ts';
import { describeError } from '../lib/errors.ts';
import { compareByRecent, compareByVotes } from '../lib/question-rules.ts';
import { defaultSession, sessionLabel } from '../lib/sessions.ts';
import { send } from '../lib/socket.ts';
import { useNow } from '../lib/time.ts';
import type { Question, QuestionAction } from '../lib/types.ts';
import { useSessionQuestions } from '../lib/useSessionQuestions.ts';
import { ModQuestionItem } from './ModQuestionItem.tsx';

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

  async function edit(question: Question, text: string) {
    const updated = await send(channel.socket!, 'question:edit', { questionId: question.id, text });
    add(updated);
  }

  const row = (q: Question) => (
    <ModQuestionItem
      key={q.id}
      question={q}
      busy={busyIds.has(q.id)}
      now={now}
      skewMs={channel.skewMs}
      onModerate={(question, action) => void moderate(question, action)}
      onEdit={edit}
    />
  );

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
