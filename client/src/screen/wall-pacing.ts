/**
 * The wall's pace, as a pure function of time: the big screen is read from the back of a hall,
 * so a card must stay up long enough to be read, the wall must not flicker under a flood, and a
 * quiet hour must not freeze the same six cards (approved posts come round again, as social
 * walls such as Walls.io do). Taken-down posts leave at once: pacing never delays a removal.
 */

export interface Pacing {
  /** A card stays up at least this long before a newer post may take its place. */
  minOnScreenMs: number;
  /** At most one card changes in this time. */
  changeEveryMs: number;
  /** No new post for this long: the wall starts showing older approved posts again. */
  quietAfterMs: number;
  /** While quiet, one card comes round again this often. */
  recycleEveryMs: number;
}

const NONE: ReadonlySet<number> = new Set();

export const PACING: Pacing = {
  minOnScreenMs: 15_000,
  changeEveryMs: 2_500,
  quietAfterMs: 60_000,
  recycleEveryMs: 10_000,
};

/** New posts waiting for a card (about 30 s of them under a flood); older ones are skipped. */
export const WAITING_MAX = 12;

/** `?pace=10` runs the wall ten times faster (tests and rehearsals); 1 is the real pace. */
export function pacingFor(speed: number): Pacing {
  const factor = Number.isFinite(speed) ? Math.min(100, Math.max(0.1, speed)) : 1;
  return {
    minOnScreenMs: PACING.minOnScreenMs / factor,
    changeEveryMs: PACING.changeEveryMs / factor,
    quietAfterMs: PACING.quietAfterMs / factor,
    recycleEveryMs: PACING.recycleEveryMs / factor,
  };
}

/** Wide cards a wall holds at most: one a row. */
export const WIDE_MAX = 2;

/** How many cards fit in `cells`: a long post on the wall takes two (up to WIDE_MAX of them). */
export function capacityOf(cards: readonly Card[], cells: number, wide: ReadonlySet<number>) {
  return cells - Math.min(WIDE_MAX, cards.filter((c) => wide.has(c.id)).length);
}

export interface Card {
  id: number;
  /** When it went up. */
  since: number;
}

export interface WallState {
  /** The cards, in their places on the wall. */
  cards: Card[];
  /** New posts not shown yet, oldest first. */
  waiting: number[];
  /** Every post this wall has heard of, with when it last went up (0: never). */
  shownAt: Map<number, number>;
  lastChange: number;
  lastArrival: number;
}

/** A wall that opens full: the newest posts at once, nothing to wait for. */
export function openWall(
  ids: readonly number[],
  cells: number,
  now: number,
  wide: ReadonlySet<number> = NONE,
): WallState {
  const cards: Card[] = [];
  for (const id of ids) {
    if (cards.length >= capacityOf([...cards, { id, since: now }], cells, wide)) break;
    cards.push({ id, since: now });
  }
  const shownAt = new Map(ids.map((id) => [id, 0]));
  for (const card of cards) shownAt.set(card.id, now);
  return { cards, waiting: [], shownAt, lastChange: now, lastArrival: now };
}

/**
 * The wall a moment later. `ids`: the approved posts it may show, newest first; a card whose
 * post merely aged out of that list stays up its time. `gone`: posts taken down (or pinned
 * beside the grid), which leave at once. Returns the same object when nothing changed, so a
 * caller can skip a render.
 */
