/**
 * Text cleaning shared by every input path. User text is shown on a projector and in many
 * browsers; control characters and bidirectional overrides can break layouts or disguise text
 * (an override can make "gnp.exe" read as "exe.png"), so they are removed before validation.
 */
// C0 controls except tab and newline, DEL, C1 controls, and the bidi embedding/override/isolate
// characters. Zero-width joiners stay: emoji sequences need them.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

export function cleanText(input: string): string {
  return input.normalize('NFC').replace(CONTROL, '').replace(/\t/g, ' ').trim();
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

/** '#DevConf' or 'DevConf' -> 'devconf'. */
export function normalizeHashtag(tag: string): string {
  return tag.trim().replace(/^#+/, '').toLowerCase();
}
