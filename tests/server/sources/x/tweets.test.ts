import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../../shared/limits.ts';
import { buildTweet } from '../../../../server/sources/x/fake/tweets.ts';
import {
  capText,
  compareIds,
  decodeEntities,
  snowflakeAt,
  snowflakeTime,
  StreamItem,
  Tweet,
  tweetToPost,
} from '../../../../server/sources/x/tweets.ts';

function fakeTweet(input: Parameters<typeof buildTweet>[0]) {
  const stored = buildTweet(input, () => undefined);
  return {
    tweet: Tweet.parse(stored.tweet),
    includes: { users: [stored.user], media: stored.media },
  };
}

const ada = {
  username: 'ada',
  name: 'Ada Lovelace',
  avatarUrl: 'https://pbs.twimg.com/profile_images/1/ada_normal.jpg',
};

describe('tweetToPost', () => {
  it('decodes the entities X escapes, once, and keeps the author name, handle and a large avatar', () => {
    const { tweet, includes } = fakeTweet({
      text: 'Q&A at 3 <3 — not &lt; escaped twice #DevConf',
      author: ada,
    });
    expect(tweet.text).toContain('Q&amp;A');
    const post = tweetToPost(tweet, includes);
    expect(post.text).toBe('Q&A at 3 <3 — not &lt; escaped twice #DevConf');
    expect(post.author).toEqual({
      name: 'Ada Lovelace',
      handle: 'ada',
      avatarUrl: 'https://pbs.twimg.com/profile_images/1/ada_400x400.jpg',
      attendeeId: null,
    });
    expect(post.source).toBe('x');
    expect(post.sourceId).toBe(tweet.id);
    expect(post.createdAt).toBe(tweet.created_at);
  });

  it('drops the media link X appends and carries photo URLs and video previews as media', () => {
    const { tweet, includes } = fakeTweet({
      text: 'Slides are up #devconf',
      author: ada,
      media: [
        { type: 'photo', url: 'https://pbs.twimg.com/media/slide.jpg' },
        { type: 'video', url: 'https://pbs.twimg.com/ext_tw_video_thumb/1/pu/img/v.jpg' },
      ],
    });
    expect(tweet.text).toMatch(/https:\/\/t\.co\//);
    const post = tweetToPost(tweet, includes);
    expect(post.text).toBe('Slides are up #devconf');
    expect(post.media).toEqual([
      'https://pbs.twimg.com/media/slide.jpg',
      'https://pbs.twimg.com/ext_tw_video_thumb/1/pu/img/v.jpg',
    ]);
  });

  it('expands other t.co links to where they lead', () => {
    const tweet = Tweet.parse({
      id: '1',
      text: 'Read this https://t.co/abc #devconf',
      author_id: '9',
      entities: {
        urls: [
          {
            url: 'https://t.co/abc',
            expanded_url: 'https://example.org/post',
            display_url: 'example.org/post',
          },
        ],
      },
    });
    expect(tweetToPost(tweet, undefined).text).toBe('Read this https://example.org/post #devconf');
  });

  it('prefers the full text of a long post, cleans control characters and caps the length', () => {
    const long = `${'word '.repeat(200)}end`;
    const tweet = Tweet.parse({
      id: '2',
      text: 'truncated…',
      note_tweet: { text: `\u202Eflip\u202C ${long}` },
    });
    const post = tweetToPost(tweet, undefined);
    expect(post.text.startsWith('flip word')).toBe(true);
    expect(post.text.length).toBeLessThanOrEqual(LIMITS.postText.max);
    expect(post.text.endsWith('…')).toBe(true);
  });

  it('names an author it has no user for without failing', () => {
    const post = tweetToPost(Tweet.parse({ id: '3', text: 'hi #devconf', author_id: '77' }), {
      users: [],
    });
    expect(post.author).toEqual({
      name: 'Someone on X',
      handle: null,
      avatarUrl: null,
      attendeeId: null,
    });
  });
});

describe('stream item validation', () => {
  it('refuses an item without a numeric id or text, and tolerates damaged optional parts', () => {
    expect(StreamItem.safeParse({ data: { id: 'abc', text: 'x' } }).success).toBe(false);
    expect(StreamItem.safeParse({ data: { id: '5' } }).success).toBe(false);
    expect(StreamItem.safeParse({ errors: [{ title: 'operational-disconnect' }] }).success).toBe(
      false,
    );
    const tolerated = StreamItem.safeParse({
      data: { id: '5', text: 'ok', entities: 'garbage', attachments: 7 },
      includes: { users: 'no' },
    });
    expect(tolerated.success).toBe(true);
  });
});

describe('helpers', () => {
  it('decodes &amp;lt; to &lt;, not to <', () => {
    expect(decodeEntities('&amp;lt; &lt; &gt; &amp;')).toBe('&lt; < > &');
  });

  it('never cuts an emoji in half', () => {
    const capped = capText('🙂'.repeat(10), 6);
    expect(capped).toBe('🙂🙂…');
  });

  it('compares 64-bit ids exactly and reads the time out of a snowflake', () => {
    expect(compareIds('1795338925256000001', '1795338925256000000')).toBeGreaterThan(0);
    expect(compareIds('99', '100')).toBeLessThan(0);
    const at = Date.UTC(2026, 10, 22, 9, 0, 0);
    expect(snowflakeTime(snowflakeAt(at, 5))).toBe(at);
  });
});
