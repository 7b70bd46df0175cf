import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { LIMITS } from '../../../shared/limits.ts';
import { CharCounter } from '../lib/CharCounter.tsx';
import { describeError } from '../lib/errors.ts';
import { newClientId } from '../lib/ids.ts';
import type { OutboxItem, SubmitResult } from './outbox.ts';

interface Props {
  /** False until the attendee's socket exists. */
  enabled: boolean;
  premoderated: boolean;
  onSubmit: (item: OutboxItem) => Promise<SubmitResult>;
  /** The attendee's room: a post with the question tag becomes a question of its live talk. */
  room?: string | null;
}

export function PostForm({ enabled, premoderated, onSubmit, room = null }: Props) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // One id per submission, kept when a refused post comes back into the box, so a reply lost on
  // a flaky connection never makes a second post.
  const clientId = useRef<string | null>(null);

  const length = text.trim().length;
  const tooLong = length > LIMITS.postText.max;
  const canSend = enabled && !busy && length >= LIMITS.postText.min && !tooLong;

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!canSend) return;
    clientId.current ??= newClientId();
    const item: OutboxItem = { kind: 'post', clientId: clientId.current, text, room };
    setBusy(true);
    setError(null);
    setNotice(null);
    const result = await onSubmit(item);
    setBusy(false);
    if (result.kind === 'refused') {
      setError(describeError(result.error));
      return;
    }
    setText('');
    clientId.current = null;
    if (result.kind === 'queued') {
      // It waits on the wall below, marked "waiting to send", and goes on reconnect.
      setNotice('Not sent yet: your post goes as soon as the connection is back.');
    } else if (result.delivered.kind === 'post') {
      setNotice(
        result.delivered.post.status === 'approved'
          ? 'Posted to the wall.'
          : 'Thanks! A moderator will review your post before it goes on the wall.',
      );
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) void submit();
  }

  return (
    <form
      className="compose"
      data-testid="post-form"
      onSubmit={submit}
      aria-label="Post to the wall"
    >
      <label htmlFor="post-text" className="visually-hidden">
        Your post
      </label>
      <textarea
        id="post-text"
        data-testid="post-text"
        value={text}
        rows={3}
        placeholder="Say something about this talk…"
        onChange={(e) => {
          setText(e.target.value);
          clientId.current = null;
          setNotice(null);
        }}
        onKeyDown={onKeyDown}
        aria-invalid={tooLong || undefined}
        aria-describedby="post-counter post-hint"
      />
      <div className="compose-row">
        <CharCounter id="post-counter" length={length} max={LIMITS.postText.max} />
        <button type="submit" className="primary" data-testid="post-submit" disabled={!canSend}>
          {busy ? 'Posting…' : 'Post'}
        </button>
      </div>
      <p id="post-hint" className="hint">
        {premoderated
          ? 'Posts appear on the wall after a moderator approves them.'
          : 'Posts appear on the wall at once.'}
      </p>
      {error && (
        <p className="field-error" role="alert" data-testid="post-error">
          {error}
        </p>
      )}
      {notice && (
        <p className="notice" role="status" data-testid="post-notice">
          {notice}
        </p>
      )}
    </form>
  );
}
