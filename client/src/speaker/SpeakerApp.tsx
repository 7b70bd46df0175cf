import { useEffect, useState } from 'react';
import { useEventChannel } from '../lib/channel.ts';
import { useAppBrand } from '../lib/brand.ts';
import { ConnectionStatus } from '../lib/ConnectionStatus.tsx';
import { EventLogo } from '../lib/EventLogo.tsx';
import { describeError } from '../lib/errors.ts';
import { MissingKey } from '../lib/MissingKey.tsx';
import { compareByRecent, compareByVotes } from '../lib/question-rules.ts';
import { sessionLabel } from '../lib/sessions.ts';
import { send } from '../lib/socket.ts';
import { useStaffCredentials } from '../lib/useStaffCredentials.ts';
import { useNow } from '../lib/time.ts';
import type { Answer, Question, QuestionAction } from '../lib/types.ts';
import { acceptAnswer, postAnswer } from '../lib/answers-api.ts';
import { useAnswers } from '../lib/useAnswers.ts';
import { LoadMore } from '../lib/LoadMore.tsx';
import { useSessionQuestions } from '../lib/useSessionQuestions.ts';
import { SpeakerQuestion } from './SpeakerQuestion.tsx';
import '../styles/speaker.css';

const everything = () => true;
/** How long the "Undo" of a "Mark answered" stays offered; the answered fold keeps a restore. */
const UNDO_WINDOW_MS = 10_000;

