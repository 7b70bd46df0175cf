import { AppError, describeError, isTransportError, toAppError } from '../lib/errors.ts';
import type { Post, Question } from '../lib/types.ts';

/**
 * What an attendee sends: a post to the wall or a question to a session. Each carries a clientId
 * made once and sent with every attempt, so the server never stores it twice (it de-duplicates
 * posts and questions per attendee by that id).
 */
export type OutboxItem =
  | { kind: 'post'; clientId: string; text: string; room: string | null }
  | { kind: 'question'; clientId: string; text: string; sessionId: number; anonymous: boolean };

export type OutboxState =
  /** Not answered yet: goes (again) as soon as the connection is there, in order. */
  | 'waiting'
  | 'sending'
  /** The server said no; shown with its reason, sent again only if the attendee asks. */
  | 'refused';

export type OutboxEntry = OutboxItem & { state: OutboxState; error: string | null };

export type Delivered = { kind: 'post'; post: Post } | { kind: 'question'; question: Question };

export type SubmitResult =
  | { kind: 'sent'; delivered: Delivered }
  /** Refused on its first attempt: nothing was stored, the text is the form's again. */
  | { kind: 'refused'; error: AppError }
  /** No answer: it waits in the outbox, marked "waiting to send", and goes on reconnect. */
  | { kind: 'queued'; error: AppError | null };

export interface OutboxStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/**
 * Sends one item and hands what the server stored to the page; rejects with an AppError
 * (transport ids mean "maybe never arrived").
 */
export type Deliver = (item: OutboxItem) => Promise<Delivered>;

/** Enough for a long outage in a busy talk; beyond it, the form says to wait. */
export const OUTBOX_MAX = 20;

const isItem = (value: unknown): value is OutboxEntry => {
  const v = value as Partial<OutboxEntry> | null;
  return (
    typeof v?.clientId === 'string' &&
    typeof v.text === 'string' &&
    (v.kind === 'post' || (v.kind === 'question' && typeof v.sessionId === 'number'))
  );
};

/** Entries saved by this or by an older client (which kept questions only, without a kind). */
function load(store: OutboxStore, key: string): OutboxEntry[] {
  try {
    const stored: unknown = JSON.parse(store.get(key) ?? '[]');
    if (!Array.isArray(stored)) return [];
    return stored
      .map((raw: Record<string, unknown>) => ({ kind: 'question', ...raw }))
      .filter(isItem)
      .slice(-OUTBOX_MAX)
      .map((entry) => ({
        ...entry,
        state: entry.state === 'refused' ? 'refused' : 'waiting',
        error: entry.state === 'refused' ? (entry.error ?? null) : null,
      }));
  } catch {
    return [];
  }
}

/**
 * Posts and questions on their way to the server, one queue for both, in the order they were
 * made. A send is tried only while connected; one that gets no answer waits (kept in storage, so
 * a reload keeps it) and goes again, in order, on the next connect. A refusal is final: shown
 * with the server's reason and never sent again by itself. A rate limit is the server asking to
 * wait, so the queue waits as long as it says and carries on.
 */
