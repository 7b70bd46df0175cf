import { describe, expect, it } from 'vitest';
import {
  followFocus,
  idAt,
  nextAfter,
  OwnChanges,
  stepFocus,
  UndoStack,
  type FocusNow,
  type FocusTrack,
} from '../../client/src/moderator/common/decisions.ts';

type Status = 'pending' | 'approved' | 'rejected';

const list = (...ids: number[]) => ids.map((id) => ({ id }));

/** A track that last saw item `id` at `index` with `status`, as after one render. */
function seen(id: number, index: number, status: Status): FocusTrack<Status> {
  const track: FocusTrack<Status> = { id: null, index: -1, status: null };
  followFocus(track, now({ id, index, status }));
  return track;
}

function now(overrides: Partial<FocusNow<Status>>): FocusNow<Status> {
  return { id: null, index: -1, status: null, ready: true, ours: () => false, ...overrides };
}

describe('the undo stack', () => {
  it('gives back the newest entry first', () => {
    const stack = new UndoStack<string>();
    stack.push('a');
    stack.push('b');
    expect(stack.peek()).toBe('b');
    expect(stack.pop()).toBe('b');
    expect(stack.pop()).toBe('a');
    expect(stack.pop()).toBeUndefined();
  });

  it('drops the oldest entry past its depth', () => {
    const stack = new UndoStack<number>(3);
    for (const n of [1, 2, 3, 4]) stack.push(n);
    expect(stack.size).toBe(3);
    expect([stack.pop(), stack.pop(), stack.pop(), stack.pop()]).toEqual([4, 3, 2, undefined]);
  });
});

describe('telling our own changes from another console’s', () => {
  const same = (a: Status, b: Status) => a === b;

  it('counts a change as ours while our request is in flight', () => {
    expect(new OwnChanges(same).isOurs(1, 'approved', true)).toBe(true);
  });

  it('counts a change as ours when it is what the server answered us', () => {
    const own = new OwnChanges(same);
    own.expect(1, 'approved');
    expect(own.isOurs(1, 'approved', false)).toBe(true);
  });

  it('counts any other state, or an item we never touched, as another console’s', () => {
    const own = new OwnChanges(same);
    own.expect(1, 'approved');
    expect(own.isOurs(1, 'rejected', false)).toBe(false);
    expect(own.isOurs(2, 'approved', false)).toBe(false);
  });
});

describe('the focus following the list', () => {
  it('only records a newly focused item', () => {
    const track: FocusTrack<Status> = { id: null, index: -1, status: null };
    const follow = followFocus(track, now({ id: 7, index: 2, status: 'pending' }));
    expect(follow).toEqual({ moveTo: null, byOther: false, gone: false });
    expect(track).toEqual({ id: 7, index: 2, status: 'pending' });
  });

  it('keeps its place as the item moves in the list while unchanged', () => {
    const track = seen(7, 2, 'pending');
    const follow = followFocus(track, now({ id: 7, index: 4, status: 'pending' }));
    expect(follow.moveTo).toBeNull();
    expect(track.index).toBe(4);
  });

  it('moves to the item now in its old place when another console decides it', () => {
    const track = seen(7, 2, 'pending');
    const follow = followFocus(track, now({ id: 7, index: 5, status: 'approved' }));
    expect(follow).toEqual({ moveTo: 2, byOther: true, gone: false });
  });

  it('stays on an item that our own decision or undo changed', () => {
    const track = seen(7, 2, 'pending');
    const follow = followFocus(
      track,
      now({ id: 7, index: 5, status: 'approved', ours: () => true }),
    );
    expect(follow).toEqual({ moveTo: null, byOther: false, gone: false });
    expect(track.index).toBe(5);
  });

  it('moves on, without blaming anyone, when the item leaves a filtered list unchanged', () => {
    const track = seen(7, 2, 'pending');
    const follow = followFocus(track, now({ id: 7, index: -1, status: 'pending' }));
    expect(follow).toEqual({ moveTo: 2, byOther: false, gone: false });
  });

  it('says an item that left the list was gone altogether', () => {
    const track = seen(7, 2, 'pending');
    expect(followFocus(track, now({ id: 7, index: -1, status: null }))).toEqual({
      moveTo: 2,
      byOther: false,
      gone: true,
    });
  });

  it('waits while the list is being reloaded', () => {
    const track = seen(7, 2, 'pending');
    const follow = followFocus(track, now({ id: 7, index: -1, status: null, ready: false }));
    expect(follow.moveTo).toBeNull();
    expect(track).toEqual({ id: 7, index: 2, status: 'pending' });
  });

  it('asks whose change it was only when the status changed', () => {
    const track = seen(7, 2, 'pending');
    let asked = 0;
    followFocus(track, now({ id: 7, index: 3, status: 'pending', ours: () => (asked++, false) }));
    expect(asked).toBe(0);
  });
});

describe('moving through a list', () => {
  const items = list(10, 20, 30);

  it('steps from the focused place, and starts at either end when nothing is focused', () => {
    expect(stepFocus(items, 0, 1)).toBe(20);
    expect(stepFocus(items, 2, 1)).toBe(30);
    expect(stepFocus(items, 0, -1)).toBe(10);
    expect(stepFocus(items, -1, 1)).toBe(10);
    expect(stepFocus(items, -1, -1)).toBe(30);
    expect(stepFocus([], -1, 1)).toBeNull();
  });

  it('moves on to the next item after a decision, or the previous one at the end', () => {
    expect(nextAfter(items, 10)).toBe(20);
    expect(nextAfter(items, 30)).toBe(20);
    expect(nextAfter(list(10), 10)).toBeNull();
  });

  it('clamps a place to the list', () => {
    expect(idAt(items, 7)).toBe(30);
    expect(idAt(items, -3)).toBe(10);
    expect(idAt([], 0)).toBeNull();
  });
});
