import { useEffect, useState, type FormEvent } from 'react';
import { LIMITS } from '../../../../shared/limits.ts';
import { describeError } from '../../lib/errors.ts';
import { getBlockedWords, putBlockedWords } from '../../lib/moderation-api.ts';
import { useMutation } from '../../lib/useMutation.ts';
import { useConsole } from '../common/console-context.tsx';

const MAX_WORDS = LIMITS.blockedWords;
const MAX_WORD = LIMITS.blockedWord.max;

function parse(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,]+/)
        .map((w) => w.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/** The event's own blocked words, on top of the built-in profanity list; new posts only. */
export function WordsForm() {
  const { eventId, token } = useConsole();
  const [saved, setSaved] = useState<string[] | null>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const { busy, error, run, setError } = useMutation();
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    getBlockedWords(eventId, token)
      .then(({ words }) => setSaved(words))
      .catch((failure) => setError(describeError(failure)));
  }, [eventId, token, setError]);

  const text = draft ?? (saved ?? []).join('\n');
  const words = parse(text);
  const tooLong = words.find((w) => w.length > MAX_WORD);
  const problem = tooLong
    ? `"${tooLong.slice(0, 20)}…" is longer than ${MAX_WORD} characters`
    : words.length > MAX_WORDS
      ? `At most ${MAX_WORDS} words`
      : null;

  async function save(e: FormEvent) {
    e.preventDefault();
    if (problem) return;
    const result = await run(() => putBlockedWords(eventId, token, words));
    if (!result) return;
    const stored = result.words;
    setSaved(stored);
    setDraft(null);
    setNotice(
      `Saved ${stored.length} word${stored.length === 1 ? '' : 's'}. New posts that use one are held for review.`,
    );
  }

  return (
    <form
      className="stack words-form"
      onSubmit={save}
      aria-labelledby="words-title"
      data-testid="words-form"
    >
      <h3 id="words-title" className="section-title">
        Blocked words
      </h3>
      <label className="field">
        <span>One word or phrase per line (or comma-separated)</span>
        <textarea
          rows={4}
          value={text}
          disabled={saved === null}
          onChange={(e) => {
            setDraft(e.target.value);
            setNotice(null);
          }}
          data-testid="words-input"
          aria-invalid={Boolean(problem) || undefined}
        />
      </label>
      <div className="compose-row">
        <span className={problem ? 'field-error' : 'hint'}>
          {problem ??
            `${words.length} word${words.length === 1 ? '' : 's'} · checked with the built-in profanity list`}
        </span>
        <button
          type="submit"
          className="primary"
          disabled={busy || draft === null || Boolean(problem)}
          data-testid="words-save"
        >
          {busy ? 'Saving…' : 'Save words'}
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="notice" role="status" data-testid="words-saved">
          {notice}
        </p>
      )}
    </form>
  );
}
