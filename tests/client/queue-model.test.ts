import { describe, expect, it } from 'vitest';
import {
  cleanPending,
  matchesSourceAndFlags,
  selectRange,
  planRevert,
  queueOrder,
  revertSteps,
  type Change,
  type PostState,
} from '../../client/src/moderator/queue/queue-model.ts';
import type { Post } from '../../shared/schemas/posts.ts';

const post = (id: number, overrides: Partial<Post> = {}): Post => ({
  id,
  eventId: 1,
  text: `post ${id}`,
  author: { name: 'A', handle: null, avatarUrl: null, attendeeId: null },
  authorKey: null,
  source: 'web',
  sourceId: null,
  hashtags: [],
  media: [],
  status: 'pending',
  pinned: false,
  flags: [],
  questionId: null,
  createdAt: '2026-11-30T10:00:00.000Z',
  ...overrides,
});

const state = (status: PostState['status'], pinned = false): PostState => ({ status, pinned });

describe('the moderation queue', () => {
  it('lists waiting posts oldest first, then the rest newest first', () => {
    const posts = [
      post(1, { status: 'approved' }),
      post(2),
      post(3, { status: 'rejected' }),
      post(4),
    ];
    expect(posts.sort(queueOrder).map((p) => p.id)).toEqual([2, 4, 3, 1]);
  });

  it('filters by source and by whether a post was flagged', () => {
    const flagged = post(1, { source: 'x', flags: ['profanity'] });
    const clean = post(2, { source: 'api' });
    expect(matchesSourceAndFlags(flagged, { status: 'all', source: 'x', flagged: 'flagged' })).toBe(
      true,
    );
    expect(matchesSourceAndFlags(flagged, { status: 'all', source: 'all', flagged: 'clean' })).toBe(
      false,
    );
    expect(matchesSourceAndFlags(clean, { status: 'all', source: 'x', flagged: 'all' })).toBe(
      false,
    );
  });
});

describe('undo', () => {
  it('reverts the status first, then the pin, so a post is approved before it is pinned again', () => {
    expect(revertSteps(state('approved', true), state('hidden'))).toEqual(['approve', 'pin']);
    expect(revertSteps(state('pending'), state('approved'))).toEqual(['queue']);
    expect(revertSteps(state('approved'), state('approved', true))).toEqual(['unpin']);
  });

  it('groups a bulk undo by action in three rounds and leaves alone what someone changed since', () => {
    const changes: Change[] = [
      { id: 1, before: state('pending'), after: state('approved') },
      { id: 2, before: state('pending'), after: state('approved') },
      { id: 3, before: state('approved', true), after: state('hidden') },
      { id: 4, before: state('approved'), after: state('approved', true) },
    ];
    const now = new Map<number, PostState>([
      [1, state('approved')],
      [2, state('rejected')], // another moderator rejected it since
      [3, state('hidden')],
      [4, state('approved', true)],
    ]);
    const { phases, skipped } = planRevert(changes, (id) => now.get(id) ?? null);
    expect(skipped).toBe(1);
    expect(phases.map((phase) => Object.fromEntries(phase))).toEqual([
      { queue: [1], approve: [3] },
      { unpin: [4] },
      { pin: [3] },
    ]);
  });

  it('skips a post the console no longer knows', () => {
    const { phases, skipped } = planRevert(
      [{ id: 9, before: state('pending'), after: state('approved') }],
      () => null,
    );
    expect(skipped).toBe(1);
    expect(phases.map((phase) => phase.size)).toEqual([0, 0, 0]);
  });
});

describe('cleanPending', () => {
  it('takes pending posts no filter flagged, oldest first, at most the limit', () => {
    const posts = [
      post(5),
      post(2, { flags: ['profanity'] }),
      post(3, { status: 'approved' }),
      post(1),
      post(4),
    ];
    expect(cleanPending(posts, 10).map((p) => p.id)).toEqual([1, 4, 5]);
    expect(cleanPending(posts, 2).map((p) => p.id)).toEqual([1, 4]);
  });
});

describe('selectRange', () => {
  const order = [10, 11, 12, 13, 14];
  it('adds every post between the anchor and the target, either way round', () => {
    expect([...selectRange(new Set([99]), order, 11, 13)].sort()).toEqual([11, 12, 13, 99]);
    expect([...selectRange(new Set(), order, 14, 12)].sort()).toEqual([12, 13, 14]);
  });
  it('adds only the target when the anchor is not in the list', () => {
    expect([...selectRange(new Set(), order, null, 12)]).toEqual([12]);
    expect([...selectRange(new Set(), order, 42, 12)]).toEqual([12]);
  });
});
