/**
 * What a person types into a search box, turned into an SQLite FTS5 query. Every word and
 * phrase becomes an FTS5 string ("..."), so nothing typed can be read as FTS5 syntax: a stray
 * quote, parenthesis, colon or NEAR is just text, and the query can never be a syntax error.
 *
 * Understood: words (all must match), "a phrase" (words in that order), a trailing * for a
 * prefix (`kube*`), and OR in capitals between two terms. Pieces without a letter or digit are
 * dropped; a search with nothing left has nothing to look for (`hasSearchTerms` is false).
 *
 * Zod-free and shared: the server builds the query, the client can tell a search that will be
 * refused before sending it.
 */

/** How many words and phrases one search may hold; more are ignored. */
export const MAX_SEARCH_TERMS = 12;

const WORDY = /[\p{L}\p{N}]/u;

interface Term {
  text: string;
  prefix: boolean;
  or: boolean;
}

function terms(input: string): Term[] {
  const found: Term[] = [];
  let or = false;
  const add = (text: string, prefix: boolean) => {
    if (!WORDY.test(text) || found.length >= MAX_SEARCH_TERMS) return;
    found.push({ text, prefix, or: or && found.length > 0 });
    or = false;
  };
  // A phrase is a quoted run (an unclosed quote runs to the end); a word is anything else.
  const pieces = input.matchAll(/"([^"]*)"?(\*?)|([^\s"]+)/g);
  for (const piece of pieces) {
    if (piece[3] !== undefined) {
      const word = piece[3];
      if (word === 'OR') {
        or = true;
        continue;
      }
      const prefix = word.endsWith('*');
      add(word.replace(/\*+$/, ''), prefix);
    } else {
      add(piece[1]!.trim(), piece[2] === '*');
    }
  }
  return found;
}

/** Whether `input` holds anything to search for. */
export function hasSearchTerms(input: string): boolean {
  return terms(input).length > 0;
}

/** The FTS5 MATCH expression for `input`, or null when there is nothing to look for. */
export function toFtsQuery(input: string): string | null {
  const found = terms(input);
  if (found.length === 0) return null;
  return found
    .map((term) => {
      // Inside an FTS5 string a double quote is written twice; the tokenizer reads the rest.
      const quoted = `"${term.text.replace(/"/g, '""')}"${term.prefix ? '*' : ''}`;
      return term.or ? `OR ${quoted}` : quoted;
    })
    .join(' ');
}

const NUMBER = String.raw`-?\d+(?:\.\d+)?(?:e[+-]?\d+)?`;
/**
 * A ranked search's paging cursor as the server hands it out: seven numbers joined by "~" (the
 * last item's score, kind and id, and the newest id of each kind the search is drawn from).
 * Opaque to clients, which send it back as they got it.
 */
export const SEARCH_CURSOR_PATTERN = new RegExp(`^${NUMBER}(?:~${NUMBER}){6}$`);

/** A piece of a highlighted snippet: `match` marks the words that matched. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

/** The markers the server asks FTS5 to put around matches; stored text never holds them. */
export const SNIPPET_OPEN = '\u0002';
export const SNIPPET_CLOSE = '\u0003';

/** FTS5 snippet() output as parts, so no client ever treats a snippet as markup. */
export function snippetParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let match = false;
  // eslint-disable-next-line no-control-regex -- \u0002 and \u0003 are the snippet markers FTS5 was asked to put in
  for (const chunk of marked.split(/([\u0002\u0003])/)) {
    if (chunk === SNIPPET_OPEN) match = true;
    else if (chunk === SNIPPET_CLOSE) match = false;
    else if (chunk) parts.push({ text: chunk, match });
  }
  return parts;
}
