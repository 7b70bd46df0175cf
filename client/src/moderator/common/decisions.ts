/**
 * What the posts queue and the questions panel share about deciding items in a list that other
 * consoles change at the same time: the message line, the undo stack, telling our own changes
 * from another console's, and where the focus goes when the list moves under it. Pure: no React,
 * no socket, so it is tested on its own (tests/client/decisions.test.ts).
 */

/** The line under a list that says what just happened. */
export interface Message {
  kind: 'info' | 'refusal' | 'error';
  text: string;
  seq: number;
}

/** How many actions back u can go. */
export const UNDO_DEPTH = 50;

/** This console's last actions, newest last; the oldest falls off past `depth`. */
export class UndoStack<E> {
  private readonly entries: E[] = [];

  constructor(private readonly depth = UNDO_DEPTH) {}

  push(entry: E): void {
    this.entries.push(entry);
    if (this.entries.length > this.depth) this.entries.shift();
  }

  pop(): E | undefined {
    return this.entries.pop();
  }

  peek(): E | undefined {
    return this.entries.at(-1);
  }

  get size(): number {
    return this.entries.length;
  }
}

/**
 * What our own acknowledgements said each item became, so a change heard later can be told from
 * another console's: it is ours while our request is still in flight, or when it is what the
 * server answered us.
 */
export class OwnChanges<S> {
  private readonly expected = new Map<number, S>();

  constructor(private readonly same: (a: S, b: S) => boolean) {}

  /** Our request made (or will make) item `id` this. */
  expect(id: number, state: S): void {
    this.expected.set(id, state);
  }

  isOurs(id: number, state: S, inflight: boolean): boolean {
    const expected = this.expected.get(id);
    return inflight || (expected !== undefined && this.same(expected, state));
  }
}

/** The focused item as the last render saw it. */
export interface FocusTrack<S> {
  id: number | null;
  /** Its place in the list, which is where the focus stays when it leaves. */
  index: number;
  status: S | null;
}

export interface FocusNow<S> {
  /** The focused item's id. */
  id: number | null;
  /** Its place in the list as rendered now; -1 when the list no longer shows it. */
  index: number;
  /** Its status wherever it is now (shown or not); null once it is gone altogether. */
  status: S | null;
  /** Whether the list is complete; a list being reloaded is not a reason to move. */
  ready: boolean;
  /** Whether its current state is this console's doing (asked only when it changed). */
  ours: () => boolean;
}

export interface FocusFollow {
  /** The place to focus instead (the item now there), or null to leave the focus where it is. */
  moveTo: number | null;
  /** Another console changed the focused item's status. */
  byOther: boolean;
  /** The item is gone altogether (withdrawn). */
  gone: boolean;
}

const STAY: FocusFollow = { moveTo: null, byOther: false, gone: false };

/**
 * Run on every render with the focus as it is now; updates `track` in place. When the focused
 * item is decided elsewhere, or leaves the list, the focus stays where it was in the list, which
 * is now the next item: the same place a decision of one's own leads. A change of our own keeps
 * the focus (a decision already moved it on, an undo brought it here).
 */
export function followFocus<S>(track: FocusTrack<S>, now: FocusNow<S>): FocusFollow {
  if (now.id !== track.id) {
    track.id = now.id;
    track.index = now.index;
    track.status = now.status;
    return STAY;
  }
  if (now.id === null) return STAY;
  if (now.index === -1 && !now.ready) return STAY;
  const changed = now.status !== track.status;
  if (!changed && now.index !== -1) {
    track.index = now.index;
    return STAY;
  }
  const gone = now.status === null;
  const byOther = changed && !gone && !now.ours();
  track.status = now.status;
  const moved = now.index === -1 || (byOther && now.index !== track.index);
  if (!moved) track.index = now.index;
  return { moveTo: moved ? track.index : null, byOther, gone: gone && changed };
}

/** The id at place `index` in `order`, clamped to the list; null for an empty list. */
export function idAt(order: ReadonlyArray<{ id: number }>, index: number): number | null {
  return order[Math.min(Math.max(index, 0), order.length - 1)]?.id ?? null;
}

/** j and k: one step from the focused place, or the first (last) item when nothing is focused. */
export function stepFocus(
  order: ReadonlyArray<{ id: number }>,
  index: number,
  step: 1 | -1,
): number | null {
  if (order.length === 0) return null;
  return idAt(order, index === -1 ? (step === 1 ? 0 : order.length - 1) : index + step);
}

/** Like a mail client: once the focused item is decided, the focus moves on to the next one. */
export function nextAfter(order: ReadonlyArray<{ id: number }>, id: number): number | null {
  const at = order.findIndex((item) => item.id === id);
  return (order[at + 1] ?? order[at - 1])?.id ?? null;
}
