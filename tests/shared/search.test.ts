import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { hasSearchTerms, MAX_SEARCH_TERMS, snippetParts, toFtsQuery } from '../../shared/search.ts';

// The same tokenizer as migration 013, on a throwaway in-memory index.
const db = new Database(':memory:');
db.exec(
  "CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'porter unicode61 remove_diacritics 2')",
);
db.prepare('INSERT INTO t (body) VALUES (?)').run('How does Kubernetes scale? "Quoted" words');
const run = (match: string) =>
  db.prepare('SELECT count(*) FROM t WHERE t MATCH ?').pluck().get(match);
afterAll(() => db.close());

describe('toFtsQuery', () => {
  it('quotes each word, keeps phrases, prefixes and OR', () => {
    expect(toFtsQuery('kube* "does it"')).toBe('"kube"* "does it"');
    expect(toFtsQuery('scale OR grow')).toBe('"scale" OR "grow"');
    expect(toFtsQuery('OR scale OR')).toBe('"scale"');
    expect(toFtsQuery('NEAR(a b) col:x')).toBe('"NEAR(a" "b)" "col:x"');
    expect(toFtsQuery('% _ --')).toBeNull();
    expect(hasSearchTerms(' * "" ')).toBe(false);
  });

  it('keeps at most MAX_SEARCH_TERMS terms', () => {
    const many = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    expect(toFtsQuery(many)!.split(' ')).toHaveLength(MAX_SEARCH_TERMS);
  });

  it('finds what it should through a real FTS5 index', () => {
    expect(run(toFtsQuery('KUBERNETES scaling')!)).toBe(1);
    expect(run(toFtsQuery('kub*')!)).toBe(1);
    expect(run(toFtsQuery('"does kubernetes"')!)).toBe(1);
    expect(run(toFtsQuery('"kubernetes does"')!)).toBe(0);
    expect(run(toFtsQuery('"quoted')!)).toBe(1);
    expect(run(toFtsQuery('nothing OR scale')!)).toBe(1);
  });

  it('never builds a query FTS5 refuses, whatever is typed', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 100 }),
          fc.stringMatching(/^[a-z"*():^+\- ORNEAND{}]{0,40}$/),
          fc
            .array(fc.constantFrom('"', '*', 'OR', 'AND', 'NOT', 'NEAR', '(', ')', ':', '^', 'x'), {
              maxLength: 20,
            })
            .map((parts) => parts.join(' ')),
        ),
        (text) => {
          const match = toFtsQuery(text);
          if (match !== null) expect(() => run(match)).not.toThrow();
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('snippetParts', () => {
  it('turns the match markers into parts, never markup', () => {
    expect(snippetParts('a \u0002<b>\u0003 c')).toEqual([
      { text: 'a ', match: false },
      { text: '<b>', match: true },
      { text: ' c', match: false },
    ]);
  });
});
