/**
 * How alike two questions are, from 0 (nothing in common) to 1 (the same words). Used to offer
 * "upvote this instead?" while an attendee types and to tell moderators what to merge: the
 * server scores the FTS5 candidates, the client only shows the result.
 *
 * Two measures, blended:
 * - words: the content words both ask about (stop words dropped, accents and case folded, a light
 *   stem), a word matching one that differs by a typo, as a Dice coefficient;
 * - trigrams: the character trigrams of those words, which catch what word matching misses
 *   (compounds, inflections, a word split in two).
 *
 * Zod-free and pure, so the labelled pairs in tests/shared can measure precision and recall.
 */

/** Scores at or above this are offered as duplicates unless the event sets its own. */
export const DEFAULT_DUPLICATE_THRESHOLD = 0.6;
/** The setting's range: below 0.2 nearly everything matches, above 0.9 nearly nothing. */
export const DUPLICATE_THRESHOLD_RANGE = { min: 0.2, max: 0.9 } as const;

/** The blend: words carry the meaning, trigrams forgive spelling. */
const WORD_WEIGHT = 0.6;
/** What each contrasting slot (see `contrasts`) leaves of the score. */
const CONTRAST_DISCOUNT = 0.8;

// Words that say nothing about what is asked, in the languages an event most often hears.
const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can could did do does doing for from had has have how i if ' +
    'in into is it its just me more most my no not of on or our out over so some such than that ' +
    'the their them then there these they this those to too up us very was we were what when ' +
    'where which while who whom why will with would you your yours any anyone about also get got ' +
    'should shall may might must much many other own same only both each few here let lets ' +
    'thanks thank please question talk speaker think know like one way really ' +
    // How a question is framed rather than what it asks about
    'approach best strategy tip tips look happen happens use using used make made pick choose ' +
    'handle deal go going work works plan idea ideas recommend recommendation recommendations ' +
    'instead also yes currently actually exactly possible part ' +
    // French, Spanish, German, Italian, Portuguese
    'le la les un une des du de et est en que qui quoi pour pas sur dans par avec ce cette ces ' +
    'il elle on nous vous ils je tu mon ma mes votre vos comment pourquoi quand ou au aux ' +
    'el los las y es que por para con del al se lo como cual cuando donde su sus una unos ' +
    'der die das und ist ein eine wie was warum wann wo mit von zu auf fur im den dem ' +
    'il di che per con come perche quando dove uma um os as do da em com por para ' +
    'oder ou est ce sont es ist sind son sera seront van gibt'
  ).split(' '),
);

/** Lower case, accents removed, anything but letters and digits a space. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Short forms people type for the long ones a speaker's slides use. */
const SHORT_FORMS: Record<string, string> = {
  dev: 'developer',
  devs: 'developers',
  eval: 'evaluation',
  evals: 'evaluations',
  repo: 'repository',
  repos: 'repositories',
  k8s: 'kubernetes',
  db: 'database',
  dbs: 'databases',
  postgres: 'postgresql',
  pg: 'postgresql',
  perf: 'performance',
  auth: 'authentication',
  docs: 'documentation',
  config: 'configuration',
  prod: 'production',
  js: 'javascript',
  ts: 'typescript',
  afterwards: 'after',
  afterward: 'after',
};

/** A light stem: enough that "scaling", "scaled" and "scales" meet "scale". */
function stem(raw: string): string {
  const word = SHORT_FORMS[raw] ?? raw;
  if (word.length > 5 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('es') && !word.endsWith('ses')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  if (word.length > 4 && word.endsWith('e')) return word.slice(0, -1);
  return word;
}

const isContent = (word: string) => word.length > 1 && !STOP_WORDS.has(word);

/** The words a question asks about, stemmed, each once. */
export function contentWords(text: string): string[] {
  const words = normalizeText(text).split(' ').filter(isContent);
  return [...new Set(words.map(stem))];
}

/** The content words as typed (folded, not stemmed), each once: what to search the index for. */
export function searchWords(text: string): string[] {
  return [...new Set(normalizeText(text).split(' ').filter(isContent))];
}

/** Every word in order, content words stemmed, for alignment. */
interface Token {
  word: string;
  content: boolean;
}

function tokensOf(text: string): Token[] {
  return normalizeText(text)
    .split(' ')
    .filter(Boolean)
    .map((word) => ({ word: isContent(word) ? stem(word) : word, content: isContent(word) }));
}

/** Levenshtein distance, giving up (returning max + 1) once it must exceed `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  let beforePrevious = previous;
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      // Two letters swapped ("pyhton") is one slip of the fingers, not two.
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j]!, beforePrevious[j - 2]! + 1);
      best = Math.min(best, row[j]!);
    }
    if (best > max) return max + 1;
    beforePrevious = previous;
    previous = row;
  }
  return previous[b.length]!;
}

/** Same word, or the same word with a typo: one edit in five letters, two in nine. */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const shorter = Math.min(a.length, b.length);
  if (shorter < 5) return false;
  return editDistance(a, b, shorter >= 9 ? 2 : 1) <= (shorter >= 9 ? 2 : 1);
}

