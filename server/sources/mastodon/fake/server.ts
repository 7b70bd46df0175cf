/**
 * A fake Mastodon instance for tests, the demo and the benchmark: the public hashtag timeline
 * (`GET /api/v1/timelines/tag/:tag` with `min_id`, `since_id`, `max_id` and `limit`, newest
 * first, ids that encode time as Mastodon's do). Start two to play two instances: a status
 * posted on one can be federated to the other, which gives it its own id and keeps its `uri`
 * (and may receive it late, with an id from when it was written). Controls answer 401
 * (public timelines closed), 429 with X-RateLimit-Reset, or 5xx on command.
 *
 * With a user token (`token`): the hashtag stream (`GET /api/v1/streaming/hashtag?tag=`,
 * server-sent events, `event: update` per status, `event: delete` with a removed status's id,
 * `:thump` heartbeats), which can be dropped on command, and the token owner's mention
 * notifications (`GET /api/v1/notifications`). Where the stream lives is told as a real
 * instance tells it: `GET /api/v2/instance` (configuration.urls.streaming) or, with
 * `instanceApi: 'v1'`, only `GET /api/v1/instance` (urls.streaming_api); `separateStreaming`
 * serves the stream from a second port only, as instances behind a streaming host do.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeMastodonAccount {
  username: string;
  displayName?: string;
  avatar?: string;
}

export interface FakeTootInput {
  account: FakeMastodonAccount;
  /** The status HTML, as Mastodon renders it. */
  html: string;
  tags: string[];
  images?: string[];
  /** A boost of another status (the tag timeline should not carry these; some do). */
  boostOf?: string;
  inReplyTo?: string;
  /** Defaults to now. */
  at?: number;
}

export interface FakeToot {
  id: string;
  uri: string;
  created_at: string;
  tags: string[];
  json: Record<string, unknown>;
}

export interface FakeMastodon {
  url: string;
  host: string;
  post(input: FakeTootInput): FakeToot;
  /** This instance learns of a status from another one: its own id, the same uri. */
  federate(from: FakeToot, options?: { late?: boolean }): FakeToot;
  failNext(count: number, status: number, options?: { resetInSeconds?: number }): void;
  /** Every timeline request is answered 401 until called with false. */
  closePublic(closed: boolean): void;
  requests: Array<{ path: string; query: Record<string, string>; at: number }>;
  /** Streams open now, by tag. */
  streams(): string[];
  /** Ends every open stream, as a network drop would. */
  dropStreams(): void;
  /** The token owner is mentioned in this status: a notification for it. */
  mention(toot: FakeToot): void;
  /** Its author deletes the status: gone from the timeline, `event: delete` on the streams. */
  deleteStatus(toot: FakeToot): void;
  /** Where the stream is served (the instance's own origin unless `separateStreaming`). */
  streamingUrl: string;
  close(): Promise<void>;
}

