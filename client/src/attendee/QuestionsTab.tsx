import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EventChannel } from '../lib/channel.ts';
import { AppError } from '../lib/errors.ts';
import { compareByRecent, compareByVotes, isQuestionPublic } from '../lib/question-rules.ts';
import { defaultSession, sessionLabel } from '../lib/sessions.ts';
import { send } from '../lib/socket.ts';
import { useNow } from '../lib/time.ts';
import type { Event, Question, QuestionSort, Session } from '../lib/types.ts';
import { useSessionQuestions } from '../lib/useSessionQuestions.ts';
import { MyQuestions } from './MyQuestions.tsx';
import { QuestionForm } from './QuestionForm.tsx';
import { QuestionItem } from './QuestionItem.tsx';
import type { QuestionOutbox } from './useQuestionOutbox.ts';
import { useStableOrder } from './useStableOrder.ts';
import '../styles/questions.css';

interface Props {
  channel: EventChannel;
  event: Event;
  sessions: Session[];
  outbox: QuestionOutbox;
  /** The attendee's room, when known: its live session is the default. */
  room: string | null;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function QuestionsTab({ channel, event, sessions, outbox, room }: Props) {
  const now = useNow();
  // null: follow the live session as it changes; a number: the attendee chose one.
  const [chosenId, setChosenId] = useState<number | null>(null);
  const [sort, setSort] = useState<QuestionSort>('votes');

  const chosen = sessions.find((s) => s.id === chosenId) ?? null;
  const current = chosen ?? defaultSession(sessions, room);
  const sessionId = current?.id ?? null;

  const mineIds = useMemo(() => new Set(channel.myQuestions.map((q) => q.id)), [channel.myQuestions]);
  const isMine = useCallback((id: number) => mineIds.has(id), [mineIds]);

  const { questions, myVotes, loaded, error, add, remove, toggleVote } = useSessionQuestions(channel.socket, sessionId, {
    visible: isQuestionPublic,
    isMine,
    seed: channel.myQuestions,
  });
  const byId = new Map(questions.map((q) => [q.id, q]));
  const known = useRef(byId);
  known.current = byId;

  // Mine that reached the server some other way (a resend after a reconnect, a second tab of
  // mine) join this list too.
  useEffect(() => {
    for (const question of channel.myQuestions) {
      if (question.sessionId === sessionId && !known.current.has(question.id)) add(question);
    }
  }, [channel.myQuestions, sessionId, loaded, add]);

  const compare = sort === 'votes' ? compareByVotes : compareByRecent;
  const listed = questions.filter(isQuestionPublic);
  const target = listed
    .filter((q) => q.status !== 'answered')
    .sort(compare)
    .map((q) => q.id);
  const stable = useStableOrder(target, {
    resetKey: `${sessionId}:${sort}`,
    ready: loaded,
    present: (id) => {
      const question = byId.get(id);
      return question !== undefined && isQuestionPublic(question);
    },
    immediate: mineIds,
  });
  const open = stable.order.map((id) => byId.get(id)!);
  const inOpen = new Set(stable.order);
  const answered = listed.filter((q) => q.status === 'answered' && !inOpen.has(q.id)).sort(compare);
  const updates = [
    stable.newCount > 0 ? plural(stable.newCount, 'new question', 'new questions') : null,
    stable.changeCount > 0 ? plural(stable.changeCount, 'change in ranking', 'changes in ranking') : null,
    stable.leftCount > 0 ? `${stable.leftCount} answered` : null,
  ].filter(Boolean);

  const mineHere = channel.myQuestions.filter((q) => q.sessionId === sessionId).map((q) => byId.get(q.id) ?? q);
  const unsent = outbox.entries.filter((entry) => entry.sessionId === sessionId);

  async function editQuestion(question: Question, text: string) {
    if (!channel.socket) throw new AppError('network_error', 'Not connected yet.');
    const updated = await send(channel.socket, 'question:edit', { questionId: question.id, text });
    channel.dispatch({ type: 'my-question', question: updated });
    add(updated);
  }

  async function withdrawQuestion(question: Question) {
    if (!channel.socket) throw new AppError('network_error', 'Not connected yet.');
    await send(channel.socket, 'question:withdraw', { questionId: question.id });
    channel.dispatch({ type: 'question-removed', id: question.id });
    remove(question.id);
  }

  const item = (question: Question) => (
    <QuestionItem
      key={question.id}
      question={question}
      mine={mineIds.has(question.id)}
      voted={myVotes.has(question.id)}
      now={now}
      skewMs={channel.skewMs}
      onVote={toggleVote}
    />
  );

  if (sessions.length === 0) {
    return <p className="empty">No sessions yet. Questions open when the first talk is set up.</p>;
  }

  return (
    <>
      <div className="question-controls">
        <label htmlFor="session-select">Session</label>
        <select
          id="session-select"
          data-testid="session-select"
          value={sessionId ?? ''}
          onChange={(e) => setChosenId(Number(e.target.value))}
        >
          {sessions.map((s) => (
            <option key={s.id} value={s.id}>
              {sessionLabel(s)}
            </option>
          ))}
        </select>
      </div>

      {current?.tag && (
        <p className="hint session-tag-hint" data-testid="session-tag-hint">
          Also from X or the wall: post with #{event.questionTag} #{current.tag}
        </p>
      )}

      {current && current.questionsOpen ? (
        <QuestionForm
          enabled={Boolean(channel.socket)}
          sessionId={current.id}
          allowAnonymous={event.settings.allowAnonymous}
          premoderated={event.settings.questionModeration === 'pre'}
          onSubmit={outbox.submit}
        />
      ) : (
        <p className="notice" data-testid="questions-closed">
          Questions are closed for this session.
        </p>
      )}

      <MyQuestions
        questions={mineHere}
        unsent={unsent}
        online={channel.connection === 'live'}
        onEdit={editQuestion}
        onWithdraw={withdrawQuestion}
        onRetry={outbox.retry}
        onDiscard={outbox.discard}
      />

      <div className="sort" role="group" aria-label="Sort questions">
        <button type="button" aria-pressed={sort === 'votes'} data-testid="sort-votes" onClick={() => setSort('votes')}>
          Top
        </button>
        <button type="button" aria-pressed={sort === 'recent'} data-testid="sort-recent" onClick={() => setSort('recent')}>
          Recent
        </button>
      </div>

      {error && (
        <p className="field-error" role="alert">
          Could not load the questions: {error.message}
        </p>
      )}
      {!loaded && !error ? (
        <p className="empty" role="status">
          Loading questions…
        </p>
      ) : open.length === 0 && answered.length === 0 ? (
        <p className="empty">No questions yet. Ask the first one!</p>
      ) : (
        <>
          <ol className="question-list" data-testid="question-list" aria-label="Questions" ref={stable.listRef}>
            {open.map(item)}
          </ol>
          {answered.length > 0 && (
            <>
              <h2 className="section-title">Answered</h2>
              <ol className="question-list answered" aria-label="Answered questions">
                {answered.map(item)}
              </ol>
            </>
          )}
        </>
      )}

      {/* Fixed over the page, so its arrival moves nothing under the reader's finger. */}
      <div className="update-bar-slot" aria-live="polite">
        {updates.length > 0 && (
          <button type="button" className="update-bar" data-testid="questions-update-bar" onClick={stable.apply}>
            {updates.join(' · ')} — tap to update
          </button>
        )}
      </div>
    </>
  );
}
