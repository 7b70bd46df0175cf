/**
 * A fake X API v2 for tests, the demo and the benchmark: the filtered stream (chunked,
 * `\r\n`-separated JSON with `\r\n` heartbeats), its rules, and recent search with since_id
 * and next_token. Every emitted tweet is stored, so search finds what the stream missed.
 * Controls make X misbehave on purpose: drop or stall the stream, send malformed items,
 * answer 429 (with x-rate-limit-reset) or 401.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { includesFor, json, problem, searchRecent } from './responses.ts';
import { createRuleBook, type FakeRule } from './rules.ts';

export type { FakeRule };
import {
  buildTweet,
  matches,
  parseQuery,
  type FakeTweetInput,
  type StoredTweet,
} from './tweets.ts';

export type { FakeAuthor, FakeTweetInput, StoredTweet } from './tweets.ts';

export interface FakeXOptions {
  port?: number;
  host?: string;
  /** X sends one every 20 s. */
  heartbeatMs?: number;
  /** When set, any other bearer token is refused with 401. */
  bearerToken?: string;
  /** Recent search finds a tweet only this long after it was posted, as on X. */
  indexDelayMs?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  at: number;
}

interface StreamConnection {
  res: ServerResponse;
  stalled: boolean;
  heartbeat: NodeJS.Timeout | null;
  /** While a split item waits for its second half, later writes queue behind it. */
  held: Buffer[] | null;
}

/** How long the second half of a split item waits, so the client reads two network chunks. */
const SPLIT_PAUSE_MS = 40;

interface Failure {
  status: number;
  resetInSeconds: number;
  path: string | null;
}

const STREAM = '/2/tweets/search/stream';
const RULES = '/2/tweets/search/stream/rules';
const SEARCH = '/2/tweets/search/recent';

export interface FakeX {
  url: string;
  /**
   * Stores a tweet and sends it to every live stream whose rules it matches. `lagMs`: X may
   * deliver a post several seconds late; it then goes only to a connection that was open when
   * it was posted and still is (a drop in between loses it from the stream, as on X).
   */
  emit(input: FakeTweetInput, options?: { lagMs?: number }): StoredTweet;
  /**
   * The next `count` tweets sent on the stream are written as two network chunks cut inside
   * their first multi-byte character (emoji, CJK, accents), the second a moment later.
   */
  splitNext(count?: number): void;
  /** A rule someone else put on the same X app, with its own tag. */
  addRule(value: string, tag?: string): FakeRule;
  /** Cuts every stream connection abruptly, as a network drop would. */
  dropStream(): number;
  /** Open streams go silent: no heartbeats, no data, but the connection stays open. */
  stall(): void;
  /** Writes a raw line (not JSON, or JSON of the wrong shape) to every live stream. */
  sendRaw(line: string): void;
  /**
   * The next tweet sent on the stream loses its "\r\n" and fuses with the one after, as when
   * a client mistakes a split-off "\r\n" for a heartbeat: neither parses.
   */
  glueNext(): void;
  /** The next `count` requests (to `path`, if given) fail with `status` (429 by default). */
  failNext(
    count: number,
    options?: { status?: number; resetInSeconds?: number; path?: string },
  ): void;
  /** Every request is refused with this status until called with null. */
  rejectAuth(status: 401 | 403 | null): void;
  rules(): FakeRule[];
  tweets(): StoredTweet[];
  requests: RecordedRequest[];
  /** Live (not stalled) stream connections, and how many were ever opened. */
  streams(): { live: number; opened: number };
  close(): Promise<void>;
}

/** A byte offset inside the first multi-byte UTF-8 character, or null if there is none. */
function splitPoint(data: Buffer): number | null {
  const start = data.findIndex((byte) => byte >= 0xc0);
  return start >= 0 ? start + 1 : null;
}

