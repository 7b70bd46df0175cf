import { useCallback, useRef, useState } from 'react';
import { OwnChanges, UndoStack, type Message } from './decisions.ts';
import { useInflight } from './useInflight.ts';

/**
 * The bookkeeping every list of decisions needs, for posts and questions alike: what is in
 * flight, the message line, the undo stack, and which changes are this console's own.
 * `same` compares two states of an item (a post's status and pin, a question's status and
 * spotlight).
 */
export function useDecisions<S, E>(same: (a: S, b: S) => boolean) {
  const inflight = useInflight();
  const [message, setMessage] = useState<Message | null>(null);
  const seq = useRef(0);
  const [undoStack] = useState(() => new UndoStack<E>());
  const [own] = useState(() => new OwnChanges(same));

  /** A number that orders messages and marks, so the same text said twice still shows anew. */
  const nextSeq = useCallback(() => ++seq.current, []);
  const say = useCallback(
    (kind: Message['kind'], text: string) => setMessage({ kind, text, seq: nextSeq() }),
    [nextSeq],
  );

  return {
    ...inflight,
    message,
    say,
    nextSeq,
    undoStack,
    /** Our request made (or will make) item `id` this. */
    expect: (id: number, state: S) => own.expect(id, state),
    /** Whether an item's new state is this console's doing: still in flight, or what our answer said. */
    isOurs: (id: number, state: S) => own.isOurs(id, state, inflight.isInflight(id)),
    /** Waits for every request still running (u right after a key undoes that key's action). */
    settled: () => Promise.allSettled([...inflight.running]),
  };
}
