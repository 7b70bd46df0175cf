import { useState, type FormEvent } from 'react';
import type { Session } from '../../lib/types.ts';
import { useMutation } from '../../lib/useMutation.ts';
import { SessionFields } from './SessionFields.tsx';
import { SessionTimesFields, timesBody, timesOf, type TimesDraft } from './SessionTimes.tsx';

export interface SessionChanges {
  title: string;
  speaker: string;
  room: string;
  startsAt: string | null;
  endsAt: string | null;
}

/** Rename a session, move it, or change its times; the times are in the event's zone. */
export function SessionEditor({
  session,
  zone,
  onSave,
  onCancel,
}: {
  session: Session;
  zone: string;
  onSave: (changes: SessionChanges) => Promise<void>;
  onCancel: () => void;
}) {
  const [names, setNames] = useState(() => ({
    title: session.title,
    speaker: session.speaker,
    room: session.room,
  }));
  const { title, speaker, room } = names;
  const [times, setTimes] = useState<TimesDraft>(() => timesOf(session, zone));
  const { busy, run } = useMutation();
  const body = timesBody(times, zone);
  const problem = 'problem' in body ? body.problem : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if ('problem' in body || !title.trim() || !room.trim()) return;
    // onSave shows its own errors.
    await run(() =>
      onSave({ title: title.trim(), speaker: speaker.trim(), room: room.trim(), ...body }),
    );
  }

  const prefix = `edit-session-${session.id}`;
  return (
    <form className="stack session-editor" onSubmit={submit} data-testid="session-editor">
      <SessionFields value={names} onChange={setNames} testId="edit-session" roomRequired />
      <SessionTimesFields draft={times} onChange={setTimes} zone={zone} idPrefix="edit-session" />
      {problem && (
        <p className="field-error" id={`${prefix}-problem`}>
          {problem}
        </p>
      )}
      <div className="compose-row">
        <button
          type="submit"
          className="primary"
          data-testid="edit-session-save"
          disabled={busy || Boolean(problem) || !title.trim() || !room.trim()}
        >
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={onCancel} data-testid="edit-session-cancel">
          Cancel
        </button>
      </div>
    </form>
  );
}
