import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { LIMITS } from '../../../shared/limits.ts';
import { CharCounter } from './CharCounter.tsx';
import { describeError } from './errors.ts';
import '../styles/editor.css';

interface Props {
  initial: string;
  /** `question-edit` (attendee) or `mod-question-edit`: the textarea, with `-save` and `-cancel` beside it. */
  testId: string;
  onSave: (text: string) => Promise<void>;
  onCancel: () => void;
}

/**
 * Inline editing of a question's text, with the limits of the ask form. The textarea takes the
 * testid of the Edit button it replaces, so "click edit, then fill edit" reads naturally in tests.
 * Ctrl/⌘+Enter saves, Escape cancels.
 */
export function QuestionTextEditor({ initial, testId, onSave, onCancel }: Props) {
  const id = useId();
  const [text, setText] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const length = text.trim().length;
  const tooLong = length > LIMITS.questionText.max;
  const canSave =
    !busy && length >= LIMITS.questionText.min && !tooLong && text.trim() !== initial.trim();

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (!canSave) return;
    setBusy(true);
    setError(null);
    try {
      await onSave(text);
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
      void save();
    }
  }

  return (
    <form className="question-editor" onSubmit={save} aria-label="Edit the question">
      <label htmlFor={`${id}-text`} className="visually-hidden">
        Question text
      </label>
      <textarea
        id={`${id}-text`}
        data-testid={testId}
        value={text}
        rows={3}
        autoFocus
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        aria-invalid={tooLong || length < LIMITS.questionText.min || undefined}
        aria-describedby={`${id}-counter`}
      />
      <div className="compose-row">
        <CharCounter id={`${id}-counter`} length={length} max={LIMITS.questionText.max} />
        <button type="button" data-testid={`${testId}-cancel`} onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button
          type="submit"
          className="primary"
          data-testid={`${testId}-save`}
          disabled={!canSave}
        >
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
    </form>
  );
}
