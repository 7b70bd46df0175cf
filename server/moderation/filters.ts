import {
  DataSet,
  englishDataset,
  englishRecommendedTransformers,
  parseRawPattern,
  RegExpMatcher,
} from 'obscenity';

/**
 * Automatic flags. A flagged post is held for a moderator even in post-moderation mode, with
 * the reasons shown. Profanity uses obscenity (maintained; decodes leetspeak, confusable
 * Unicode and repeated letters); spacing and dotting between single letters ("f u c k",
 * "f.u.c.k") is undone here first, since obscenity matches on words.
 */
export type Flag = 'profanity' | 'hashbomb' | 'link_flood' | 'repeated';

const baseMatcher = new RegExpMatcher({
  ...englishDataset.build(),
  ...englishRecommendedTransformers,
});
const customMatchers = new Map<string, RegExpMatcher>();

function matcherFor(words: string[]): RegExpMatcher {
  if (words.length === 0) return baseMatcher;
  const key = words.join('\u0000');
  let matcher = customMatchers.get(key);
  if (!matcher) {
    const dataset = new DataSet<{ originalWord: string }>().addAll(englishDataset);
    for (const word of words) {
      // obscenity patterns treat [ ] ? | \ as syntax: keep letters, digits and spaces only.
      const plain = word
        .toLowerCase()
        .replace(/[^\p{L}\p{N} ]/gu, '')
        .trim();
      if (plain)
        dataset.addPhrase((phrase) =>
          phrase.setMetadata({ originalWord: plain }).addPattern(parseRawPattern(plain)),
        );
    }
    matcher = new RegExpMatcher({ ...dataset.build(), ...englishRecommendedTransformers });
    if (customMatchers.size > 100) customMatchers.clear();
    customMatchers.set(key, matcher);
  }
  return matcher;
}

const SPACED_LETTERS = /(?<![\p{L}\p{N}])\p{L}(?:[\s._*-]+\p{L}(?![\p{L}\p{N}])){2,}/gu;

/** "f u c k" and "f.u.c.k" read as "fuck"; ordinary words are left alone. */
export function collapseSpacedLetters(text: string): string {
  return text.replace(SPACED_LETTERS, (run) => run.replace(/[\s._*-]+/g, ''));
}

/** Numbers (room 455, $1,455, 14:55) are not leetspeak: only tokens with a letter are read as words. */
const NUMBER_TOKEN = /(?<![\p{L}\p{N}])[\p{N}][\p{N}.,:/-]*(?![\p{L}\p{N}])/gu;

export function maskNumbers(text: string): string {
  return text.replace(NUMBER_TOKEN, (run) => ' '.repeat(run.length));
}

export function hasProfanity(text: string, customWords: string[] = []): boolean {
  const matcher = matcherFor(customWords);
  const words = maskNumbers(text);
  return (
    matcher.hasMatch(words) ||
    matcher.hasMatch(collapseSpacedLetters(words)) ||
    hasBlockedNumber(text, customWords)
  );
}

/** A moderator may still block a number (a hate code, a phone number) by listing it. */
function hasBlockedNumber(text: string, customWords: string[]): boolean {
  const numbers = customWords.filter((word) => /^\p{N}+$/u.test(word.trim()));
  if (numbers.length === 0) return false;
  const tokens = new Set((text.match(NUMBER_TOKEN) ?? []).flatMap((run) => run.split(/[.,:/-]/)));
  return numbers.some((number) => tokens.has(number.trim()));
}

const TAG_OR_MENTION = /(?:^|\s)[#@][\p{L}\p{N}_]+/gu;

/** Only hashtags and mentions, at least two of them, and nothing else said. */
export function isHashbomb(text: string): boolean {
  const tags = text.match(TAG_OR_MENTION) ?? [];
  if (tags.length < 2) return false;
  return text.replace(TAG_OR_MENTION, '').replace(/[\s\p{P}\p{S}]/gu, '').length === 0;
}

const URL_PATTERN =
  /\bhttps?:\/\/\S+|\bwww\.\S+|\b[\p{L}\p{N}-]+\.(?:com|net|org|io|ly|co|xyz|info|biz|ru|me|app|dev)\b(?:\/\S*)?/giu;

/** More links than a person sharing slides would paste. */
export function isLinkFlood(text: string, maxLinks = 2): boolean {
  return (text.match(URL_PATTERN) ?? []).length > maxLinks;
}

/** The same words from the same author, ignoring case, spacing and punctuation. */
export function sameText(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\s\p{P}]+/gu, ' ')
      .trim();
  return norm(a) === norm(b);
}

export interface FlagInput {
  text: string;
  customWords: string[];
  recentTextsBySameAuthor: string[];
}

export function flagsFor({ text, customWords, recentTextsBySameAuthor }: FlagInput): Flag[] {
  const flags: Flag[] = [];
  if (hasProfanity(text, customWords)) flags.push('profanity');
  if (isHashbomb(text)) flags.push('hashbomb');
  if (isLinkFlood(text)) flags.push('link_flood');
  if (recentTextsBySameAuthor.some((previous) => sameText(previous, text))) flags.push('repeated');
  return flags;
}