export async function startFakeMastodon(
  options: {
    port?: number;
    host?: string;
    token?: string;
    heartbeatMs?: number;
    /** Which instance endpoint tells the streaming URL; 'none': neither (404). */
    instanceApi?: 'v2' | 'v1' | 'none';
    separateStreaming?: boolean;
  } = {},
): Promise<FakeMastodon> {
  const streams = new Set<{ tag: string; res: ServerResponse }>();
  const notifications: Array<{ id: string; json: Record<string, unknown> }> = [];
  const authorized = (header: string | undefined) =>
    options.token !== undefined && header === `Bearer ${options.token}`;
  const heartbeat = setInterval(() => {
    for (const stream of streams) stream.res.write(':thump\n\n');
  }, options.heartbeatMs ?? 10_000);
  const bind = options.host ?? '127.0.0.1';
  const statuses: FakeToot[] = [];
  const failures: Array<{ status: number; resetInSeconds: number }> = [];
  let closed = false;
  let sequence = 0;
  const requests: FakeMastodon['requests'] = [];

  let streamingUrl = '';
  const instanceApi = options.instanceApi ?? 'v2';
  const handler = (streamingServer: boolean) => (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake-mastodon');
    const query = Object.fromEntries(url.searchParams);
    requests.push({ path: url.pathname, query, at: Date.now() });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };
    const streamingHere = streamingServer || !options.separateStreaming;
    if (streamingServer && !url.pathname.startsWith('/api/v1/streaming'))
      return send(404, { error: 'Not found' });
    if (url.pathname === '/api/v2/instance' && instanceApi === 'v2')
      return send(200, {
        domain: host,
        version: '4.3.0',
        configuration: { urls: { streaming: streamingUrl.replace(/^http/, 'ws') } },
      });
    if (url.pathname === '/api/v1/instance' && instanceApi !== 'none')
      return send(200, {
        uri: host,
        version: '4.3.0',
        urls: { streaming_api: streamingUrl.replace(/^http/, 'ws') },
      });
    if (url.pathname === '/api/v1/streaming/hashtag' && req.method === 'GET' && streamingHere) {
      if (!authorized(req.headers.authorization))
        return send(401, { error: 'Error: Missing access token' });
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write(':)\n\n');
      const stream = { tag: (query.tag ?? '').toLowerCase(), res };
      streams.add(stream);
      res.on('close', () => streams.delete(stream));
      return;
    }
    if (url.pathname === '/api/v1/notifications' && req.method === 'GET') {
      if (!authorized(req.headers.authorization))
        return send(401, { error: 'The access token is invalid' });
      const minId = Number(query.min_id ?? NaN);
      const limit = Math.min(40, Math.max(1, Number(query.limit ?? 15) || 15));
      const after = notifications.filter((n) => Number.isNaN(minId) || Number(n.id) > minId);
      const page = Number.isNaN(minId) ? after.slice(-limit) : after.slice(0, limit);
      return send(
        200,
        page.reverse().map((n) => n.json),
      );
    }
    const match = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(url.pathname);
    if (!match || req.method !== 'GET') return send(404, { error: 'Record not found' });
    if (closed) return send(401, { error: 'This API requires an authenticated user' });
    const failure = failures.shift();
    if (failure) {
      const reset = new Date(Date.now() + failure.resetInSeconds * 1000).toISOString();
      return send(
        failure.status,
        { error: failure.status === 429 ? 'Too many requests' : 'Something went wrong' },
        failure.status === 429
          ? { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }
          : {},
      );
    }
    const tag = decodeURIComponent(match[1]!).toLowerCase();
    const limit = Math.min(40, Math.max(1, Number(query.limit ?? 20) || 20));
    const big = (value: string | undefined) =>
      value && /^\d+$/.test(value) ? BigInt(value) : null;
    const minId = big(query.min_id);
    const sinceId = big(query.since_id);
    const maxId = big(query.max_id);
    let found = statuses
      .filter((s) => s.tags.includes(tag))
      .filter(
        (s) =>
          (minId === null || BigInt(s.id) > minId) && (sinceId === null || BigInt(s.id) > sinceId),
      )
      .filter((s) => maxId === null || BigInt(s.id) < maxId)
      .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    // min_id: the page just after it; otherwise the newest page. Newest first either way.
    found = minId !== null ? found.slice(0, limit) : found.slice(-limit);
    send(
      200,
      found.reverse().map((s) => s.json),
    );
  };
  const server = createServer(handler(false));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, bind, resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://${bind}:${port}`;
  const host = `${bind}:${port}`;
  const streamingServer = options.separateStreaming ? createServer(handler(true)) : null;
  if (streamingServer) {
    await new Promise<void>((resolve) => streamingServer.listen(0, bind, resolve));
    streamingUrl = `http://${bind}:${(streamingServer.address() as AddressInfo).port}`;
  } else streamingUrl = origin;

  const nextId = (at: number) =>
    ((BigInt(Math.floor(at)) << 16n) | BigInt(++sequence & 0xffff)).toString();

  function store(
    toot: Omit<FakeToot, 'id' | 'json'> & { json: Record<string, unknown> },
    at: number,
  ) {
    const id = nextId(at);
    const stored: FakeToot = { ...toot, id, json: { ...toot.json, id } };
    statuses.push(stored);
    for (const stream of streams)
      if (stored.tags.includes(stream.tag))
        stream.res.write(`event: update\ndata: ${JSON.stringify(stored.json)}\n\n`);
    return stored;
  }

  return {
    url: origin,
    host,
    requests,

    post(input) {
      const at = input.at ?? Date.now();
      const created = new Date(at).toISOString();
      const local = `${++sequence}${at}`;
      const uri = `${origin}/users/${input.account.username}/statuses/${local}`;
      const tags = input.tags.map((t) => t.toLowerCase());
      return store(
        {
          uri,
          created_at: created,
          tags,
          json: {
            uri,
            url: `${origin}/@${input.account.username}/${local}`,
            created_at: created,
            content: input.html,
            spoiler_text: '',
            visibility: 'public',
            in_reply_to_id: input.inReplyTo ?? null,
            reblog: input.boostOf ? { id: input.boostOf, uri: input.boostOf } : null,
            tags: tags.map((name) => ({ name, url: `${origin}/tags/${name}` })),
            account: {
              id: '1',
              username: input.account.username,
              acct: input.account.username,
              display_name: input.account.displayName ?? '',
              avatar: input.account.avatar ?? `${origin}/avatars/original/missing.png`,
              avatar_static: input.account.avatar ?? `${origin}/avatars/original/missing.png`,
            },
            media_attachments: (input.images ?? []).map((url, i) => ({
              id: String(i + 1),
              type: 'image',
              url,
              preview_url: url,
            })),
          },
        },
        at,
      );
    },

    federate(from, { late = false } = {}) {
      // Remote accounts carry their home instance in acct.
      const account = from.json.account as Record<string, unknown>;
      const home = new URL(from.uri).host;
      const json = {
        ...from.json,
        account: {
          ...account,
          acct: String(account.acct).includes('@')
            ? account.acct
            : `${String(account.acct)}@${home}`,
        },
      };
      // A late one is stored now, with an id from when it was written: older than what came since.
      return store(
        { uri: from.uri, created_at: from.created_at, tags: from.tags, json },
        late ? Date.parse(from.created_at) : Date.now(),
      );
    },

    failNext(count, status, { resetInSeconds = 1 } = {}) {
      for (let i = 0; i < count; i++) failures.push({ status, resetInSeconds });
    },

    closePublic(value) {
      closed = value;
    },

    streams: () => [...streams].map((stream) => stream.tag),

    dropStreams() {
      for (const stream of streams) stream.res.destroy();
      streams.clear();
    },

    mention(toot) {
      const id = String(notifications.length + 1);
      notifications.push({ id, json: { id, type: 'mention', status: toot.json } });
    },

    deleteStatus(toot) {
      const at = statuses.findIndex((s) => s.id === toot.id);
      if (at !== -1) statuses.splice(at, 1);
      for (const stream of streams)
        if (toot.tags.includes(stream.tag)) stream.res.write(`event: delete\ndata: ${toot.id}\n\n`);
    },

    get streamingUrl() {
      return streamingUrl;
    },

    async close() {
      clearInterval(heartbeat);
      for (const each of [server, streamingServer]) {
        if (!each) continue;
        each.closeAllConnections();
        await new Promise<void>((resolve) => each.close(() => resolve()));
      }
    },
  };
}
