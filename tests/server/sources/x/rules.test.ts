import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  desiredRules,
  diffRules,
  eventIdsOfTag,
  queryFor,
} from '../../../../server/sources/x/rules.ts';
import { startFakeX, type FakeX } from '../../../../server/sources/x/fake/server.ts';
import { asModerator, bearer, seedEvent } from '../../../helper.ts';
import { buildAuthor, buildWithX, waitFor, xPosts, type XTestApp } from './helper.ts';

const RULES = '/2/tweets/search/stream/rules';

describe('rules from hashtags', () => {
  it('makes one rule per event, retweets excluded, tagged with the event', () => {
    expect(queryFor(['devconf'])).toBe('#devconf -is:retweet');
    expect(queryFor(['devconf', 'dc26'])).toBe('(#devconf OR #dc26) -is:retweet');
    expect(queryFor([])).toBeNull();
    expect(
      desiredRules([
        { id: 1, hashtags: '["a","b"]' },
        { id: 2, hashtags: '[]' },
      ]),
    ).toEqual([{ value: '(#a OR #b) -is:retweet', tag: 'event:1' }]);
  });

  it('shares one rule between events with the same hashtags, since X refuses duplicate values', () => {
    const rules = desiredRules([
      { id: 3, hashtags: '["a"]' },
      { id: 1, hashtags: '["a"]' },
    ]);
    expect(rules).toEqual([{ value: '#a -is:retweet', tag: 'event:1,3' }]);
    expect(eventIdsOfTag('event:1,3')).toEqual([1, 3]);
    expect(eventIdsOfTag('someone-else')).toEqual([]);
  });

  it('diffs to only the rules that changed and leaves rules it did not make alone', () => {
    const existing = [
      { id: '10', value: '#a -is:retweet', tag: 'event:1' },
      { id: '11', value: '#old -is:retweet', tag: 'event:2' },
      { id: '12', value: '#a -is:retweet', tag: 'event:1' },
      { id: '13', value: 'from:someone', tag: 'marketing' },
    ];
    const { add, remove } = diffRules(existing, [
      { value: '#a -is:retweet', tag: 'event:1' },
      { value: '#new -is:retweet', tag: 'event:2' },
    ]);
    expect(add).toEqual([{ value: '#new -is:retweet', tag: 'event:2' }]);
    expect(remove.map((rule) => rule.id)).toEqual(['11', '12']);
  });
});

describe('stream rules kept in sync with the events', () => {
  let fake: FakeX;
  let t: XTestApp;
  beforeEach(async () => {
    fake = await startFakeX({ heartbeatMs: 200 });
    t = await buildWithX(fake);
    await waitFor('the stream', () => fake.streams().live === 1);
  });
  afterEach(async () => {
    await t.close();
    await fake.close();
  });

  const ruleWrites = () =>
    fake.requests.filter((r) => r.path === RULES && r.method === 'POST').map((r) => r.body);

  it('adds a rule when an event is made and, on a hashtag change, adds the new rule before deleting the old, for that event only', async () => {
    const one = seedEvent(t.app, { hashtags: ['alpha', 'beta'] });
    const two = seedEvent(t.app, { hashtags: ['gamma'] });
    await waitFor('two rules', () => fake.rules().length === 2);
    const before = fake.rules();
    const twoRule = before.find((rule) => rule.tag === `event:${two.eventId}`)!;
    const oneRule = before.find((rule) => rule.tag === `event:${one.eventId}`)!;
    expect(oneRule.value).toBe('(#alpha OR #beta) -is:retweet');
    const writesBefore = ruleWrites().length;

    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/events/${one.eventId}`,
      headers: bearer(one.moderatorKey),
      payload: { hashtags: ['beta', 'delta'] },
    });
    expect(res.statusCode).toBe(200);
    await waitFor('the new rule', () =>
      fake.rules().some((rule) => rule.value === '(#beta OR #delta) -is:retweet'),
    );

    await waitFor('the old rule to go', () => fake.rules().length === 2);
    expect(ruleWrites().slice(writesBefore)).toEqual([
      { add: [{ value: '(#beta OR #delta) -is:retweet', tag: `event:${one.eventId}` }] },
      { delete: { ids: [oneRule.id] } },
    ]);
    // The other event's rule was never touched, and nothing was ever deleted wholesale.
    expect(fake.rules().find((rule) => rule.tag === `event:${two.eventId}`)).toEqual(twoRule);
    expect(fake.requests.some((r) => r.query.delete_all !== undefined)).toBe(false);
  });

  it('changes no rule when an event changes without touching its hashtags', async () => {
    const one = seedEvent(t.app, { hashtags: ['alpha'] });
    await waitFor('the rule', () => fake.rules().length === 1);
    const writes = ruleWrites().length;
    const reads = fake.requests.filter((r) => r.path === RULES).length;
    t.app.domain.events.update(asModerator(one.eventId), one.eventId, { name: 'Renamed' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ruleWrites().length).toBe(writes);
    expect(fake.requests.filter((r) => r.path === RULES).length).toBe(reads);
  });

  it('sends a tweet matching several events’ rules to each of them, once', async () => {
    const one = seedEvent(t.app, { hashtags: ['shared'], settings: { postModeration: 'post' } });
    const two = seedEvent(t.app, {
      hashtags: ['shared', 'other'],
      settings: { postModeration: 'post' },
    });
    const three = seedEvent(t.app, { hashtags: ['shared'], settings: { postModeration: 'post' } });
    await waitFor('two rules', () => fake.rules().length === 2);
    expect(
      fake
        .rules()
        .map((rule) => rule.tag)
        .sort(),
    ).toEqual([`event:${one.eventId},${three.eventId}`, `event:${two.eventId}`].sort());

    const { tweet } = fake.emit({ text: 'Everyone at #shared, hello', author: buildAuthor() });
    fake.emit({ text: 'Only #other here', author: buildAuthor() });
    await waitFor(
      'the tweets',
      () =>
        xPosts(t, two.eventId).length === 2 &&
        xPosts(t, one.eventId).length === 1 &&
        xPosts(t, three.eventId).length === 1,
    );
    for (const event of [one, two, three])
      expect(xPosts(t, event.eventId).filter((p) => p.source_id === tweet.id)).toHaveLength(1);
  });

  it('leaves retweets out', async () => {
    const one = seedEvent(t.app, { hashtags: ['rtconf'], settings: { postModeration: 'post' } });
    await waitFor('the rule', () => fake.rules().length === 1);
    const { tweet } = fake.emit({ text: 'Original #rtconf', author: buildAuthor() });
    fake.emit({
      text: 'RT @someone: Original #rtconf',
      author: buildAuthor(),
      retweetOf: tweet.id,
    });
    const reply = fake.emit({
      text: '@someone agreed #rtconf',
      author: buildAuthor(),
      replyTo: tweet.id,
    });
    const quote = fake.emit({ text: 'This! #rtconf', author: buildAuthor(), quoteOf: tweet.id });
    await waitFor('the reply and the quote', () => xPosts(t, one.eventId).length === 3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(xPosts(t, one.eventId).map((p) => p.source_id)).toEqual([
      tweet.id,
      reply.tweet.id,
      quote.tweet.id,
    ]);
  });
});
