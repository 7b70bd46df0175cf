/**
 * The rules of the archive's people (issue 14, "who knows what"), in one zod-free place for the
 * server and the attendee app alike: what a person's link may be, what a speaker's page is
 * called, and how "who knows about X" ranks people.
 */
import { LIMITS } from './limits.ts';

/**
 * A person's one link, as it will be stored and shown: an https address (parsed, not pattern
 * matched) with a host and no user name or password in it, at most LIMITS.personLink.max long.
 * null when it is not one.
 */
export function personLink(raw: string): string | null {
  const text = raw.trim();
  if (text === '' || text.length > LIMITS.personLink.max) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.hostname === '' || url.username || url.password) return null;
  return url.href.length > LIMITS.personLink.max ? null : url.href;
}

/**
 * A speaker's page name: their name's letters and digits, lower-cased, words joined by "_"
 * ("Dr. Ada Lovelace" -> "dr_ada_lovelace"). Sessions whose speakers read the same are one
 * person. Never holds "-" (page numbers follow one), nor anything a URL must escape but letters.
 */
export function speakerSlug(name: string): string {
  const slug = name
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join('_')
    .slice(0, 80)
    .replace(/_+$/, '');
  return slug === '' ? `speaker_${fnv(name)}` : slug;
}

/** A short stable hash (FNV-1a, 32 bits) for a name with no letter or digit at all. */
function fnv(text: string): string {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * "Who knows about X": an accepted answer (an answer or reply marked as the answer to its
 * question) weighs ACCEPTED_WEIGHT, every other public answer or reply 1. People are ranked by
 * that score, then by accepted answers, then by name.
 */
export const ACCEPTED_WEIGHT = 3;

export function knowledgeScore(counts: { accepted: number; answers: number }): number {
  return ACCEPTED_WEIGHT * counts.accepted + (counts.answers - counts.accepted);
}

export function byKnowledge<T extends { accepted: number; answers: number; name: string }>(
  a: T,
  b: T,
): number {
  return (
    knowledgeScore(b) - knowledgeScore(a) || b.accepted - a.accepted || a.name.localeCompare(b.name)
  );
}
