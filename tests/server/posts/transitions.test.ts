import { describe, expect, it } from 'vitest';
import type { PostRow } from '../../../server/posts/repository.ts';
import { nextPostState } from '../../../server/posts/transitions.ts';

function buildPostRow(overrides: Partial<PostRow> = {}): PostRow {
  return {
    id: 1,
    event_id: 1,
    attendee_id: null,
    source: 'web',
    source_id: null,
    text: 'hello',
    author_name: 'Ada',
    author_handle: null,
    author_avatar_url: null,
    hashtags: '[]',
    media: '[]',
    status: 'pending',
    pinned: 0,
    flags: '[]',
    created_at: 'now',
    updated_at: 'now',
    author_key: null,
    ...overrides,
  };
}

describe('post life cycle', () => {
  it('moves between any statuses and repeats as unchanged', () => {
    expect(nextPostState(buildPostRow(), 'approve')).toEqual({ status: 'approved' });
    expect(nextPostState(buildPostRow({ status: 'rejected' }), 'approve')).toEqual({
      status: 'approved',
    });
    expect(nextPostState(buildPostRow({ status: 'approved' }), 'approve')).toBe('unchanged');
  });

  it('pins only approved posts, and a take-down unpins', () => {
    expect(() => nextPostState(buildPostRow(), 'pin')).toThrow(/approved/);
    expect(nextPostState(buildPostRow({ status: 'approved' }), 'pin')).toEqual({ pinned: true });
    expect(nextPostState(buildPostRow({ status: 'approved', pinned: 1 }), 'hide')).toEqual({
      status: 'hidden',
      pinned: false,
    });
  });
});
