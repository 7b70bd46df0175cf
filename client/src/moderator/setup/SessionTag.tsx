import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../../../shared/limits.ts';
import { describeError } from '../../lib/errors.ts';
import { normalizeTag, tagProblem } from '../../lib/hashtags.ts';
import type { Session } from '../../lib/types.ts';
import '../../styles/sessions.css';

interface Props {
  session: Session;
  onSave: (tag: string | null) => Promise<void>;
}

/** A session's hashtag, shown as #tag, changed in place. Empty removes it. */
export function SessionTag({ session, onSave }: Props) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const problem = tagProblem(value);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      await onSave(normalizeTag(value));
      setEditing(false);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }

  if (!editing) {
    return (
      <p className="session-tag-line">
        {session.tag ? (
          <span className="tag" data-testid="mod-session-tag">
            #{session.tag}
          </span>
        ) : (
          <span className="muted">No session hashtag</span>
        )}
        <button
          type="button"
          className="session-tag-change"
          data-testid="session-tag-edit"
          onClick={() => {
            setValue(session.tag ?? '');
            setError(null);
            setEditing(true);
          }}
        >
          {session.tag ? 'Change' : 'Add hashtag'}
        </button>
      </p>
    );
  }

  return (
    <form className="session-tag-form" onSubmit={save} aria-label={`Hashtag of ${session.title}`}>
      <label className="field inline">
        <span>#</span>
        <input
          data-testid="session-tag-input"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
          maxLength={LIMITS.hashtag.max + 1}
          placeholder="e.g. keynote"
          aria-invalid={Boolean(problem) || undefined}
          autoFocus
        />
      </label>
      <button
        type="submit"
        className="primary"
        data-testid="session-tag-save"
        disabled={busy || Boolean(problem)}
      >
        Save
      </button>
      <button type="button" onClick={() => setEditing(false)}>
        Cancel
      </button>
      {(problem ?? error) && (
        <p className="field-error" role="alert" data-testid="session-tag-error">
          {problem ?? error}
        </p>
      )}
    </form>
  );
}
