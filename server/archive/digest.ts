import { extractHashtags } from '../../shared/text.ts';

/** What an event's public texts add up to: the links people shared and the topics they used. */
export interface Counted {
  key: string;
  count: number;
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`]+/giu;
// Sentence punctuation after a link is not part of it ("see https://x.org/a.").
const TRAILING = /[.,;:!?)\]}»”’]+$/u;

/** A link as people would recognise it as the same: host lower-cased, no #fragment. */
export function normalizeLink(raw: string): string | null {
  try {
    const url = new URL(raw.replace(TRAILING, ''));
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

function ranked(counts: Map<string, number>, limit: number): Counted[] {
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    .slice(0, limit);
}

/** Each distinct link in the texts with how many texts shared it, most shared first. */
export function sharedLinks(texts: readonly string[], limit: number): Counted[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    const seen = new Set<string>();
    for (const match of text.matchAll(URL_IN_TEXT)) {
      const link = normalizeLink(match[0]);
      if (link && !seen.has(link)) {
        seen.add(link);
        counts.set(link, (counts.get(link) ?? 0) + 1);
      }
    }
  }
  return ranked(counts, limit);
}

/**
 * Topics: each session's tag, counted by its public questions, and the hashtags people used,
 * counted by the texts that carry them. The event's own hashtags and its question tag are on
 * nearly everything and say nothing about a topic: left out.
 */
export function topics(
  texts: readonly string[],
  sessionTags: ReadonlyArray<{ tag: string; questions: number }>,
  ignored: readonly string[],
  limit: number,
): Counted[] {
  const skip = new Set(ignored.map((tag) => tag.toLowerCase()));
  const counts = new Map<string, number>();
  const add = (tag: string, n: number) => {
    if (!skip.has(tag)) counts.set(tag, (counts.get(tag) ?? 0) + n);
  };
  for (const { tag, questions } of sessionTags) add(tag.toLowerCase(), questions);
  for (const text of texts) for (const tag of extractHashtags(text)) add(tag, 1);
  return ranked(counts, limit).filter((topic) => topic.count > 0);
}
