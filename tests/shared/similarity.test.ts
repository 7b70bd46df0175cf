import { describe, expect, it } from 'vitest';
import {
  contentWords,
  contrasts,
  DEFAULT_DUPLICATE_THRESHOLD,
  isDuplicate,
  normalizeText,
  shapeOf,
  similarity,
  trigramOverlap,
  trigrams,
  wordOverlap,
} from '../../shared/similarity.ts';
import { DUPLICATE_PAIRS } from './fixtures/duplicate-pairs.ts';

describe('similarity scoring', () => {
  it('folds case and accents and drops punctuation', () => {
    expect(normalizeText('Comment gérez-vous la SÉCURITÉ ?')).toBe(
      'comment gerez vous la securite',
    );
  });

  it('keeps only the words that say what is asked, stemmed, each once', () => {
    expect(contentWords('How do you scale the scaling of scaled scales?')).toEqual(['scal']);
    expect(contentWords('What is the best way to use it?')).toEqual([]);
    expect(contentWords('Do junior devs use k8s?')).toEqual(['junior', 'developer', 'kubernet']);
  });

  it('matches a word with a typo or two letters swapped, but not short words that differ', () => {
    expect(wordOverlap(['kubernet'], ['kubernets'])).toBe(1);
    expect(wordOverlap(['python'], ['pyhton'])).toBe(1);
    expect(wordOverlap(['read'], ['lead'])).toBe(0);
  });

  it('reads two words as one when the other question writes them together', () => {
    expect(wordOverlap(['road', 'map'], ['roadmap'])).toBe(1);
  });

  it('scores trigram overlap as a Dice coefficient', () => {
    expect(trigramOverlap(trigrams(['abc']), trigrams(['abc']))).toBe(1);
    expect(trigramOverlap(trigrams(['abc']), trigrams(['xyz']))).toBe(0);
    expect(trigramOverlap(new Set(), trigrams(['abc']))).toBe(0);
  });

  it('counts a slot where one different word stands in the same place', () => {
    const reads = shapeOf('How do you scale Postgres reads?');
    const writes = shapeOf('How do you scale Postgres writes?');
    expect(contrasts(reads.tokens, writes.tokens)).toBe(1);
    expect(contrasts(reads.tokens, shapeOf('how do you scale postgres reads').tokens)).toBe(0);
  });

  it('scores the same question 1, an unrelated one 0, and is symmetric', () => {
    expect(similarity('Is the code open source?', 'Will you open source the code?')).toBe(1);
    expect(similarity('Is there a Docker image?', 'Can it run on ARM?')).toBe(0);
    const a = 'How do you handle GDPR requests to delete user data?';
    const b = 'How do you deal with GDPR deletion requests for user data?';
    expect(similarity(a, b)).toBeCloseTo(similarity(b, a), 10);
  });

  it('scores a near miss below a paraphrase of the same question', () => {
    const asked = 'How do you scale Postgres reads?';
    expect(similarity(asked, 'How do you scale Postgres writes?')).toBeLessThan(
      similarity(asked, 'What is your approach to scaling reads on PostgreSQL?'),
    );
  });

  it('gives a question with no content words nothing in common with anything', () => {
    expect(similarity('What do you think?', 'What do you think?')).toBe(0);
  });
});

describe('the labelled question pairs', () => {
  it('hold at least 100 pairs of both kinds, each pair once', () => {
    expect(DUPLICATE_PAIRS.length).toBeGreaterThanOrEqual(100);
    expect(DUPLICATE_PAIRS.filter((pair) => pair.duplicate).length).toBeGreaterThanOrEqual(40);
    expect(
      DUPLICATE_PAIRS.filter((pair) => pair.kind === 'near-miss').length,
    ).toBeGreaterThanOrEqual(30);
    const keys = DUPLICATE_PAIRS.map((pair) => `${pair.a}|${pair.b}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('are told apart with precision and recall of at least 0.8 at the default threshold', () => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    const missedByKind: Record<string, number> = {};
    for (const pair of DUPLICATE_PAIRS) {
      const said = isDuplicate(similarity(pair.a, pair.b), DEFAULT_DUPLICATE_THRESHOLD);
      if (said && pair.duplicate) truePositives += 1;
      else if (said) falsePositives += 1;
      else if (pair.duplicate) falseNegatives += 1;
      if (said !== pair.duplicate) missedByKind[pair.kind] = (missedByKind[pair.kind] ?? 0) + 1;
    }
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / (truePositives + falseNegatives);
    console.log(
      `duplicate questions at threshold ${DEFAULT_DUPLICATE_THRESHOLD}: ` +
        `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} over ${DUPLICATE_PAIRS.length} pairs ` +
        `(wrong by kind: ${JSON.stringify(missedByKind)})`,
    );
    expect(precision).toBeGreaterThanOrEqual(0.8);
    expect(recall).toBeGreaterThanOrEqual(0.8);
  });
});
