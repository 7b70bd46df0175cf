/** The fake X's answers: JSON and problem bodies, tweet expansions, and recent search. */
import type { ServerResponse } from 'node:http';
import { matches, parseQuery, type FakeUser, type StoredTweet } from './tweets.ts';

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function problem(
  res: ServerResponse,
  status: number,
  title: string,
  detail: string,
  headers: Record<string, string> = {},
) {
  json(res, status, { title, detail, type: 'about:blank', status }, headers);
}

export function includesFor(items: StoredTweet[], byId: Map<string, StoredTweet>) {
  const users = new Map<string, FakeUser>();
  const media = items.flatMap((item) => item.media);
  const referenced = new Map<string, StoredTweet>();
  for (const item of items) {
    users.set(item.user.id, item.user);
    for (const ref of item.tweet.referenced_tweets ?? []) {
      const target = byId.get(ref.id);
      if (target) referenced.set(target.tweet.id, target);
    }
  }
  for (const target of referenced.values()) users.set(target.user.id, target.user);
  return {
    users: [...users.values()],
    ...(media.length > 0 ? { media } : {}),
    ...(referenced.size > 0 ? { tweets: [...referenced.values()].map((t) => t.tweet) } : {}),
  };
}

/** Recent search: newest first, since_id / until_id / start_time, pages of max_results with next_token. */
export function searchRecent(
  store: StoredTweet[],
  byId: Map<string, StoredTweet>,
  query: Record<string, string>,
  indexDelayMs: number,
): [number, unknown] {
  if (!query.query)
    return [
      400,
      {
        title: 'Invalid Request',
        detail: 'One or more parameters to your request was invalid.',
        type: 'about:blank',
        status: 400,
      },
    ];
  const matcher = parseQuery(query.query);
  const max = Math.min(100, Math.max(10, Number(query.max_results ?? 10) || 10));
  const since = query.since_id ? BigInt(query.since_id) : null;
  const until = query.until_id ? BigInt(query.until_id) : null;
  const before = query.next_token
    ? BigInt(Buffer.from(query.next_token, 'base64url').toString())
    : null;
  const start = query.start_time ? Date.parse(query.start_time) : null;
  const indexed = Date.now() - indexDelayMs;
  const found = store
    .filter((item) => {
      const id = BigInt(item.tweet.id);
      return (
        matches(matcher, item) &&
        (since === null || id > since) &&
        (until === null || id < until) &&
        (before === null || id < before) &&
        (start === null || Date.parse(item.tweet.created_at) >= start) &&
        Date.parse(item.tweet.created_at) <= indexed
      );
    })
    .sort((a, b) => (BigInt(b.tweet.id) > BigInt(a.tweet.id) ? 1 : -1));
  const page = found.slice(0, max);
  if (page.length === 0) return [200, { meta: { result_count: 0 } }];
  const oldest = page[page.length - 1]!.tweet.id;
  const meta = {
    newest_id: page[0]!.tweet.id,
    oldest_id: oldest,
    result_count: page.length,
    ...(found.length > page.length
      ? { next_token: Buffer.from(oldest).toString('base64url') }
      : {}),
  };
  return [200, { data: page.map((item) => item.tweet), includes: includesFor(page, byId), meta }];
}