export default function SpeakerApp({ code }: { code: string }) {
  const credentials = useStaffCredentials('speaker', code);
  const channel = useEventChannel(code, {
    token: credentials.key,
    enabled: Boolean(credentials.key),
  });
  const [chosenId, setChosenId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busyIds, setBusyIds] = useState<Set<number>>(() => new Set());
  const [undoable, setUndoable] = useState<Question | null>(null);
  const now = useNow(10_000);
  const brand = useAppBrand(channel.event, 'speaker');

  const fromLink = Number(credentials.session);
  const session =
    channel.sessions.find((s) => s.id === chosenId) ??
    channel.sessions.find((s) => s.id === fromLink) ??
    channel.sessions.find((s) => s.id === channel.speakerSessionId) ??
    channel.sessions.find((s) => s.live) ??
    channel.sessions[0] ??
    null;
  const { questions, loaded, add, hasMore, total, loadMore } = useSessionQuestions(
    channel.socket,
    session?.id ?? null,
    {
      visible: everything,
    },
  );
  // What the speaker sees: the open and answered questions, with their answers kept live.
  const shownIds = questions
    .filter((q) => q.status === 'approved' || q.status === 'answered')
    .map((q) => q.id);
  const { answersOf, upsert: upsertAnswer } = useAnswers(
    channel.socket,
    shownIds,
    credentials.key ?? null,
  );

  useEffect(() => {
    if (!undoable) return;
    const timer = setTimeout(() => setUndoable(null), UNDO_WINDOW_MS);
    return () => clearTimeout(timer);
  }, [undoable]);

  useEffect(() => {
    document.title = session ? `Questions · ${session.title}` : 'Speaker · Backchannel';
  }, [session]);

  if (!credentials.key) return <MissingKey what="speaker" />;
  if (channel.connection === 'failed' && !channel.ready)
    return <MissingKey what="speaker" failure={channel.failure} />;
  if (!channel.ready)
    return (
      <p className="page-message" role="status">
        Connecting…
      </p>
    );
  if (!session)
    return <p className="page-message">No session yet. Ask the moderator to create yours.</p>;

  async function moderate(question: Question, action: QuestionAction) {
    setError(null);
    setBusyIds((ids) => new Set(ids).add(question.id));
    try {
      const after = await send(channel.socket!, 'question:moderate', {
        questionId: question.id,
        action,
      });
      add(after);
      if (action === 'answer') setUndoable(after);
      else if (action === 'restore') setUndoable((u) => (u?.id === question.id ? null : u));
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusyIds((ids) => {
        const next = new Set(ids);
        next.delete(question.id);
        return next;
      });
    }
  }

  const open = questions.filter((q) => q.status === 'approved').sort(compareByVotes);
  const answered = questions.filter((q) => q.status === 'answered').sort(compareByRecent);
  const pendingCount = questions.filter((q) => q.status === 'pending').length;
  // An event-wide key may follow any session; a session key is bound to its own.
  const canChoose = channel.speakerSessionId === null && channel.sessions.length > 1;

  async function answer(question: Question, text: string) {
    const written = await postAnswer(question.id, credentials.key!, { text, markAnswered: true });
    upsertAnswer(written);
  }

  async function accept(answerToAccept: Answer) {
    setError(null);
    try {
      upsertAnswer(await acceptAnswer(answerToAccept.id, credentials.key!));
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  const item = (q: Question) => (
    <SpeakerQuestion
      key={q.id}
      question={q}
      busy={busyIds.has(q.id)}
      answers={answersOf(q.id)}
      onAction={(action) => void moderate(q, action)}
      onAnswer={(text) => answer(q, text)}
      onAccept={(a) => void accept(a)}
    />
  );

  return (
    <div className="speaker branded" style={brand.style}>
      <header className="speaker-header">
        <EventLogo url={brand.logo} className="app-logo" testId="event-logo" />
        <div className="speaker-title">
          <h1>{session.title}</h1>
          <p className="muted">
            {[session.speaker, session.room, channel.event?.name].filter(Boolean).join(' · ')}
          </p>
        </div>
        <div className="speaker-side">
          <span className="speaker-clock">
            <span className="visually-hidden">Time now: </span>
            {new Date(now).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}
          </span>
          <ConnectionStatus state={channel.connection} />
        </div>
      </header>

      <div className="speaker-bar">
        {/* Read from a step back at a lectern: the numbers are the largest type on the bar. */}
        <span className="speaker-count" data-testid="open-count" aria-live="polite">
          <strong>{open.length}</strong> {open.length === 1 ? 'open question' : 'open questions'}
        </span>
        <span
          className="speaker-count waiting"
          data-testid="pending-count"
          data-zero={pendingCount === 0 || undefined}
          aria-live="polite"
        >
          <strong>{pendingCount}</strong> awaiting moderation
        </span>
        {!session.questionsOpen && <span className="tag">Questions closed</span>}
        {canChoose && (
          <label className="field inline">
            <span>Session</span>
            <select
              data-testid="session-select"
              value={session.id}
              onChange={(e) => setChosenId(Number(e.target.value))}
            >
              {channel.sessions.map((s) => (
                <option key={s.id} value={s.id}>
                  {sessionLabel(s)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>

      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}

      <main>
        {!loaded ? (
          <p className="empty" role="status">
            Loading questions…
          </p>
        ) : open.length === 0 ? (
          <p className="speaker-empty">
            No open questions yet. They appear here live, most votes first.
          </p>
        ) : (
          <>
            <ol className="speaker-list" aria-label="Open questions, most votes first">
              {open.map(item)}
            </ol>
            <LoadMore
              hasMore={hasMore}
              shown={questions.length}
              total={total}
              loadMore={loadMore}
            />
          </>
        )}
        {answered.length > 0 && (
          <details className="speaker-answered">
            <summary>Answered ({answered.length})</summary>
            <ol className="speaker-list">{answered.map(item)}</ol>
          </details>
        )}
      </main>

      <div className="speaker-toast-slot" role="status" aria-live="polite">
        {undoable && (
          <div className="speaker-toast" data-testid="undo-toast">
            <span className="speaker-toast-text">
              Marked answered: <q>{undoable.text}</q>
            </span>
            <button
              type="button"
              data-testid="undo-answer"
              disabled={busyIds.has(undoable.id)}
              onClick={() => void moderate(undoable, 'restore')}
            >
              Undo
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
