import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/limits.ts';
import { createSession, updateSession } from '../lib/api.ts';
import type { EventChannel } from '../lib/channel.ts';
import { CopyField } from '../lib/CopyField.tsx';
import { describeError } from '../lib/errors.ts';
import { normalizeTag, tagProblem } from '../lib/hashtags.ts';
import type { Session } from '../lib/types.ts';
import { SessionTag } from './SessionTag.tsx';
import type { SpeakerLinks } from './useSpeakerLinks.ts';

interface Props {
  channel: EventChannel;
  token: string;
  speakerLinks: SpeakerLinks;
}

export function SessionsPanel({ channel, token, speakerLinks }: Props) {
  const [title, setTitle] = useState('');
  const [speaker, setSpeaker] = useState('');
  const [room, setRoom] = useState('');
  const [tag, setTag] = useState('');
  const [live, setLive] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    if (!channel.event || !title.trim() || tagProblem(tag)) return;
    const sessionTag = normalizeTag(tag);
    setBusy(true);
    setError(null);
    try {
      const created = await createSession(channel.event.id, token, {
        title: title.trim(),
        ...(speaker.trim() ? { speaker: speaker.trim() } : {}),
        ...(room.trim() ? { room: room.trim() } : {}),
        ...(sessionTag ? { tag: sessionTag } : {}),
        ...(live ? { live: true } : {}),
      });
      channel.dispatch({ type: 'session', session: created.session });
      speakerLinks.remember(created.session.id, created.link);
      setTitle('');
      setSpeaker('');
      setTag('');
      setLive(false);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }

  async function patch(session: Session, body: Parameters<typeof updateSession>[2]) {
    setError(null);
    try {
      channel.dispatch({ type: 'session', session: await updateSession(session.id, token, body) });
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  async function saveTag(session: Session, next: string | null) {
    // Errors (session_tag_taken) are shown by the tag's own form, next to what was typed.
    channel.dispatch({ type: 'session', session: await updateSession(session.id, token, { tag: next }) });
  }

  const tagError = tagProblem(tag);

  return (
    <div className="sessions-panel">
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
      {channel.sessions.length === 0 ? (
        <p className="empty">No sessions yet.</p>
      ) : (
        <ul className="session-list" aria-label="Sessions">
          {channel.sessions.map((s) => {
            const link = speakerLinks.links.get(s.id);
            const linkError = speakerLinks.errors.get(s.id);
            return (
              <li key={s.id} className="session-row" data-testid="mod-session" data-session-id={s.id} data-live={s.live || undefined}>
                <div>
                  <strong>{s.title}</strong>
                  {s.live && <span className="tag live">Live</span>}
                  {!s.questionsOpen && <span className="tag">Questions closed</span>}
                  <p className="muted">{[s.speaker, s.room].filter(Boolean).join(' · ') || 'No speaker or room set'}</p>
                  <SessionTag session={s} onSave={(next) => saveTag(s, next)} />
                  {link && <CopyField label="Speaker link" value={link} testId="speaker-link" />}
                  {linkError && <p className="field-error">{linkError}</p>}
                </div>
                <div className="mod-actions">
                  <button type="button" data-testid="set-live" onClick={() => void patch(s, { live: !s.live })}>
                    {s.live ? 'End live' : 'Set live'}
                  </button>
                  <button type="button" data-testid="toggle-questions" onClick={() => void patch(s, { questionsOpen: !s.questionsOpen })}>
                    {s.questionsOpen ? 'Close questions' : 'Open questions'}
                  </button>
                  {!link && (
                    <button type="button" data-testid="show-speaker-link" onClick={() => void speakerLinks.reveal(s.id)}>
                      Speaker link
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}

      <form className="stack" onSubmit={create} data-testid="session-form" aria-labelledby="new-session-title">
        <h3 id="new-session-title" className="section-title">
          New session
        </h3>
        <label className="field">
          <span>Title</span>
          <input data-testid="session-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={LIMITS.sessionTitle.max} required />
        </label>
        <div className="field-row">
          <label className="field">
            <span>Speaker</span>
            <input data-testid="session-speaker" value={speaker} onChange={(e) => setSpeaker(e.target.value)} maxLength={LIMITS.speakerName.max} />
          </label>
          <label className="field">
            <span>Room</span>
            <input data-testid="session-room" value={room} onChange={(e) => setRoom(e.target.value)} maxLength={LIMITS.room.max} />
          </label>
        </div>
        <label className="field">
          <span>Session hashtag (optional)</span>
          <input
            data-testid="session-tag"
            value={tag}
            onChange={(e) => setTag(e.target.value)}
            maxLength={LIMITS.hashtag.max + 1}
            placeholder="#keynote"
            aria-invalid={Boolean(tagError) || undefined}
            aria-describedby="session-tag-hint"
          />
          <span id="session-tag-hint" className={tagError ? 'field-error' : 'hint'}>
            {tagError ??
              `A post with #${channel.event?.questionTag ?? 'ask'} and this tag is asked in this session. Unique in the event.`}
          </span>
        </label>
        <label className="check">
          <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} data-testid="session-live" />
          Live now (ends the live session in the same room)
        </label>
        <button type="submit" className="primary" disabled={busy || !title.trim() || Boolean(tagError)} data-testid="session-create">
          {busy ? 'Creating…' : 'Create session'}
        </button>
        <p className="hint">Each session has its own speaker link: send it only to that speaker.</p>
      </form>
    </div>
  );
}
