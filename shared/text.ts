/**
 * Text cleaning shared by every input path. User text is shown on a projector and in many
 * browsers; control characters and bidirectional overrides can break layouts or disguise text
 * (an override can make "gnp.exe" read as "exe.png"), so they are removed before validation.
 */
// C0 controls except tab and newline, DEL, C1 controls, and the bidi embedding/override/isolate
// characters. Zero-width joiners stay: emoji sequences need them.
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** Combining marks kept on one base character: enough for any script, not for "Zalgo" text. */
export const MAX_STACKED_MARKS = 4;
const STACKED_MARKS = new RegExp(`(\\p{M}{${MAX_STACKED_MARKS}})\\p{M}+`, 'gu');

export function cleanText(input: string): string {
  return input
    .normalize('NFC')
    .replace(CONTROL, '')
    .replace(STACKED_MARKS, '$1')
    .replace(/\t/g, ' ')
    .trim();
}

/**
 * Characters that show nothing on their own: spaces of every kind, format characters (zero-width
 * spaces and joiners, the word joiner, invisible operators), variation selectors, combining marks
 * without a base, and the blank letters that pass for text (Hangul fillers, braille blank).
 */
const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class -- each character is matched alone on purpose: a lone Hangul filler or variation selector shows nothing
  /[\s\p{Z}\p{Cf}\p{M}\p{Cc}\u115F\u1160\u3164\uFFA0\u2800\u180E\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu;

/** Whether a text shows anything: one made only of invisible characters or marks does not. */
export function hasVisibleText(input: string): boolean {
  return input.replace(INVISIBLE, '').length > 0;
}

/** Single-line text (names, titles): newlines collapse to a space. */
export function cleanLine(input: string): string {
  return cleanText(input).replace(/\s+/g, ' ');
}

/** Multi-line text: at most two consecutive line breaks, no trailing spaces per line. */
export function cleanParagraphs(input: string): string {
  return cleanText(input)
    .replace(/\r\n?/g, '\n')
    .replace(/[ ]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}

const HASHTAG = /(^|[^\p{L}\p{N}_&])#([\p{L}\p{N}_]{1,50})/gu;

/** Hashtags in a text, lower-cased, without the '#', in order of first appearance. */
export function extractHashtags(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(HASHTAG)) {
    found.add(match[2]!.toLowerCase());
  }
  return [...found];
}

/** What a hashtag may hold once normalized: letters, digits and _. */
export const HASHTAG_PATTERN = /^[\p{L}\p{N}_]+$/u;

/** '#DevConf' or 'DevConf' -> 'devconf'. */
export function normalizeHashtag(tag: string): string {
  return tag.trim().replace(/^#+/, '').toLowerCase();
}
