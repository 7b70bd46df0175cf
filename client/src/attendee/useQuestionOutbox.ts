import { useCallback, useEffect, useRef, useState } from 'react';
import { AppError, describeError, isTransportError, toAppError } from '../lib/errors.ts';
import { send, type BcSocket } from '../lib/socket.ts';
import { local } from '../lib/storage.ts';
import type { Question } from '../lib/types.ts';

/** A question the attendee asked that the server has not confirmed yet. */
export interface OutboxEntry {
  /** Made once per question and sent with every attempt, so the server never stores it twice. */
  clientId: string;
  sessionId: number;
  text: string;
  anonymous: boolean;
  state: 'sending' | 'failed';
  /** Why the last attempt failed; null while sending or when it simply has not been sent yet. */
  error: string | null;
}

export type Draft = Pick<OutboxEntry, 'clientId' | 'sessionId' | 'text' | 'anonymous'>;

export type SubmitResult =
  | { kind: 'sent'; question: Question }
  /** The server said no: nothing was stored, the draft is the caller's again. */
  | { kind: 'refused'; error: AppError }
  /** No answer: kept here, shown as not sent, sent again when the connection is back. */
  | { kind: 'queued'; error: AppError };

const storageKey = (code: string) => `bc:outbox:${code}`;

function load(code: string): OutboxEntry[] {
  try {
    const stored = JSON.parse(local.get(storageKey(code)) ?? '[]') as Draft[];
    return Array.isArray(stored) ? stored.map((draft) => ({ ...draft, state: 'failed', error: null })) : [];
  } catch {
    return [];
  }
}

/**
 * Questions on their way to the server. On a bad phone connection a send can time out after the
 * server stored it, or before it arrived; either way the same clientId makes a retry safe. Unsent
 * drafts survive a reload (localStorage) and go again on every reconnect.
 */
export function useQuestionOutbox(socket: BcSocket | null, code: string, onSent: (question: Question) => void) {
  const [entries, setEntries] = useState<OutboxEntry[]>(() => load(code));
  const inFlight = useRef(new Set<string>());
  const onSentRef = useRef(onSent);
  onSentRef.current = onSent;

  useEffect(() => {
    const drafts: Draft[] = entries.map(({ clientId, sessionId, text, anonymous }) => ({ clientId, sessionId, text, anonymous }));
    if (drafts.length > 0) local.set(storageKey(code), JSON.stringify(drafts));
    else local.remove(storageKey(code));
  }, [entries, code]);

  const patch = (clientId: string, change: Partial<OutboxEntry> | null) =>
    setEntries((current) =>
      change === null
        ? current.filter((e) => e.clientId !== clientId)
        : current.map((e) => (e.clientId === clientId ? { ...e, ...change } : e)),
    );

  /** One attempt. `rollback`: a refusal gives the draft back to the caller instead of keeping it here. */
  const attempt = useCallback(
    async (draft: Draft, rollback: boolean): Promise<SubmitResult> => {
      if (!socket) {
        patch(draft.clientId, { state: 'failed', error: null });
        return { kind: 'queued', error: new AppError('network_error', 'Not connected yet.') };
      }
      inFlight.current.add(draft.clientId);
      patch(draft.clientId, { state: 'sending', error: null });
      try {
        const question = await send(socket, 'question:create', {
          sessionId: draft.sessionId,
          text: draft.text,
          clientId: draft.clientId,
          ...(draft.anonymous ? { anonymous: true } : {}),
        });
        patch(draft.clientId, null);
        onSentRef.current(question);
        return { kind: 'sent', question };
      } catch (failure) {
        const error = toAppError(failure);
        if (isTransportError(error)) {
          patch(draft.clientId, { state: 'failed', error: null });
          return { kind: 'queued', error };
        }
        patch(draft.clientId, rollback ? null : { state: 'failed', error: describeError(error) });
        return { kind: 'refused', error };
      } finally {
        inFlight.current.delete(draft.clientId);
      }
    },
    [socket],
  );

  /** Shows the question at once as "Sending…", then sends it. */
  const submit = useCallback(
    (draft: Draft) => {
      setEntries((current) => [...current.filter((e) => e.clientId !== draft.clientId), { ...draft, state: 'sending', error: null }]);
      return attempt(draft, true);
    },
    [attempt],
  );

  const entriesRef = useRef(entries);
  entriesRef.current = entries;

  const retry = useCallback(
    (clientId: string) => {
      const entry = entriesRef.current.find((e) => e.clientId === clientId);
      if (entry && !inFlight.current.has(clientId)) void attempt(entry, false);
    },
    [attempt],
  );

  const discard = useCallback((clientId: string) => patch(clientId, null), []);

  // A reconnect is the moment a draft that timed out can get through: send every waiting one.
  useEffect(() => {
    if (!socket) return undefined;
    const resend = () => {
      // Only drafts that never got an answer; a refused one waits for the attendee to retry it.
      for (const entry of entriesRef.current) {
        if (entry.state === 'failed' && entry.error === null && !inFlight.current.has(entry.clientId)) void attempt(entry, false);
      }
    };
    if (socket.connected) resend();
    socket.on('connect', resend);
    return () => {
      socket.off('connect', resend);
    };
  }, [socket, attempt]);

  return { entries, submit, retry, discard };
}

export type QuestionOutbox = ReturnType<typeof useQuestionOutbox>;
