import { describe, expect, it } from 'vitest';
import {
  cleanLine,
  cleanParagraphs,
  cleanText,
  extractHashtags,
  normalizeHashtag,
} from '../../shared/text.ts';
import { CreatePostBody } from '../../shared/schemas/posts.ts';

describe('text cleaning', () => {
  it('removes control characters and bidi overrides but keeps emoji sequences', () => {
    expect(cleanText('a\u0000b\u0007c\u202Ed\u2066e\u007F')).toBe('abcde');
    expect(cleanText('family 👨‍👩‍👧 ok')).toBe('family 👨‍👩‍👧 ok');
  });

  it('folds single-line text and limits blank lines in paragraphs', () => {
    expect(cleanLine('  Ada \n  Lovelace ')).toBe('Ada Lovelace');
    expect(cleanParagraphs('one  \r\n\r\n\r\n\r\ntwo')).toBe('one\n\ntwo');
  });

  it('validates a post after cleaning, so whitespace-only text is refused', () => {
    expect(CreatePostBody.safeParse({ text: ' \u0000 \u202E ' }).success).toBe(false);
    expect(CreatePostBody.parse({ text: ' hi\u0007 ' }).text).toBe('hi');
  });
});

describe('hashtags', () => {
  it('extracts lower-cased unique tags in order, including non-Latin ones', () => {
    expect(extractHashtags('#Ask why? #DevConf #ask and #東京 but not a#b or &#39;')).toEqual([
      'ask',
      'devconf',
      '東京',
    ]);
  });

  it('normalises a tag typed with or without #', () => {
    expect(normalizeHashtag('  ##DevConf ')).toBe('devconf');
  });
});
