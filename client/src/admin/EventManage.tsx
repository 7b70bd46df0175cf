import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/limits.ts';
import { updateEvent } from '../lib/api.ts';
import { ConfirmButton } from '../lib/ConfirmButton.tsx';
import { describeError } from '../lib/errors.ts';
import type { EventAccess } from '../lib/types.ts';
import { clearActivity, deleteEvent } from './admin-api.ts';

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/**
 * Rename, clear after a rehearsal, delete: the organiser's changes to one event. Renaming uses
 * the event's moderator key (it is a moderator's change everywhere else); the other two are the
 * admin's alone. Destructive ones are asked twice.
 */
export function EventManage({
  access,
  token,
  onChanged,
}: {
  access: EventAccess;
  token: string;
  onChanged: () => void;
}) {
  const { event } = access;
  const [name, setName] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  async function rename(e: FormEvent) {
    e.preventDefault();
    if (name === null || !name.trim()) return;
    try {
      await updateEvent(event.id, access.moderatorKey, { name: name.trim() });
      setName(null);
      setMessage({ text: 'Renamed.', error: false });
      onChanged();
    } catch (failure) {
      setMessage({ text: describeError(failure), error: true });
    }
  }

  async function clear() {
    try {
      const cleared = await clearActivity(token, event.id);
      setMessage({
        text: `Cleared ${count(cleared.posts, 'post')}, ${count(cleared.questions, 'question')} and ${count(cleared.attendees, 'attendee')}. Sessions, links and keys are unchanged.`,
        error: false,
      });
      onChanged();
    } catch (failure) {
      setMessage({ text: describeError(failure), error: true });
    }
  }

  async function remove() {
    try {
      await deleteEvent(token, event.id);
      onChanged();
    } catch (failure) {
      setMessage({ text: describeError(failure), error: true });
    }
  }

  return (
    <div className="admin-manage" data-testid="admin-manage">
      {name === null ? (
        <button type="button" data-testid="admin-rename" onClick={() => setName(event.name)}>
          Rename
        </button>
      ) : (
        <form className="admin-rename" onSubmit={rename}>
          <label className="field">
            <span>New name</span>
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={LIMITS.eventName.max}
              required
              data-testid="admin-rename-input"
            />
          </label>
          <button type="submit" className="primary" data-testid="admin-rename-save">
            Save
          </button>
          <button type="button" onClick={() => setName(null)}>
            Cancel
          </button>
        </form>
      )}
      <ConfirmButton
        label="Clear rehearsal data"
        confirm="Delete every post, question and attendee"
        testId="admin-clear"
        onConfirm={clear}
      />
      <ConfirmButton
        label="Delete event"
        confirm={`Delete ${event.name} for good`}
        testId="admin-delete"
        onConfirm={remove}
      />
      {message && (
        <p className={message.error ? 'field-error' : 'hint'} role="status">
          {message.text}
        </p>
      )}
    </div>
  );
}