/** "road map" read as "roadmap" when the other question writes it so (and the reverse). */
function joinSplitWords(words: string[], other: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const joined = `${words[i]}${words[i + 1] ?? ''}`;
    if (i + 1 < words.length && other.some((word) => sameWord(word, joined))) {
      out.push(joined);
      i += 1;
    } else out.push(words[i]!);
  }
  return out;
}

/** Dice over words, each word of the shorter side matched to at most one of the other. */
export function wordOverlap(left: string[], right: string[]): number {
  const a = joinSplitWords(left, right);
  const b = joinSplitWords(right, a);
  if (a.length === 0 || b.length === 0) return 0;
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  const free = [...large];
  let matched = 0;
  for (const word of small) {
    const at = free.findIndex((other) => sameWord(word, other));
    if (at === -1) continue;
    matched += 1;
    free.splice(at, 1);
  }
  return (2 * matched) / (a.length + b.length);
}

/** The character trigrams of some words, each word padded so its edges count. */
export function trigrams(words: string[]): Set<string> {
  const grams = new Set<string>();
  for (const word of words) {
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}

/** Dice over two trigram sets. */
export function trigramOverlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}

/**
 * Slots where the two questions put one different content word in the same place, the rest
 * around it alike: "scale Postgres reads" against "scale Postgres writes". Such a pair shares
 * most words and still asks something else. Aligned by a longest common subsequence of words.
 */
export function contrasts(a: Token[], b: Token[]): number {
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = sameWord(a[i]!.word, b[j]!.word)
        ? lcs[i + 1]![j + 1]! + 1
        : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  let count = 0;
  let gapA = 0;
  let gapB = 0;
  const closeGap = (endA: number, endB: number) => {
    const inA = a.slice(gapA, endA).filter((token) => token.content).length;
    const inB = b.slice(gapB, endB).filter((token) => token.content).length;
    if (inA === 1 && inB === 1) count += 1;
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (sameWord(a[i]!.word, b[j]!.word)) {
      closeGap(i, j);
      i += 1;
      j += 1;
      gapA = i;
      gapB = j;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) i += 1;
    else j += 1;
  }
  closeGap(a.length, b.length);
  return count;
}

/** A question prepared once for scoring against many. */
export interface QuestionShape {
  words: string[];
  grams: Set<string>;
  tokens: Token[];
}

export function shapeOf(text: string): QuestionShape {
  const words = contentWords(text);
  // Long texts are cut for the alignment, which is quadratic: a question is at most 300 chars.
  return { words, grams: trigrams(words), tokens: tokensOf(text).slice(0, 80) };
}

/** How alike two questions are, 0 to 1. */
export function similarity(a: QuestionShape | string, b: QuestionShape | string): number {
  const left = typeof a === 'string' ? shapeOf(a) : a;
  const right = typeof b === 'string' ? shapeOf(b) : b;
  const words = wordOverlap(left.words, right.words);
  const grams = trigramOverlap(left.grams, right.grams);
  const blend = WORD_WEIGHT * words + (1 - WORD_WEIGHT) * grams;
  return blend * CONTRAST_DISCOUNT ** contrasts(left.tokens, right.tokens);
}

/** Whether a score says "the same question" at this threshold. */
export function isDuplicate(score: number, threshold = DEFAULT_DUPLICATE_THRESHOLD): boolean {
  return score >= threshold;
}
