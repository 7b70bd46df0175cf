import { useEffect, useState } from 'react';
import { useEventChannel } from '../lib/channel.ts';
import { ConnectionStatus } from '../lib/ConnectionStatus.tsx';
import { describeError } from '../lib/errors.ts';
import { MissingKey } from '../lib/MissingKey.tsx';
import { compareByRecent, compareByVotes } from '../lib/question-rules.ts';
import { sessionLabel } from '../lib/sessions.ts';
import { send } from '../lib/socket.ts';
import { useStaffCredentials } from '../lib/useStaffCredentials.ts';
import { useNow } from '../lib/time.ts';
import type { Question, QuestionAction } from '../lib/types.ts';
import { useSessionQuestions } from '../lib/useSessionQuestions.ts';
import { SpeakerQuestion } from './SpeakerQuestion.tsx';
import '../styles/speaker.css';

const everything = () => true;

export default function SpeakerApp({ code }: { code: string }) {
  const credentials = useStaffCredentials('speaker', code);
  const channel = useEventChannel(code, { token: credentials.key, enabled: Boolean(credentials.key) });
  const [chosenId, setChosenId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busyIds, setBusyIds] = useState<Set<number>>(() => new Set());
  const now = useNow(10_000);

  const fromLink = Number(credentials.session);
  const session =
    channel.sessions.find((s) => s.id === chosenId) ??
    channel.sessions.find((s) => s.id === fromLink) ??
    channel.sessions.find((s) => s.id === channel.speakerSessionId) ??
    channel.sessions.find((s) => s.live) ??
    channel.sessions[0] ??
    null;
  const { questions, loaded, add } = useSessionQuestions(channel.socket, session?.id ?? null, { visible: everything });

  useEffect(() => {
    document.title = session ? `Questions · ${session.title}` : 'Speaker · Backchannel';
  }, [session]);

  if (!credentials.key) return <MissingKey what="speaker" />;
  if (channel.connection === 'failed' && !channel.ready) return <MissingKey what="speaker" failure={channel.failure} />;
  if (!channel.ready) return <p className="page-message" role="status">Connecting…</p>;
  if (!session) return <p className="page-message">No session yet. Ask the moderator to create yours.</p>;

  async function moderate(question: Question, action: QuestionAction) {
    setError(null);
    setBusyIds((ids) => new Set(ids).add(question.id));
    try {
      add(await send(channel.socket!, 'question:moderate', { questionId: question.id, action }));
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

  const item = (q: Question) => (
    <SpeakerQuestion key={q.id} question={q} busy={busyIds.has(q.id)} onAction={(action) => void moderate(q, action)} />
  );

  return (
    <div className="speaker">
      <header className="speaker-header">
        <div>
          <h1>{session.title}</h1>
          <p className="muted">{[session.speaker, session.room, channel.event?.name].filter(Boolean).join(' · ')}</p>
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
        <span className="speaker-count waiting" data-testid="pending-count" data-zero={pendingCount === 0 || undefined} aria-live="polite">
          <strong>{pendingCount}</strong> awaiting moderation
        </span>
        {!session.questionsOpen && <span className="tag">Questions closed</span>}
        {canChoose && (
          <label className="field inline">
            <span>Session</span>
            <select data-testid="session-select" value={session.id} onChange={(e) => setChosenId(Number(e.target.value))}>
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
          <p className="speaker-empty">No open questions yet. They appear here live, most votes first.</p>
        ) : (
          <ol className="speaker-list" aria-label="Open questions, most votes first">
            {open.map(item)}
          </ol>
        )}
        {answered.length > 0 && (
          <details className="speaker-answered">
            <summary>Answered ({answered.length})</summary>
            <ol className="speaker-list">{answered.map(item)}</ol>
          </details>
        )}
      </main>
    </div>
  );
}