export function stepWall(
  state: WallState,
  ids: readonly number[],
  gone: ReadonlySet<number>,
  cells: number,
  now: number,
  pacing: Pacing,
  /** Posts too long for one cell: each on the wall takes two cells, so one card fewer. */
  wide: ReadonlySet<number> = NONE,
): WallState {
  const present = new Set(ids);
  let changed = false;
  let { cards, waiting, lastChange, lastArrival } = state;

  // Removals first and at once: a post taken down leaves every screen without waiting its turn.
  if (cards.some((c) => gone.has(c.id))) {
    cards = cards.filter((c) => !gone.has(c.id));
    changed = true;
  }
  if (waiting.some((id) => !present.has(id) || gone.has(id))) {
    waiting = waiting.filter((id) => present.has(id) && !gone.has(id));
    changed = true;
  }
  const shownAt = new Map<number, number>();
  const arrivals: number[] = [];
  for (const id of ids) {
    if (gone.has(id)) continue;
    const at = state.shownAt.get(id);
    if (at === undefined) arrivals.push(id);
    shownAt.set(id, at ?? 0);
  }
  for (const card of cards) shownAt.set(card.id, state.shownAt.get(card.id) ?? now);
  if (shownAt.size !== state.shownAt.size || arrivals.length > 0) changed = true;
  if (arrivals.length > 0) {
    waiting = [...waiting, ...arrivals.reverse()].slice(-WAITING_MAX);
    lastArrival = now;
  }
  const capacity = () => capacityOf(cards, cells, wide);
  const longestShown = () =>
    cards.reduce((best, c, i) => (c.since < cards[best]!.since ? i : best), 0);
  // Fewer places (a post was pinned beside the grid, a long one went up): the longest-shown
  // cards make room.
  while (cards.length > capacity()) {
    const out = longestShown();
    cards = cards.filter((_, i) => i !== out);
    changed = true;
  }

  /** A long post just took a place: the card shown longest gives it the second cell. */
  const fit = () => {
    while (cards.length > capacity()) {
      const newest = cards.reduce((best, c, i) => (c.since > cards[best]!.since ? i : best), 0);
      const out = cards.reduce(
        (best, c, i) => (i !== newest && (best === -1 || c.since < cards[best]!.since) ? i : best),
        -1,
      );
      cards = cards.filter((_, i) => i !== out);
    }
  };
  const put = (id: number, at: number | null) => {
    const card = { id, since: now };
    cards = at === null ? [card, ...cards] : cards.map((c, i) => (i === at ? card : c));
    shownAt.set(id, now);
    lastChange = now;
    changed = true;
  };
  const onScreen = new Set(cards.map((c) => c.id));
  const ripeCount = () => cards.filter((c) => now - c.since >= pacing.minOnScreenMs).length;
  /** Places a post takes from the cards up now: one, or two for a long post that goes wide. */
  const cost = (id: number) => {
    const after = [...cards, { id, since: now }];
    return capacityOf(after, cells, wide) < capacityOf(cards, cells, wide) ? 2 : 1;
  };

  // An empty wall has nobody reading it: its first post goes up at once.
  if (now - lastChange >= pacing.changeEveryMs || cards.length === 0) {
    // Free places (a young wall, a take-down, an unpin) are filled together, in one change:
    // nobody is reading a card that is not there.
    let filled = false;
    while (cards.length < capacity()) {
      const next = waiting[0] ?? ids.find((id) => !onScreen.has(id) && !gone.has(id));
      if (next === undefined) break;
      // A long post in the last free place would push out a card: only one that had its time.
      if (cards.length + cost(next) > capacity() && ripeCount() === 0) break;
      waiting = waiting.filter((id) => id !== next);
      onScreen.add(next);
      put(next, null);
      fit();
      filled = true;
    }
    // One change at a time: after filling places, a replacement waits its interval.
    if (!filled && waiting.length > 0 && ripeCount() >= cost(waiting[0]!)) {
      const [next, ...rest] = waiting;
      waiting = rest;
      put(next!, longestShown());
      fit();
    } else if (
      !filled &&
      waiting.length === 0 &&
      now - lastArrival >= pacing.quietAfterMs &&
      now - lastChange >= pacing.recycleEveryMs &&
      ripeCount() > 0
    ) {
      // Quiet: the approved post shown least recently comes round again.
      let next: number | undefined;
      for (const id of ids) {
        if (onScreen.has(id) || gone.has(id)) continue;
        if (next === undefined || shownAt.get(id)! <= shownAt.get(next)!) next = id;
      }
      if (next !== undefined && ripeCount() >= cost(next)) {
        put(next, longestShown());
        fit();
      }
    }
  }

  return changed ? { cards, waiting, shownAt, lastChange, lastArrival } : state;
}
