import { useState, type FormEvent } from 'react';
import { useConsole } from '../common/console-context.tsx';

/**
 * "You are …": one moderator key is shared by the whole team, so this name is how the
 * moderation log says who did what. Kept in this browser; a change reconnects the socket so
 * the server hears the new name.
 */
export function ModeratorNameField() {
  const { name: stored, rename } = useConsole();
  const saved = stored ?? '';
  const [draft, setDraft] = useState(saved);
  const [editing, setEditing] = useState(saved === '');

  function save(event: FormEvent) {
    event.preventDefault();
    const name = draft.trim().slice(0, 60);
    setEditing(name === '');
    if (name === saved) return;
    rename(name || null);
    setDraft(name);
  }

  if (!editing) {
    return (
      <button
        type="button"
        className="moderator-name"
        data-testid="moderator-name"
        onClick={() => setEditing(true)}
        title="Change the name the moderation log shows for you"
      >
        You: <strong>{saved}</strong>
      </button>
    );
  }
  return (
    <form className="moderator-name-form" onSubmit={save}>
      <label>
        <span className="visually-hidden">Your name, for the moderation log</span>
        <input
          data-testid="moderator-name-input"
          value={draft}
          maxLength={60}
          placeholder="Your name, for the log"
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && (setDraft(saved), setEditing(saved === ''))}
          onBlur={(e) => e.currentTarget.form?.requestSubmit()}
        />
      </label>
    </form>
  );
}
