import { useCallback, useMemo, useState } from 'react';
import type { EventChannel } from '../lib/channel.ts';
import { compareByRecent, compareByVotes, isQuestionPublic } from '../lib/question-rules.ts';
import { defaultSession, sessionLabel } from '../lib/sessions.ts';
import { useNow } from '../lib/time.ts';
import type { Event, Question, QuestionSort, Session } from '../lib/types.ts';
import { useSessionQuestions } from '../lib/useSessionQuestions.ts';
import { QuestionForm } from './QuestionForm.tsx';
import { QuestionItem } from './QuestionItem.tsx';

interface Props {
  channel: EventChannel;
  event: Event;
  sessions: Session[];
}

export function QuestionsTab({ channel, event, sessions }: Props) {
  const now = useNow();
  // null: follow the live session as it changes; a number: the attendee chose one.
  const [chosenId, setChosenId] = useState<number | null>(null);
  const [sort, setSort] = useState<QuestionSort>('votes');
  const [askedIds, setAskedIds] = useState<Set<number>>(() => new Set());

  const chosen = sessions.find((s) => s.id === chosenId) ?? null;
  const current = chosen ?? defaultSession(sessions);
  const sessionId = current?.id ?? null;

  const mineIds = useMemo(() => {
    const ids = new Set(askedIds);
    for (const question of channel.myQuestions) ids.add(question.id);
    return ids;
  }, [askedIds, channel.myQuestions]);
  const isMine = useCallback((id: number) => mineIds.has(id), [mineIds]);

  const { questions, myVotes, loaded, error, add, toggleVote } = useSessionQuestions(channel.socket, sessionId, {
    visible: isQuestionPublic,
    isMine,
    seed: channel.myQuestions,
  });

  const shown = questions.filter((q) => isQuestionPublic(q) || mineIds.has(q.id));
  const compare = sort === 'votes' ? compareByVotes : compareByRecent;
  const open = shown.filter((q) => q.status !== 'answered').sort(compare);
  const answered = shown.filter((q) => q.status === 'answered').sort(compare);

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

      {current && current.questionsOpen ? (
        <QuestionForm
          socket={channel.socket}
          sessionId={current.id}
          allowAnonymous={event.settings.allowAnonymous}
          premoderated={event.settings.questionModeration === 'pre'}
          onAsked={(question) => {
            setAskedIds((ids) => new Set(ids).add(question.id));
            add(question);
          }}
        />
      ) : (
        <p className="notice" data-testid="questions-closed">
          Questions are closed for this session.
        </p>
      )}

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
          <ol className="question-list" data-testid="question-list" aria-label="Questions">
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
    </>
  );
}
