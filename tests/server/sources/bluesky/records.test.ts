import { describe, expect, it } from 'vitest';
import {
  expandLinks,
  postUrl,
  recordToPost,
  tagsOf,
  PostRecord,
} from '../../../../server/sources/bluesky/records.ts';

const facet = (text: string, part: string, feature: Record<string, string>) => {
  const start = Buffer.byteLength(text.slice(0, text.indexOf(part)));
  return {
    index: { byteStart: start, byteEnd: start + Buffer.byteLength(part) },
    features: [feature],
  };
};

describe('Bluesky records', () => {
  it('reads hashtags from tag facets and the tags field, lower case', () => {
    const text = 'Bonjour 🎉 #DevConf';
    const record = PostRecord.parse({
      text,
      facets: [facet(text, '#DevConf', { $type: 'app.bsky.richtext.facet#tag', tag: 'DevConf' })],
      tags: ['#Extra'],
    });
    expect(tagsOf(record).sort()).toEqual(['devconf', 'extra']);
    expect(tagsOf(PostRecord.parse({ text: 'plain #devconf' }))).toEqual([]);
  });

  it('replaces a shortened link label with the link, counting UTF-8 bytes', () => {
    const text = 'Voilà 🎉 example.com/slid... read it';
    const record = PostRecord.parse({
      text,
      facets: [
        facet(text, 'example.com/slid...', {
          $type: 'app.bsky.richtext.facet#link',
          uri: 'https://example.com/slides/keynote',
        }),
      ],
    });
    expect(expandLinks(record)).toBe('Voilà 🎉 https://example.com/slides/keynote read it');
    // A javascript: link is never put in.
    const bad = PostRecord.parse({
      text,
      facets: [
        facet(text, 'example.com/slid...', {
          $type: 'app.bsky.richtext.facet#link',
          uri: 'javascript:alert(1)',
        }),
      ],
    });
    expect(expandLinks(bad)).toBe(text);
  });

  it('makes a post with the at:// URI as its id, a link to bsky.app, and cleans the text', () => {
    const post = recordToPost(
      'did:plc:abc',
      '3kabc',
      PostRecord.parse({ text: 'Hi\u0000 there', createdAt: '2099-01-01T00:00:00Z' }),
      null,
    );
    expect(post).toMatchObject({
      source: 'bluesky',
      sourceId: 'at://did:plc:abc/app.bsky.feed.post/3kabc',
      text: 'Hi there',
      createdAt: undefined,
    });
    expect(postUrl(post.sourceId)).toBe('https://bsky.app/profile/did:plc:abc/post/3kabc');
  });
});
