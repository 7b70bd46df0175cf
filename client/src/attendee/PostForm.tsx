import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { LIMITS } from '../../../shared/limits.ts';
import { CharCounter } from '../lib/CharCounter.tsx';
import { describeError } from '../lib/errors.ts';
import { newClientId } from '../lib/ids.ts';
import { send, type BcSocket } from '../lib/socket.ts';
import type { Post } from '../lib/types.ts';

interface Props {
  socket: BcSocket | null;
  premoderated: boolean;
  onPosted: (post: Post) => void;
  /** The attendee's room: a post with the question tag becomes a question of its live talk. */
  room?: string | null;
}

export function PostForm({ socket, premoderated, onPosted, room = null }: Props) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // One id per submission, kept across retries of the same text, so a reply lost on a flaky
  // connection never makes a second post.
  const clientId = useRef<string | null>(null);

  const length = text.trim().length;
  const tooLong = length > LIMITS.postText.max;
  const canSend = Boolean(socket) && !busy && length >= LIMITS.postText.min && !tooLong;

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!socket || !canSend) return;
    clientId.current ??= newClientId();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const post = await send(socket, 'post:create', { text, clientId: clientId.current, ...(room ? { room } : {}) });
      onPosted(post);
      setText('');
      clientId.current = null;
      setNotice(post.status === 'approved' ? 'Posted to the wall.' : 'Thanks! A moderator will review your post before it goes on the wall.');
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) void submit();
  }

  return (
    <form className="compose" data-testid="post-form" onSubmit={submit} aria-label="Post to the wall">
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
        {premoderated ? 'Posts appear on the wall after a moderator approves them.' : 'Posts appear on the wall at once.'}
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
