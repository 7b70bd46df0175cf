/**
 * A fake Bluesky for tests, the demo and the benchmark: Jetstream (`/subscribe`, JSON commit
 * frames of the documented shape over a websocket, honouring `cursor` and `wantedCollections`)
 * and the AppView's `app.bsky.actor.getProfiles`, on one local port. Every frame is kept, so a
 * reconnect with a cursor replays what it missed. Controls make it misbehave on purpose: drop
 * every connection (now, or after the next n frames: mid-burst), send malformed frames, refuse
 * connections, fail profile lookups.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export interface FakeBlueskyAuthor {
  handle: string;
  displayName?: string;
  avatar?: string;
}

export interface FakeSkeetInput {
  author: FakeBlueskyAuthor;
  /** Hashtags in the text become tag facets, as the Bluesky app makes them. */
  text: string;
  /** The record's `tags` field: hashtags not in the text. */
  tags?: string[];
  /** Leave the text's hashtags without facets (a client that does not make them). */
  noFacets?: boolean;
  /** Image blobs by CID. */
  images?: string[];
  replyTo?: string;
  /** Defaults to now. */
  at?: number;
}

export interface FakeSkeet {
  uri: string;
  did: string;
  rkey: string;
  timeUs: number;
}

interface Connection {
  ws: WebSocket;
  collections: Set<string> | null;
  /** Frames still to send before this connection is cut (dropAfter), or null. */
  dropIn: number | null;
}

const POST = 'app.bsky.feed.post';
const TAG = /(^|\s)#([\p{L}\p{N}_]+)/gu;
const MENTION = /(^|\s)@([a-z0-9.-]+\.[a-z]+)/g;

export interface FakeBluesky {
  /** Base of both APIs: http://127.0.0.1:port (ws:// for Jetstream). */
  url: string;
  jetstreamUrl: string;
  post(input: FakeSkeetInput): FakeSkeet;
  deletePost(uri: string): number;
  /** Frames of a kind or collection the source must skip (likes, identity, account). */
  other(kind: 'identity' | 'like'): number;
  /** Cuts every connection now. */
  drop(): number;
  /** Cuts every connection after it has been sent `frames` more frames. */
  dropAfter(frames: number): void;
  sendRaw(text: string): void;
  /** The next `count` connection attempts are answered with `status`. */
  refuseNext(count: number, status?: number): void;
  failProfiles(count: number): void;
  connections(): { live: number; opened: number; cursors: Array<string | null> };
  profileRequests(): number;
  frames(): number;
  close(): Promise<void>;
}

