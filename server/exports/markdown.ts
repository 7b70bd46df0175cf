/**
 * Markdown from attendee text. A report is opened in viewers that turn Markdown into HTML, so
 * nothing a post says may become markup there: a link, an image, raw HTML, a heading, a list or
 * a table. It is also read as plain text, so only what could become markup is escaped (CommonMark
 * renders `\x` as a literal `x` for any ASCII punctuation): "snake_case", "a < b", "@bob" and
 * "Q&A" stay as typed.
 */
import { toZonedInput } from '../../shared/schedule.ts';

/**
 * What starts inline markup wherever it stands: code spans, emphasis, links and images (an
 * opening bracket is enough to stop one), strikethrough and table cells always; an underscore
 * unless inside a word (CommonMark never emphasises there); a backslash only where it would
 * escape the next character or break the line; `<` only where a tag or an autolink could start;
 * `&` only where it would spell an entity.
 */
const INLINE =
  /\\(?=[!-/:-@[-`{-~]|$)|[`*[~|]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])|<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]+;)/gu;

// GitHub-flavoured viewers turn bare URLs and e-mail addresses into links; a backslash inside
// the trigger keeps the text and drops the link. A handle ("@bob") is no address and stays.
const AUTOLINK = [
  [/\b(https?|ftp|mailto|xmpp):/gi, '$1\\:'],
  [/\bwww\./gi, 'www\\.'],
  [/(?<=[A-Za-z0-9._+-])@/g, '\\@'],
] as const;

function escapeLine(line: string): string {
  let text = line.trimStart().replace(INLINE, '\\$&');
  for (const [pattern, replacement] of AUTOLINK) text = text.replace(pattern, replacement);
  // What starts a block at a line's start: headings, quotes, bullets, setext underlines,
  // ordered list numbers.
  return text.replace(/^([-+=#>])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/** One line of user text, line breaks folded into spaces. Safe in a table cell too. */
export function mdInline(text: string): string {
  return escapeLine(text.replace(/\s+/g, ' ').trim());
}

/** A heading's text: also a closing run of `#`, which a viewer would drop from the heading. */
export function mdHeading(text: string): string {
  return mdInline(text).replace(/#+$/, '\\$&');
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

/** A table of the report's own cells (user text in them goes through mdInline first). */
export function mdTable(head: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  const line = (cells: readonly unknown[]) => `| ${cells.map(String).join(' | ')} |\n`;
  // Numbers right-aligned, so columns of counts read at a glance.
  const align = head.map((_, i) => (typeof rows[0]?.[i] === 'number' ? '---:' : '---'));
  return line(head) + line(align) + rows.map(line).join('');
}

/**
 * '2025-05-01 14:05' for an ISO time, on the clock of the event's zone (the report says which
 * zone once, at its top); what the time was, escaped, if it does not parse.
 */
export function mdTime(iso: string, zone: string): string {
  const local = toZonedInput(iso, zone);
  return local ? local.replace('T', ' ') : mdInline(iso);
}
