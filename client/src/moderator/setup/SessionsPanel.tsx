import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../../../shared/limits.ts';
import { createSession, deleteSession, updateSession } from '../../lib/api.ts';
import { ConfirmButton } from '../../lib/ConfirmButton.tsx';
import { useConsole } from '../common/console-context.tsx';
import { CopyField } from '../../lib/CopyField.tsx';
import { normalizeTag, tagProblem } from '../../lib/hashtags.ts';
import type { Session } from '../../lib/types.ts';
import { useMutation } from '../../lib/useMutation.ts';
import { SessionEditor, type SessionChanges } from './SessionEditor.tsx';
import { SessionTag } from './SessionTag.tsx';
import { SessionTimesFields, timeRange, timesBody, type TimesDraft } from './SessionTimes.tsx';
import { NO_NAMES, SessionFields } from './SessionFields.tsx';
import type { SpeakerLinks } from './useSpeakerLinks.ts';

export function SessionsPanel({ speakerLinks }: { speakerLinks: SpeakerLinks }) {
  const { channel, token } = useConsole();
  const [names, setNames] = useState(NO_NAMES);
  const { title, speaker, room } = names;
  const [tag, setTag] = useState('');
  const [live, setLive] = useState(false);
  const [times, setTimes] = useState<TimesDraft>({ start: '', end: '' });
  const [editing, setEditing] = useState<number | null>(null);
  const creating = useMutation();
  const changing = useMutation();
  // One error line: whichever request ran last says how it went.
  const error = creating.error ?? changing.error;
  const change = <T,>(work: () => Promise<T>) => {
    creating.setError(null);
    return changing.run(work);
  };

  async function create(event: FormEvent) {
    event.preventDefault();
    if (!channel.event || !title.trim() || tagProblem(tag)) return;
    const when = timesBody(times, zone);
    if ('problem' in when) return;
    const sessionTag = normalizeTag(tag);
    const eventId = channel.event.id;
    changing.setError(null);
    const created = await creating.run(() =>
      createSession(eventId, token, {
        title: title.trim(),
        ...(speaker.trim() ? { speaker: speaker.trim() } : {}),
        ...(room.trim() ? { room: room.trim() } : {}),
        ...(sessionTag ? { tag: sessionTag } : {}),
        ...(live ? { live: true } : {}),
        ...(when.startsAt ? { startsAt: when.startsAt, endsAt: when.endsAt } : {}),
      }),
    );
    if (!created) return;
    channel.dispatch({ type: 'session', session: created.session });
    speakerLinks.remember(created.session.id, created.link);
    // The room stays: the next session is most often in the same one.
    setNames({ ...NO_NAMES, room });
    setTag('');
    setLive(false);
    setTimes({ start: '', end: '' });
  }

  async function patch(session: Session, body: Parameters<typeof updateSession>[2]) {
    const updated = await change(() => updateSession(session.id, token, body));
    if (updated) channel.dispatch({ type: 'session', session: updated });
  }

  async function saveTag(session: Session, next: string | null) {
    // Errors (session_tag_taken) are shown by the tag's own form, next to what was typed.
    channel.dispatch({
      type: 'session',
      session: await updateSession(session.id, token, { tag: next }),
    });
  }

  async function saveEdit(session: Session, changes: SessionChanges) {
    const updated = await change(() => updateSession(session.id, token, changes));
    if (!updated) return;
    channel.dispatch({ type: 'session', session: updated });
    setEditing(null);
  }

  async function remove(session: Session) {
    if ((await change(() => deleteSession(session.id, token).then(() => true))) !== true) return;
    channel.dispatch({ type: 'session-removed', id: session.id });
  }

  const zone = channel.event?.timeZone ?? 'UTC';
  const when = timesBody(times, zone);
  const timesProblem = 'problem' in when ? when.problem : null;
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
              <li
                key={s.id}
                className="session-row"
                data-testid="mod-session"
                data-session-id={s.id}
                data-live={s.live || undefined}
              >
                {editing === s.id ? (
                  <SessionEditor
                    session={s}
                    zone={zone}
                    onSave={(changes) => saveEdit(s, changes)}
                    onCancel={() => setEditing(null)}
                  />
                ) : (
                  <div>
                    <strong>{s.title}</strong>
                    {s.live && <span className="tag live">Live</span>}
                    {!s.questionsOpen && <span className="tag">Questions closed</span>}
                    <p className="muted" data-testid="session-meta">
                      {[timeRange(s, zone), s.speaker, s.room].filter(Boolean).join(' · ') ||
                        'No speaker or room set'}
                    </p>
                    <SessionTag session={s} onSave={(next) => saveTag(s, next)} />
                    {link && <CopyField label="Speaker link" value={link} testId="speaker-link" />}
                    {linkError && <p className="field-error">{linkError}</p>}
                  </div>
                )}
                <div className="mod-actions">
                  <button
                    type="button"
                    data-testid="set-live"
                    onClick={() => void patch(s, { live: !s.live })}
                  >
                    {s.live ? 'End live' : 'Set live'}
                  </button>
                  <button
                    type="button"
                    data-testid="toggle-questions"
                    onClick={() => void patch(s, { questionsOpen: !s.questionsOpen })}
                  >
                    {s.questionsOpen ? 'Close questions' : 'Open questions'}
                  </button>
                  {!link && (
                    <button
                      type="button"
                      data-testid="show-speaker-link"
                      onClick={() => void speakerLinks.reveal(s.id)}
                    >
                      Speaker link
                    </button>
                  )}
                  {editing !== s.id && (
                    <button
                      type="button"
                      data-testid="edit-session"
                      onClick={() => setEditing(s.id)}
                    >
                      Edit
                    </button>
                  )}
                  <ConfirmButton
                    label="Delete"
                    confirm="Delete session and its questions"
                    testId="delete-session"
                    onConfirm={() => remove(s)}
                  />
                </div>
              </li>
            );
          })}
        </ul>
      )}

      <form
        className="stack"
        onSubmit={create}
        data-testid="session-form"
        aria-labelledby="new-session-title"
      >
        <h3 id="new-session-title" className="section-title">
          New session
        </h3>
        <SessionFields value={names} onChange={setNames} testId="session" />
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
        <SessionTimesFields draft={times} onChange={setTimes} zone={zone} idPrefix="session" />
        <span className={timesProblem ? 'field-error' : 'hint'}>
          {timesProblem ??
            'With a start time, the session goes live in its room by the clock; a session without an end runs until the next one starts. Choosing by hand holds until the next start or end.'}
        </span>
        <label className="check">
          <input
            type="checkbox"
            checked={live}
            onChange={(e) => setLive(e.target.checked)}
            data-testid="session-live"
          />
          Live now (ends the live session in the same room)
        </label>
        <button
          type="submit"
          className="primary"
          disabled={creating.busy || !title.trim() || Boolean(tagError) || Boolean(timesProblem)}
          data-testid="session-create"
        >
          {creating.busy ? 'Creating…' : 'Create session'}
        </button>
        <p className="hint">Each session has its own speaker link: send it only to that speaker.</p>
      </form>
    </div>
  );
}