export async function startFakeBluesky(
  options: { port?: number; host?: string } = {},
): Promise<FakeBluesky> {
  const host = options.host ?? '127.0.0.1';
  const log: Array<{ timeUs: number; collection: string; text: string }> = [];
  const authors = new Map<string, FakeBlueskyAuthor & { did: string }>();
  const live = new Set<Connection>();
  let opened = 0;
  const cursors: Array<string | null> = [];
  let refuse: number[] = [];
  let failProfiles = 0;
  let profileRequests = 0;
  let lastTimeUs = 0;
  let rkeys = 0;

  const nextTimeUs = (at?: number) => {
    lastTimeUs = Math.max((at ?? Date.now()) * 1000, lastTimeUs + 1);
    return lastTimeUs;
  };
  const didOf = (handle: string) =>
    `did:plc:${createHash('sha256')
      .update(handle)
      .digest('base64url')
      .slice(0, 24)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, 'a')}`;

  function send(connection: Connection, frame: { collection: string; text: string }) {
    if (connection.collections && !connection.collections.has(frame.collection)) return;
    connection.ws.send(frame.text);
    if (connection.dropIn !== null && --connection.dropIn <= 0) {
      live.delete(connection);
      connection.ws.terminate();
    }
  }

  function broadcast(frame: { timeUs: number; collection: string; text: string }) {
    log.push(frame);
    for (const connection of [...live]) send(connection, frame);
  }

  function commit(did: string, collection: string, body: Record<string, unknown>, at?: number) {
    const timeUs = nextTimeUs(at);
    const text = JSON.stringify({
      did,
      time_us: timeUs,
      kind: 'commit',
      commit: { rev: `r${timeUs}`, collection, ...body },
    });
    broadcast({ timeUs, collection, text });
    return timeUs;
  }

  function facetsFor(text: string) {
    const facets: unknown[] = [];
    for (const match of text.matchAll(TAG)) {
      const start = Buffer.byteLength(text.slice(0, match.index + match[1]!.length));
      const end = start + Buffer.byteLength(`#${match[2]}`);
      facets.push({
        index: { byteStart: start, byteEnd: end },
        features: [{ $type: 'app.bsky.richtext.facet#tag', tag: match[2] }],
      });
    }
    // @handle becomes a mention facet naming the account's DID, as the app makes it.
    for (const match of text.matchAll(MENTION)) {
      const start = Buffer.byteLength(text.slice(0, match.index + match[1]!.length));
      facets.push({
        index: { byteStart: start, byteEnd: start + Buffer.byteLength(`@${match[2]}`) },
        features: [{ $type: 'app.bsky.richtext.facet#mention', did: didOf(match[2]!) }],
      });
    }
    return facets;
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake-bluesky');
    if (url.pathname === '/xrpc/app.bsky.actor.getProfiles') {
      profileRequests += 1;
      if (failProfiles > 0) {
        failProfiles -= 1;
        res.writeHead(502, { 'content-type': 'application/json' });
        return res.end('{"error":"UpstreamFailure"}');
      }
      const actors = url.searchParams.getAll('actors').slice(0, 25);
      // A handle names an account too (any handle exists here, as on the real network).
      const profiles = actors
        .map((actor) =>
          actor.startsWith('did:')
            ? authors.get(actor)
            : (authors.get(didOf(actor)) ?? { did: didOf(actor), handle: actor }),
        )
        .filter((a) => a !== undefined)
        .map((a) => ({
          did: a.did,
          handle: a.handle,
          ...(a.displayName ? { displayName: a.displayName } : {}),
          ...(a.avatar ? { avatar: a.avatar } : {}),
        }));
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ profiles }));
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"NotFound"}');
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://fake-bluesky');
    const status = refuse.shift();
    if (url.pathname !== '/subscribe' || status !== undefined) {
      socket.end(`HTTP/1.1 ${status ?? 404} Refused\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      opened += 1;
      const wanted = url.searchParams.getAll('wantedCollections');
      const cursor = url.searchParams.get('cursor');
      cursors.push(cursor);
      const connection: Connection = {
        ws,
        collections: wanted.length > 0 ? new Set(wanted) : null,
        dropIn: null,
      };
      ws.on('error', () => undefined);
      ws.on('close', () => live.delete(connection));
      // Replay from the cursor first, then live: nothing is sent out of order.
      if (cursor !== null) {
        const from = Number(cursor);
        for (const frame of log) if (frame.timeUs >= from) send(connection, frame);
      }
      if (ws.readyState === ws.OPEN) live.add(connection);
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${host}:${port}`,
    jetstreamUrl: `ws://${host}:${port}`,

    post(input) {
      const did = didOf(input.author.handle);
      authors.set(did, { ...input.author, did });
      const rkey = `3l${(++rkeys).toString(36).padStart(11, '0')}`;
      const record = {
        $type: POST,
        text: input.text,
        createdAt: new Date(input.at ?? Date.now()).toISOString(),
        langs: ['en'],
        ...(input.noFacets ? {} : { facets: facetsFor(input.text) }),
        ...(input.tags ? { tags: input.tags } : {}),
        ...(input.images?.length
          ? {
              embed: {
                $type: 'app.bsky.embed.images',
                images: input.images.map((cid) => ({
                  alt: '',
                  image: { $type: 'blob', ref: { $link: cid }, mimeType: 'image/jpeg', size: 1000 },
                })),
              },
            }
          : {}),
        ...(input.replyTo
          ? {
              reply: {
                root: { uri: input.replyTo, cid: 'bafyroot' },
                parent: { uri: input.replyTo, cid: 'bafyparent' },
              },
            }
          : {}),
      };
      const timeUs = commit(
        did,
        POST,
        { operation: 'create', rkey, record, cid: `bafy${rkey}` },
        input.at,
      );
      return { uri: `at://${did}/${POST}/${rkey}`, did, rkey, timeUs };
    },

    deletePost(uri) {
      const [, did, , rkey] = /^at:\/\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(uri) ?? [];
      if (!did || !rkey) throw new Error(`not an at:// URI: ${uri}`);
      return commit(did, POST, { operation: 'delete', rkey });
    },

    other(kind) {
      const did = didOf('someone-else');
      if (kind === 'like')
        return commit(did, 'app.bsky.feed.like', {
          operation: 'create',
          rkey: 'like1',
          record: {},
        });
      const timeUs = nextTimeUs();
      broadcast({
        timeUs,
        collection: POST,
        text: JSON.stringify({ did, time_us: timeUs, kind: 'identity', identity: { did } }),
      });
      return timeUs;
    },

    drop() {
      const count = live.size;
      for (const connection of [...live]) connection.ws.terminate();
      live.clear();
      return count;
    },

    dropAfter(frames) {
      for (const connection of live) connection.dropIn = frames;
    },

    sendRaw(text) {
      for (const connection of live) connection.ws.send(text);
    },

    refuseNext(count, status = 503) {
      refuse = [...refuse, ...Array.from({ length: count }, () => status)];
    },

    failProfiles(count) {
      failProfiles += count;
    },

    connections: () => ({ live: live.size, opened, cursors: [...cursors] }),
    profileRequests: () => profileRequests,
    frames: () => log.length,

    async close() {
      for (const connection of live) connection.ws.terminate();
      live.clear();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
