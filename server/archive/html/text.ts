import { dateTimeIn } from '../../../shared/schedule.ts';
import type { SnippetPart } from '../../../shared/search.ts';
import { normalizeLink } from '../digest.ts';
import { markup, type Markup } from './markup.ts';

const URL_SPLIT = /(\bhttps?:\/\/[^\s<>"'`]+)/giu;

/** A line of user text with its web addresses as links (http and https only). */
function linked(line: string): Markup[] {
  return line.split(URL_SPLIT).map((piece, i) => {
    if (i % 2 === 0) return markup`${piece}`;
    const href = normalizeLink(piece);
    const trailing = piece.match(/[.,;:!?)\]}»”’]+$/u)?.[0] ?? '';
    const shown = trailing ? piece.slice(0, -trailing.length) : piece;
    return href
      ? markup`<a href="${href}" rel="nofollow ugc noopener">${shown}</a>${trailing}`
      : markup`${piece}`;
  });
}

/** User text as paragraphs (blank lines) and line breaks, with its links clickable. */
export function richText(text: string): Markup {
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim() !== '');
  return markup`${paragraphs.map(
    (paragraph) =>
      markup`<p>${paragraph
        .split('\n')
        .map((line, i) => markup`${i > 0 ? markup`<br />` : ''}${linked(line)}`)}</p>`,
  )}`;
}

/** A search snippet with the matched words marked. */
export function snippet(parts: readonly SnippetPart[]): Markup {
  return markup`${parts.map((part) => (part.match ? markup`<mark>${part.text}</mark>` : part.text))}`;
}

/** An instant in the event's time zone, machine-readable too. */
export function when(iso: string | null, zone: string): Markup {
  if (!iso) return markup``;
  return markup`<time datetime="${iso}">${dateTimeIn(iso, zone)}</time>`;
}

/** "1 question", "3 questions". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
