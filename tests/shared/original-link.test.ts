import { describe, expect, it } from 'vitest';
import { originalUrl } from '../../shared/original-link.ts';

describe('links to the original post', () => {
  it('points at X, Bluesky and Mastodon, and at nothing for our own posts', () => {
    expect(originalUrl('x', '1850000000000000000')).toBe(
      'https://x.com/i/status/1850000000000000000',
    );
    expect(originalUrl('bluesky', 'at://did:plc:abc123/app.bsky.feed.post/3kxyz')).toBe(
      'https://bsky.app/profile/did:plc:abc123/post/3kxyz',
    );
    expect(originalUrl('mastodon', 'https://mastodon.social/users/ada/statuses/1')).toBe(
      'https://mastodon.social/users/ada/statuses/1',
    );
    expect(originalUrl('web', '12:abc')).toBeNull();
    expect(originalUrl('api', 'anything')).toBeNull();
  });

  it('never makes a link of a crafted id', () => {
    expect(originalUrl('mastodon', 'javascript:alert(1)')).toBeNull();
    expect(originalUrl('x', '1; javascript:alert(1)')).toBeNull();
    expect(originalUrl('bluesky', 'at://did:plc:a/app.bsky.feed.post/x"><script>')).toBeNull();
    expect(originalUrl('mastodon', null)).toBeNull();
  });
});