export async function startFakeX(options: FakeXOptions = {}): Promise<FakeX> {
  const heartbeatMs = options.heartbeatMs ?? 20_000;
  const store: StoredTweet[] = [];
  const byId = new Map<string, StoredTweet>();
  const rules = createRuleBook();
  const connections = new Set<StreamConnection>();
  let opened = 0;
  const failures: Failure[] = [];
  let refuse: number | null = null;
  let glue = 0;
  let split = 0;
  const requests: RecordedRequest[] = [];

  function write(connection: StreamConnection, data: Buffer) {
    if (connection.held) connection.held.push(data);
    else connection.res.write(data);
  }

  /** First half now, the rest (and anything queued meanwhile) after a pause. */
  function writeSplit(connection: StreamConnection, data: Buffer) {
    const cut = splitPoint(data);
    if (cut === null || connection.held) return write(connection, data);
    connection.res.write(data.subarray(0, cut));
    connection.held = [data.subarray(cut)];
    setTimeout(() => {
      const rest = connection.held ?? [];
      connection.held = null;
      if (!connection.res.destroyed) for (const part of rest) connection.res.write(part);
    }, SPLIT_PAUSE_MS);
  }

  function deliver(stored: StoredTweet, to: Iterable<StreamConnection> = connections) {
    const matching = rules
      .list()
      .filter((rule) => matches(parseQuery(rule.value), stored))
      .map(({ id, tag }) => ({ id, tag: tag ?? '' }));
    if (matching.length === 0) return;
    const glued = glue > 0;
    if (glued) glue -= 1;
    const splitting = split > 0;
    if (splitting) split -= 1;
    const line = Buffer.from(
      `${JSON.stringify({ data: stored.tweet, includes: includesFor([stored], byId), matching_rules: matching })}${glued ? '' : '\r\n'}`,
    );
    for (const connection of to) {
      if (connection.stalled || !connections.has(connection)) continue;
      if (splitting) writeSplit(connection, line);
      else write(connection, line);
    }
  }

  function openStream(res: ServerResponse) {
    opened += 1;
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-cache',
    });
    res.flushHeaders();
    const connection: StreamConnection = { res, stalled: false, heartbeat: null, held: null };
    connection.heartbeat = setInterval(() => write(connection, Buffer.from('\r\n')), heartbeatMs);
    connections.add(connection);
    const forget = () => {
      if (connection.heartbeat) clearInterval(connection.heartbeat);
      connections.delete(connection);
    };
    // Not req 'close': that fires once the request body is read, long before the stream ends.
    res.on('close', forget);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake-x');
    const query = Object.fromEntries(url.searchParams);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString();
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        return problem(res, 400, 'Invalid Request', 'The body is not JSON');
      }
      requests.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        query,
        body,
        at: Date.now(),
      });

      const auth = req.headers.authorization ?? '';
      if (
        refuse !== null ||
        !auth.startsWith('Bearer ') ||
        (options.bearerToken && auth !== `Bearer ${options.bearerToken}`)
      ) {
        const status = refuse ?? 401;
        return problem(
          res,
          status,
          status === 403 ? 'Forbidden' : 'Unauthorized',
          status === 403 ? 'Forbidden' : 'Unauthorized',
        );
      }
      const failure = failures.findIndex((f) => f.path === null || f.path === url.pathname);
      if (failure >= 0) {
        const { status, resetInSeconds } = failures.splice(failure, 1)[0]!;
        const reset = String(Math.ceil(Date.now() / 1000) + resetInSeconds);
        return problem(
          res,
          status,
          status === 429 ? 'Too Many Requests' : 'Service Unavailable',
          'Try again later',
          {
            'x-rate-limit-limit': '50',
            'x-rate-limit-remaining': '0',
            'x-rate-limit-reset': reset,
          },
        );
      }

      if (req.method === 'GET' && url.pathname === STREAM) return openStream(res);
      if (req.method === 'GET' && url.pathname === RULES) return rules.send(res);
      if (req.method === 'POST' && url.pathname === RULES) return rules.change(res, body);
      if (req.method === 'GET' && url.pathname === SEARCH)
        return json(res, ...searchRecent(store, byId, query, options.indexDelayMs ?? 0));
      return problem(
        res,
        404,
        'Not Found Error',
        `The fake X has no ${req.method} ${url.pathname}`,
      );
    });
  });

  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    requests,

    emit(input, { lagMs = 0 } = {}) {
      const stored = buildTweet(input, (id) => byId.get(id));
      store.push(stored);
      byId.set(stored.tweet.id, stored);
      if (lagMs > 0) {
        const openNow = [...connections];
        setTimeout(() => deliver(stored, openNow), lagMs);
      } else {
        deliver(stored);
      }
      return stored;
    },

    splitNext(count = 1) {
      split += count;
    },

    addRule(value, tag) {
      return { ...rules.add(value, tag) };
    },

    dropStream() {
      const count = connections.size;
      for (const connection of [...connections]) {
        if (connection.heartbeat) clearInterval(connection.heartbeat);
        connections.delete(connection);
        connection.res.socket?.destroy();
      }
      return count;
    },

    stall() {
      for (const connection of connections) {
        connection.stalled = true;
        if (connection.heartbeat) clearInterval(connection.heartbeat);
        connection.heartbeat = null;
      }
    },

    glueNext() {
      glue += 1;
    },

    sendRaw(line) {
      for (const connection of connections)
        if (!connection.stalled) write(connection, Buffer.from(`${line}\r\n`));
    },

    failNext(count, { status = 429, resetInSeconds = 1, path } = {}) {
      for (let i = 0; i < count; i++) failures.push({ status, resetInSeconds, path: path ?? null });
    },

    rejectAuth(status) {
      refuse = status;
    },

    rules: () => rules.list().map((rule) => ({ ...rule })),
    tweets: () => [...store],
    streams: () => ({ live: [...connections].filter((c) => !c.stalled).length, opened }),

    async close() {
      for (const connection of connections) {
        if (connection.heartbeat) clearInterval(connection.heartbeat);
        connection.res.socket?.destroy();
      }
      connections.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
