import { useCallback, useEffect, useMemo, useState } from 'react';
import { useLatest } from '../lib/useLatest.ts';
import type { EventChannel } from '../lib/channel.ts';
import { AppError } from '../lib/errors.ts';
import { compareByRecent, compareByVotes, isQuestionPublic } from '../lib/question-rules.ts';
import { defaultSession, sessionLabel } from '../lib/sessions.ts';
import { send } from '../lib/socket.ts';
import { useNow } from '../lib/time.ts';
import type { Event, Question, QuestionSort, Session } from '../lib/types.ts';
import { LoadMore } from '../lib/LoadMore.tsx';
import { useSessionQuestions } from '../lib/useSessionQuestions.ts';
import { MyQuestions } from './MyQuestions.tsx';
import { QuestionForm } from './QuestionForm.tsx';
import { QuestionItem } from './QuestionItem.tsx';
import { QuestionAnswers } from './QuestionAnswers.tsx';
import { postAnswer } from '../lib/answers-api.ts';
import { useAnswers } from '../lib/useAnswers.ts';
import type { AttendeeOutbox } from './useOutbox.ts';
import { OfflineLine } from '../lib/OfflineLine.tsx';
import { useStableOrder } from './useStableOrder.ts';
import '../styles/questions.css';

interface Props {
  channel: EventChannel;
  event: Event;
  sessions: Session[];
  outbox: AttendeeOutbox;
  /** The attendee's room, when known: its live session is the default. */
  room: string | null;
  /** The attendee's credential, for answers and replies over REST. */
  token: string | null;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function QuestionsTab({ channel, event, sessions, outbox, room, token }: Props) {
  const now = useNow();
  // null: follow the live session as it changes; a number: the attendee chose one.
  const [chosenId, setChosenId] = useState<number | null>(null);
  const [sort, setSort] = useState<QuestionSort>('votes');

  const chosen = sessions.find((s) => s.id === chosenId) ?? null;
  const current = chosen ?? defaultSession(sessions, room);
  const sessionId = current?.id ?? null;

  const mineIds = useMemo(
    () => new Set(channel.myQuestions.map((q) => q.id)),
    [channel.myQuestions],
  );
  const isMine = useCallback((id: number) => mineIds.has(id), [mineIds]);
  // Answers to my own questions: loaded when I come back, then live.
  const { answersOf, upsert: upsertAnswer } = useAnswers(channel.socket, [...mineIds], token, {
    cacheKey: `answers:${event.code}`,
    live: channel.connection === 'live',
  });

  const {
    questions,
    myVotes,
    loaded,
    syncedAt,
    error,
    add,
    remove,
    toggleVote,
    hasMore,
    total,
    loadMore,
  } = useSessionQuestions(channel.socket, sessionId, {
    visible: isQuestionPublic,
    isMine,
    seed: channel.myQuestions,
    cacheKey: sessionId === null ? undefined : `questions:${event.code}:${sessionId}`,
  });
  const online = channel.connection === 'live';
  const byId = new Map(questions.map((q) => [q.id, q]));
  const known = useLatest(byId);

  // Mine that reached the server some other way (a resend after a reconnect, a second tab of
  // mine) join this list too.
  useEffect(() => {
    for (const question of channel.myQuestions) {
      if (question.sessionId === sessionId && !known.current.has(question.id)) add(question);
    }
  }, [channel.myQuestions, sessionId, loaded, add, known]);

  const compare = sort === 'votes' ? compareByVotes : compareByRecent;
  const listed = questions.filter(isQuestionPublic);
  const target = listed
    .filter((q) => q.status !== 'answered')
    .sort(compare)
    .map((q) => q.id);
  const {
    listRef,
    apply: applyOrder,
    ...stable
  } = useStableOrder(target, {
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
    stable.changeCount > 0
      ? plural(stable.changeCount, 'change in ranking', 'changes in ranking')
      : null,
    stable.leftCount > 0 ? `${stable.leftCount} answered` : null,
  ].filter(Boolean);

  // Mine that are live or answered are in the list below, marked; these are the rest.
  const mineWaiting = channel.myQuestions
    .filter((q) => q.sessionId === sessionId)
    .map((q) => byId.get(q.id) ?? q)
    .filter((q) => !isQuestionPublic(q));
  const unsent = outbox.entries.filter(
    (entry) => entry.kind === 'question' && entry.sessionId === sessionId,
  );

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
      actions={
        <QuestionAnswers
          question={question}
          mine={mineIds.has(question.id)}
          answers={answersOf(question.id)}
          onReply={
            token && isQuestionPublic(question)
              ? async (text) => upsertAnswer(await postAnswer(question.id, token, { text }))
              : null
          }
        />
      }
    />
  );

  if (sessions.length === 0) {
    return <p className="empty">No sessions yet. Questions open when the first talk is set up.</p>;
  }

  return (
    <>
      {/* One row on a phone: the session and the order, so the list starts high. */}
      <div className="question-controls">
        <label htmlFor="session-select" className="visually-hidden">
          Session
        </label>
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
        <div className="sort" role="group" aria-label="Sort questions">
          <button
            type="button"
            aria-pressed={sort === 'votes'}
            data-testid="sort-votes"
            onClick={() => setSort('votes')}
          >
            Top
          </button>
          <button
            type="button"
            aria-pressed={sort === 'recent'}
            data-testid="sort-recent"
            onClick={() => setSort('recent')}
          >
            Recent
          </button>
        </div>
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
          socket={channel.socket}
          voted={(id) => myVotes.has(id)}
          onUpvote={(question) => toggleVote(question, false)}
        />
      ) : (
        <p className="notice" data-testid="questions-closed">
          Questions are closed for this session.
        </p>
      )}

      <OfflineLine connection={channel.connection} syncedAt={syncedAt} />
      {error && online && (
        <p className="field-error" role="alert">
          Could not load the questions: {error.message}
        </p>
      )}
      <MyQuestions
        questions={mineWaiting}
        unsent={unsent}
        online={online}
        now={now}
        skewMs={channel.skewMs}
        onEdit={editQuestion}
        onWithdraw={withdrawQuestion}
        onRetry={outbox.retry}
        onDiscard={outbox.discard}
      />
      {!loaded ? (
        (online || channel.connection === 'connecting') &&
        !error && (
          <p className="empty" role="status">
            Loading questions…
          </p>
        )
      ) : open.length === 0 && answered.length === 0 ? (
        mineWaiting.length + unsent.length === 0 && (
          <p className="empty">No questions yet. Ask the first one!</p>
        )
      ) : (
        <>
          <ol
            className="question-list"
            data-testid="question-list"
            aria-label="Questions"
            ref={listRef}
          >
            {open.map(item)}
          </ol>
          <LoadMore hasMore={hasMore} shown={listed.length} total={total} loadMore={loadMore} />
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
          <button
            type="button"
            className="update-bar"
            data-testid="questions-update-bar"
            onClick={applyOrder}
          >
            {updates.join(' · ')} — tap to update
          </button>
        )}
      </div>
    </>
  );
}
