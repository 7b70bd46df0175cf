import { attendeeName } from '../../../shared/askers.ts';
import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/limits.ts';
import { renameAttendee } from '../lib/api.ts';
import { describeError } from '../lib/errors.ts';
import type { Attendee } from '../lib/types.ts';

interface Props {
  attendee: Attendee;
  token: string;
  onRenamed: (attendee: Attendee) => void;
}

/** The name shown with new posts and named questions; empty means the server's default. */
export function NameEditor({ attendee, token, onRenamed }: Props) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(attendee.displayName ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onRenamed(await renameAttendee(attendee.eventId, token, name.trim() || null));
      setEditing(false);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }

  if (!editing) {
    return (
      <p className="attendee-me">
        <span>
          Posting as <strong data-testid="my-name">{attendeeName(attendee.displayName)}</strong>
        </span>
        <button
          type="button"
          className="link-button"
          data-testid="change-name"
          onClick={() => {
            setName(attendee.displayName ?? '');
            setEditing(true);
          }}
        >
          {attendee.displayName ? 'Change name' : 'Add your name'}
        </button>
      </p>
    );
  }

  return (
    <form className="attendee-me editing" onSubmit={save} data-testid="name-form">
      <label htmlFor="display-name" className="visually-hidden">
        Your name
      </label>
      <input
        id="display-name"
        data-testid="name-input"
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={LIMITS.displayName.max}
        placeholder="Your name (shown with your posts)"
        autoComplete="name"
        autoFocus
      />
      <button type="submit" className="primary" disabled={busy}>
        Save
      </button>
      <button type="button" onClick={() => setEditing(false)}>
        Cancel
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
