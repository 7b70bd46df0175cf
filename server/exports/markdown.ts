/**
 * Markdown from attendee text. A report is opened in viewers that turn Markdown into HTML, so
 * nothing a post says may become markup there: a link, an image, raw HTML, a heading or a list.
 * Every character Markdown gives a meaning to is backslash-escaped (CommonMark renders `\x` as
 * a literal `x` for any ASCII punctuation), and so is what starts a block at a line's start.
 */

// Inline syntax: emphasis, code, links and images, HTML and entities, tables, strikethrough.
const INLINE = /[\\`*_[\]<>#|~&!]/g;
// GitHub-flavoured viewers turn bare URLs and e-mail addresses into links; a backslash inside
// the trigger keeps the text and drops the link.
const AUTOLINK = [
  [/\b(https?|ftp|mailto|xmpp):/gi, '$1\\:'],
  [/\bwww\./gi, 'www\\.'],
  [/@/g, '\\@'],
] as const;

function escapeLine(line: string): string {
  let text = line.trimStart().replace(INLINE, '\\$&');
  for (const [pattern, replacement] of AUTOLINK) text = text.replace(pattern, replacement);
  // Block starts the inline escapes leave: bullets, setext underlines, ordered list numbers.
  return text.replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/** One line of user text, line breaks folded into spaces. */
export function mdInline(text: string): string {
  return escapeLine(text.replace(/\s+/g, ' ').trim());
}

/** User text of several lines, each escaped; blank lines dropped so a text stays one block. */
export function mdLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map(escapeLine)
    .filter((line) => line.length > 0);
}

/** A list item: its first line after `- `, the rest indented under it, each a hard line break. */
export function mdListItem(lines: readonly string[]): string {
  return `- ${lines.join('\\\n  ')}\n`;
}

/** '2025-05-01 14:05 UTC' for an ISO time; what the time was, escaped, if it does not parse. */
export function mdTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return mdInline(iso);
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
