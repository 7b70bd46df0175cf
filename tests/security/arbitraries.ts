/**
 * fast-check arbitraries for hostile input: values of every wrong type, oversized and deeply
 * nested ones, unicode, and the keys that pollute prototypes. Bodies are serialised by hand, so
 * a `__proto__` key reaches the server as an own key rather than silently vanishing.
 */
import fc from 'fast-check';

export const POLLUTING_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
];

const nested = (depth: number, leaf: unknown, asObject: boolean): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value];
  return value;
};

export const unicode = fc.string({ unit: 'binary', maxLength: 40 });

/**
 * Anything but a sensible value: wrong types, edge numbers, hostile strings, big and deep values.
 * `bigStrings` caps the occasional huge string (a socket message over 64 KiB is dropped on purpose).
 */
export function evil(bigStrings = 70_000): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 3, arbitrary: unicode },
    {
      weight: 3,
      arbitrary: fc.constantFrom<unknown>(
        null,
        true,
        false,
        0,
        -1,
        1.5,
        -0,
        1e308,
        Number.MAX_SAFE_INTEGER + 2,
        '',
        ' ',
        '\u0000',
        '\u202E\u202D',
        '\uFEFF',
        '<script>alert(1)</script>',
        "'; DROP TABLE posts; --",
        '${7*7}{{7*7}}',
        '%s%n%x',
        'javascript:alert(1)',
        'https://',
        'http://',
        'data:text/html,<script>alert(1)</script>',
        '#'.repeat(60),
        '🎉'.repeat(200),
        'e\u0301'.repeat(300),
        [],
        {},
        [[[]]],
        { __proto__: null },
      ),
    },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: bigStrings }).map((n) => 'x'.repeat(n)) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 50, max: 400 }), fc.boolean())
        .map(([depth, asObject]) => nested(depth, 'deep', asObject)),
    },
  );
}

export const evilValue = evil();

/** An object from [key, value] pairs, keeping keys such as __proto__ as own properties. */
export function fromPairs(pairs: Array<[string, unknown]>): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of pairs)
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      configurable: true,
      writable: true,
    });
  return object;
}

/**
 * A body shaped like the schema (each known field present or not, sensible or hostile) plus a
 * few unexpected keys, as [key, value] pairs.
 */
export function shapedPairs(
  fields: Record<string, fc.Arbitrary<unknown>>,
  hostile: fc.Arbitrary<unknown> = evilValue,
): fc.Arbitrary<Array<[string, unknown]>> {
  const known = fc.record(
    Object.fromEntries(
      Object.entries(fields).map(([key, valid]) => [
        key,
        fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: hostile }),
      ]),
    ),
    { requiredKeys: [] },
  );
  const extra = fc.array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...POLLUTING_KEYS, 'admin', 'status', 'eventId', 'id'), unicode),
      hostile,
    ),
    {
      maxLength: 2,
    },
  );
  return fc
    .tuple(
      known,
      fc.oneof({ weight: 5, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: extra }),
    )
    .map(([object, more]) => [...(Object.entries(object) as Array<[string, unknown]>), ...more]);
}

/** JSON text of pairs, written by hand so repeated and __proto__ keys survive. */
export function pairsToJson(pairs: Array<[string, unknown]>): string {
  const members = pairs.flatMap(([key, value]) => {
    const text = JSON.stringify(value);
    return text === undefined ? [] : [`${JSON.stringify(key)}:${text}`];
  });
  return `{${members.join(',')}}`;
}

const MALFORMED_JSON = [
  '',
  '{',
  '}',
  '{"text":',
  '{"text":"unterminated}',
  "{'text':'single quotes'}",
  '{"text":"a",}',
  '[1,2,',
  'nul',
  'NaN',
  'undefined',
  '{"a":1}{"b":2}',
  '\uFEFF{"text":"bom"}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"text":"\\ud800"}',
  '"just a string"',
  '123',
  'null',
  'true',
  '[]',
  '{"text":"a","text":"b"}',
  '1e999',
  '-',
  '{"text":"\u0000"}',
];

const deepJson = fc
  .tuple(fc.integer({ min: 1_000, max: 30_000 }), fc.boolean())
  .map(([depth, asObject]) =>
    asObject
      ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
      : '['.repeat(depth) + ']'.repeat(depth),
  );

export interface RawBody {
  payload: string;
  contentType: string | undefined;
}

const contentType = fc.oneof(
  { weight: 20, arbitrary: fc.constant('application/json') },
  {
    weight: 1,
    arbitrary: fc.constantFrom<string | undefined>(
      undefined,
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=utf-16',
      'application/JSON',
      'application/json, text/plain',
      'application/xml',
      '*/*',
    ),
  },
);

/** A request body: mostly schema-shaped JSON, sometimes any JSON, malformed text or a very deep value. */
export function bodyArb(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<RawBody> {
  const payload = fc.oneof(
    { weight: 14, arbitrary: shapedPairs(fields).map(pairsToJson) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_JSON) },
    { weight: 1, arbitrary: deepJson },
  );
  return fc.record({ payload, contentType });
}

/**
 * A path parameter: a real id now and then, otherwise any string that could arrive in a URL, up
 * to the router's 200-character limit (longer ones are a separate test: see fuzz.test.ts).
 */
export function paramArb(valid: string[]): fc.Arbitrary<string> {
  return fc
    .oneof(
      { weight: 7, arbitrary: fc.constantFrom(...valid) },
      { weight: 2, arbitrary: fc.integer({ min: -1_000, max: 1_000_000_000_000 }).map(String) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          '0',
          '-1',
          '1.5',
          '1e3',
          '0x10',
          ' 1',
          '1 ',
          '+1',
          '01',
          '9007199254740993',
          '99999999999999999999999',
          'NaN',
          'Infinity',
          'null',
          'undefined',
          'true',
          '[]',
          '{}',
          '__proto__',
          'constructor',
          '..',
          '../..',
          '%',
          '%00',
          '\u0000',
          '\u202E1',
          '١٢٣',
          '9'.repeat(200),
          'a'.repeat(200),
        ),
      },
      { weight: 3, arbitrary: unicode },
    )
    .filter((value) => encodeURIComponent(value).length <= 200);
}

/** A query string: known keys with any value, unknown and polluting keys, repeated keys. */
export function queryArb(
  keys: string[],
  valid: Record<string, fc.Arbitrary<string>> = {},
): fc.Arbitrary<string> {
  const value = (key: string) =>
    fc.oneof(
      { weight: 2, arbitrary: valid[key] ?? unicode },
      { weight: 1, arbitrary: unicode },
      { weight: 1, arbitrary: fc.constantFrom('', '-1', '0', '1e9', 'x'.repeat(5000)) },
    );
  const pair = fc.oneof(
    {
      weight: 3,
      arbitrary:
        keys.length > 0
          ? fc
              .constantFrom(...keys)
              .chain((key) => value(key).map((v) => [key, v] as [string, string]))
          : fc.constant(['k', 'v'] as [string, string]),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(
        fc.oneof(
          fc.constantFrom(
            ...POLLUTING_KEYS,
            '__proto__[polluted]',
            'constructor[prototype][polluted]',
          ),
          unicode,
        ),
        unicode,
      ),
    },
  );
  return fc
    .array(pair, { maxLength: 4 })
    .map((pairs) => (pairs.length === 0 ? '' : `?${new URLSearchParams(pairs).toString()}`));
}

export const isoDate = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
  .map((d) => d.toISOString());
export const tag = fc.stringMatching(/^[a-z0-9_]{1,20}$/);
export const httpUrl = fc.webUrl({ validSchemes: ['https', 'http'] });
