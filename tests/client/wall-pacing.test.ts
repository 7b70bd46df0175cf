import { describe, expect, it } from 'vitest';
import {
  openWall,
  PACING,
  pacingFor,
  stepWall,
  WAITING_MAX,
  type WallState,
} from '../../client/src/screen/wall-pacing.ts';
import { withoutQuestionTag } from '../../client/src/screen/wall-text.ts';

/** Newest first, as the wall receives them: ids 1..n, n the newest. */
const newestFirst = (n: number) => Array.from({ length: n }, (_, i) => n - i);
const shown = (state: WallState) => state.cards.map((c) => c.id);
const none: ReadonlySet<number> = new Set();

/** Runs the wall from `from` to `to` in 100 ms steps, as the screen's timer would. */
function run(state: WallState, ids: number[], from: number, to: number, capacity = 6) {
  let s = state;
  for (let now = from; now <= to; now += 100) s = stepWall(s, ids, none, capacity, now, PACING);
  return s;
}

describe('the wall pacing', () => {
  it('opens full with the newest posts', () => {
    expect(shown(openWall(newestFirst(10), 6, 0))).toEqual([10, 9, 8, 7, 6, 5]);
  });

  it('keeps every card up its minimum and changes at most one card per interval under a flood', () => {
    // Every fifth post is long: it goes wide and takes a second place, never from a young card.
    const long = new Set(Array.from({ length: 200 }, (_, i) => i * 5));
    let ids = newestFirst(6);
    let state = openWall(ids, 6, 0, long);
    const wentUp = new Map<number, number>(state.cards.map((c) => [c.id, 0]));
    const lifetimes: number[] = [];
    const changes: number[] = [];
    // 40 posts a minute for two minutes.
    for (let now = 0; now <= 120_000; now += 100) {
      if (now % 1500 === 0 && now > 0) ids = [ids[0]! + 1, ...ids].slice(0, 40);
      const before = new Set(shown(state));
      state = stepWall(state, ids, none, 6, now, PACING, long);
      const after = new Set(shown(state));
      for (const id of after) if (!before.has(id)) wentUp.set(id, now);
      for (const id of before) if (!after.has(id)) lifetimes.push(now - wentUp.get(id)!);
      if ([...after].some((id) => !before.has(id))) changes.push(now);
    }
    expect(lifetimes.length).toBeGreaterThan(20);
    expect(Math.min(...lifetimes)).toBeGreaterThanOrEqual(PACING.minOnScreenMs);
    const gaps = changes.slice(1).map((at, i) => at - changes[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(PACING.changeEveryMs);
    expect(state.waiting.length).toBeLessThanOrEqual(WAITING_MAX);
  });

  it('takes a post down at once, whatever the pace', () => {
    const ids = newestFirst(8);
    const state = openWall(ids, 6, 0);
    const left = ids.filter((id) => id !== 7);
    const after = stepWall(state, left, new Set([7]), 6, 100, PACING);
    expect(shown(after)).not.toContain(7);
  });

  it('brings older approved posts round again after a quiet minute, not before', () => {
    const ids = newestFirst(9);
    const state = openWall(ids, 6, 0);
    const quiet = run(state, ids, 100, PACING.quietAfterMs - 100);
    expect(shown(quiet)).toEqual([9, 8, 7, 6, 5, 4]);
    const later = run(quiet, ids, PACING.quietAfterMs, PACING.quietAfterMs + 100);
    expect(shown(later).filter((id) => id <= 3)).toHaveLength(1);
    // Round and round: within a few recycles every post has been up again.
    const after = run(later, ids, PACING.quietAfterMs + 200, PACING.quietAfterMs + 60_000);
    expect(after.shownAt.get(1)).toBeGreaterThan(0);
    expect(after.shownAt.get(2)).toBeGreaterThan(0);
  });

  it('keeps a card up its time when its post ages out of the window, unlike a take-down', () => {
    const state = openWall([6, 5, 4, 3, 2, 1], 6, 0);
    const aged = stepWall(state, [9, 8, 7, 6, 5, 4], none, 6, 100, PACING);
    expect(shown(aged)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(aged.waiting).toEqual([7, 8, 9]);
  });

  it('gives a long post two cells, so the wall holds one card fewer while it is up', () => {
    const long = new Set([3]);
    expect(shown(openWall([6, 5, 4, 3, 2, 1], 6, 0, long))).toEqual([6, 5, 4, 3, 2]);
    const state = openWall([6, 5, 4, 2, 1, 0], 6, 0, long);
    // A long post replaces a card: another card, the longest shown, makes room at once.
    const next = stepWall(
      state,
      [3, 6, 5, 4, 2, 1, 0],
      none,
      6,
      PACING.minOnScreenMs,
      PACING,
      long,
    );
    expect(shown(next)).toHaveLength(5);
    expect(shown(next)).toContain(3);
  });

  it('fills free places together, in one change at the change interval', () => {
    const state = openWall([2, 1], 6, 0);
    expect(shown(stepWall(state, [4, 3, 2, 1], none, 6, 100, PACING))).toEqual([2, 1]);
    const next = stepWall(state, [4, 3, 2, 1], none, 6, PACING.changeEveryMs, PACING);
    expect(shown(next)).toEqual([4, 3, 2, 1]);
  });

  it('scales every interval with ?pace', () => {
    expect(pacingFor(10).minOnScreenMs).toBe(PACING.minOnScreenMs / 10);
    expect(pacingFor(Number('nonsense')).changeEveryMs).toBe(PACING.changeEveryMs);
    expect(pacingFor(1e9).changeEveryMs).toBe(PACING.changeEveryMs / 100);
  });
});

describe('withoutQuestionTag', () => {
  it('drops the question tag as a whole word only', () => {
    expect(withoutQuestionTag('#ask How do you scale this?', '#ask')).toBe(
      'How do you scale this?',
    );
    expect(withoutQuestionTag('Is it open source? #ASK #devconf', 'ask')).toBe(
      'Is it open source? #devconf',
    );
    expect(withoutQuestionTag('#askme #task stay', '#ask')).toBe('#askme #task stay');
    expect(withoutQuestionTag('#ask', '#ask')).toBe('#ask');
  });
});