export class Outbox {
  private list: OutboxEntry[];
  private deliver: Deliver | null = null;
  private draining = false;
  private again = false;
  private pausedUntil = 0;
  private resumeTimer: ReturnType<typeof setTimeout> | undefined;
  /** Submissions whose caller is still waiting for the first attempt's outcome. */
  private readonly callers = new Map<string, (result: SubmitResult) => void>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly store: OutboxStore,
    private readonly key: string,
  ) {
    this.list = load(store, key);
  }

  get entries(): readonly OutboxEntry[] {
    return this.list;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The way out while connected; null while not. Connecting starts a send of what waits. */
  connect(deliver: Deliver | null): void {
    this.deliver = deliver;
    if (deliver) void this.drain();
    else this.settleCallers({ kind: 'queued', error: null });
  }

  submit(item: OutboxItem): Promise<SubmitResult> {
    if (this.list.length >= OUTBOX_MAX) {
      return Promise.resolve({
        kind: 'refused',
        error: new AppError(
          'outbox_full',
          `${OUTBOX_MAX} items are already waiting to send: wait for the connection to come back.`,
        ),
      });
    }
    this.update([
      ...this.list.filter((e) => e.clientId !== item.clientId),
      { ...item, state: 'waiting', error: null },
    ]);
    const result = new Promise<SubmitResult>((resolve) => this.callers.set(item.clientId, resolve));
    if (this.deliver) void this.drain();
    else this.settleCallers({ kind: 'queued', error: null });
    return result;
  }

  /** Sends a waiting or refused item again, now. */
  retry(clientId: string): void {
    this.update(
      this.list.map((e) =>
        e.clientId === clientId && e.state === 'refused'
          ? { ...e, state: 'waiting', error: null }
          : e,
      ),
    );
    this.pausedUntil = 0;
    void this.drain();
  }

  discard(clientId: string): void {
    this.update(this.list.filter((e) => e.clientId !== clientId));
  }

  dispose(): void {
    clearTimeout(this.resumeTimer);
    this.listeners.clear();
  }

  private async drain(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = true;
    try {
      do {
        this.again = false;
        for (;;) {
          const next = this.list.find((e) => e.state === 'waiting');
          if (!next || !this.deliver || Date.now() < this.pausedUntil) break;
          if (!(await this.attempt(next, this.deliver))) break;
        }
      } while (this.again && this.deliver && Date.now() >= this.pausedUntil);
    } finally {
      this.draining = false;
    }
    // Whatever is still waiting was not answered: its caller hears "queued" now.
    this.settleCallers({ kind: 'queued', error: null });
  }

  /** One attempt; false when the queue must stop (no connection, or asked to wait). */
  private async attempt(entry: OutboxEntry, deliver: Deliver): Promise<boolean> {
    this.patch(entry.clientId, { state: 'sending', error: null });
    const { state: _state, error: _error, ...item } = entry;
    try {
      const delivered = await deliver(item);
      this.update(this.list.filter((e) => e.clientId !== entry.clientId));
      this.settle(entry.clientId, { kind: 'sent', delivered });
      return true;
    } catch (failure) {
      const error = toAppError(failure);
      if (isTransportError(error)) {
        this.patch(entry.clientId, { state: 'waiting', error: null });
        this.settle(entry.clientId, { kind: 'queued', error });
        return false;
      }
      if (error.id === 'rate_limit_exceeded' && !this.callers.has(entry.clientId)) {
        this.patch(entry.clientId, { state: 'waiting', error: null });
        this.pauseFor(error.retryAfterMs ?? 30_000);
        return false;
      }
      // A fresh submission goes back to its form with the reason; a queued one stays, refused.
      if (this.callers.has(entry.clientId)) {
        this.update(this.list.filter((e) => e.clientId !== entry.clientId));
        this.settle(entry.clientId, { kind: 'refused', error });
      } else {
        this.patch(entry.clientId, { state: 'refused', error: describeError(error) });
      }
      return true;
    }
  }

  private pauseFor(ms: number): void {
    this.pausedUntil = Date.now() + ms;
    clearTimeout(this.resumeTimer);
    this.resumeTimer = setTimeout(() => void this.drain(), ms);
  }

  private settle(clientId: string, result: SubmitResult): void {
    const caller = this.callers.get(clientId);
    this.callers.delete(clientId);
    caller?.(result);
  }

  private settleCallers(result: SubmitResult): void {
    for (const clientId of [...this.callers.keys()]) this.settle(clientId, result);
  }

  private patch(clientId: string, change: Pick<OutboxEntry, 'state' | 'error'>): void {
    this.update(this.list.map((e) => (e.clientId === clientId ? { ...e, ...change } : e)));
  }

  private update(next: OutboxEntry[]): void {
    this.list = next;
    if (next.length > 0) this.store.set(this.key, JSON.stringify(next));
    else this.store.remove(this.key);
    for (const listener of this.listeners) listener();
  }
}
