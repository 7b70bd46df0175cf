/**
 * Mastodon's streaming API for an instance an event gave a user token for: one server-sent
 * events connection per hashtag (`GET /api/v1/streaming/hashtag?tag=`, `event: update` with a
 * Status as its data, `:` lines as heartbeats). Polling stays underneath: a tag is left to the
 * stream only once a poll that began after the stream opened has caught up, and goes back to
 * polling (from its stored position) the moment the stream drops. The two overlap safely: a
 * status is one post by its `uri`. `event: delete` carries the id of a status its author
 * deleted (handed to onDelete).
 *
 * Many instances serve the stream from another host: its base is read from the instance
 * (`GET /api/v2/instance` configuration.urls.streaming, else v1's urls.streaming_api, else the
 * instance's own origin), once per token.
 */
import type { FastifyBaseLogger } from 'fastify';
import { backoffDelay, createSleeper, type Backoff } from '../retry.ts';
import type { AddressGuard } from '../addresses.ts';
import { authHeaders, checkAddress, failureOf, getJson, HttpFailure } from './client.ts';
import { Status, StatusId } from './statuses.ts';

/** Mastodon sends a heartbeat every 15 s or so; silence this long means the stream is dead. */
const SILENCE_MS = 45_000;
const EVENT_MAX_CHARS = 512 * 1024;

/** `down`: polled. `open`: connected, a poll must still catch up. `live`: the stream carries it. */
export type TagStreamState = 'down' | 'open' | 'live';

export interface TagStreams {
  /** Opens a stream for each tag not yet streamed, closes the others. */
  sync(tags: string[]): void;
  state(tag: string): TagStreamState;
  /** A poll that began while the stream was open has caught up: leave the tag to the stream. */
  caughtUp(tag: string): void;
  live(): number;
  close(): Promise<void>;
}

const streamingUrlOf = (body: unknown, ...path: string[]): string | null => {
  let value: unknown = body;
  for (const key of path)
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : null;
  return typeof value === 'string' ? value : null;
};

/**
 * The http(s) base of the instance's streaming API, from what the instance says (ws → http);
 * null when it said nothing usable, and the origin is used.
 */
export async function streamingBase(
  origin: string,
  signal: AbortSignal,
  guard: AddressGuard,
): Promise<string | null> {
  const asks: Array<[string, string[]]> = [
    ['/api/v2/instance', ['configuration', 'urls', 'streaming']],
    ['/api/v1/instance', ['urls', 'streaming_api']],
  ];
  for (const [path, field] of asks) {
    let said: string | null;
    try {
      said = streamingUrlOf(await getJson(new URL(path, origin), { signal, guard }), ...field);
    } catch (error) {
      if (signal.aborted || !(error instanceof HttpFailure) || error.status === 0) throw error;
      continue;
    }
    if (!said) continue;
    try {
      const url = new URL(said.replace(/^ws(s?):/i, 'http$1:'));
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.origin;
    } catch {
      // Not a URL: the next way of asking, or the origin.
    }
  }
  return null;
}

export function createTagStreams({
  origin,
  token,
  backoff,
  silenceMs = SILENCE_MS,
  log,
  onStatus,
  onDelete,
  onChange,
  guard,
}: {
  origin: string;
  token: string;
  /** Checked before every connection, the streaming host's too (the instance names it). */
  guard: AddressGuard;
  backoff: Backoff;
  silenceMs?: number;
  log: FastifyBaseLogger;
  onStatus(tag: string, status: Status): void;
  /** The author deleted the status with this (instance-local) id. */
  onDelete(tag: string, id: string): void;
  /** A stream opened or dropped; `reason` when it dropped. */
  onChange(tag: string, state: TagStreamState, reason?: string): void;
}): TagStreams {
  const streams = new Map<
    string,
    { abort: AbortController; state: TagStreamState; done: Promise<void> }
  >();

  function set(tag: string, state: TagStreamState, reason?: string): void {
    const stream = streams.get(tag);
    if (!stream || stream.state === state) return;
    stream.state = state;
    onChange(tag, state, reason);
  }

  /** Where the streams live; asked again after a failed look. */
  let base: Promise<string> | null = null;
  const baseOf = (signal: AbortSignal) =>
    (base ??= streamingBase(origin, signal, guard).then(
      (said) => said ?? origin,
      (error: unknown) => {
        base = null;
        throw error;
      },
    ));

  /** One connection, from request to end; resolves with why it ended. */
  async function connect(tag: string, signal: AbortSignal): Promise<string> {
    let url: URL;
    try {
      url = new URL('/api/v1/streaming/hashtag', await baseOf(signal));
    } catch (error) {
      return `cannot find its streaming API (${(error as Error).message})`;
    }
    url.searchParams.set('tag', tag);
    try {
      await checkAddress(url, guard);
    } catch (error) {
      return (error as Error).message;
    }
    const silence = new AbortController();
    let timer = setTimeout(() => silence.abort(), silenceMs);
    const heard = () => {
      clearTimeout(timer);
      timer = setTimeout(() => silence.abort(), silenceMs);
    };
    try {
      const res = await fetch(url, {
        headers: { accept: 'text/event-stream', ...authHeaders(token) },
        signal: AbortSignal.any([signal, silence.signal]),
      });
      if (!res.ok || !res.body) {
        await res.body?.cancel();
        throw failureOf(res, true);
      }
      set(tag, 'open');
      const decoder = new TextDecoder();
      let buffer = '';
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        heard();
        buffer += decoder.decode(value, { stream: true });
        if (buffer.length > EVENT_MAX_CHARS) return 'an event too large to be one';
        let end: number;
        while ((end = buffer.search(/\r?\n\r?\n/)) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
          handle(tag, block);
        }
      }
      return 'the instance closed the stream';
    } catch (error) {
      if (silence.signal.aborted) return `no heartbeat for ${Math.round(silenceMs / 1000)} s`;
      if (error instanceof HttpFailure) return error.message;
      return `stream lost (${(error as Error).message})`;
    } finally {
      clearTimeout(timer);
    }
  }

  function handle(tag: string, block: string): void {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (event === 'delete') {
      const id = StatusId.safeParse(data.join('\n').trim());
      if (id.success) onDelete(tag, id.data);
      return;
    }
    if (event !== 'update' || data.length === 0) return;
    try {
      const parsed = Status.safeParse(JSON.parse(data.join('\n')));
      if (parsed.success) onStatus(tag, parsed.data);
      else log.warn({ instance: origin, tag }, 'Mastodon: skipped a malformed streamed status');
    } catch {
      log.warn({ instance: origin, tag }, 'Mastodon: skipped a streamed event that is not JSON');
    }
  }

  async function run(tag: string, signal: AbortSignal): Promise<void> {
    const sleep = createSleeper(signal);
    let attempt = 0;
    while (!signal.aborted) {
      const opened = Date.now();
      const reason = await connect(tag, signal);
      if (signal.aborted) return;
      const stream = streams.get(tag);
      if (stream) stream.state = 'down';
      onChange(tag, 'down', reason);
      // A stream that ran a while and dropped is retried soon; one that keeps failing backs off.
      if (Date.now() - opened > 30_000) attempt = 0;
      const waitMs = backoffDelay(attempt++, backoff);
      log.warn(
        { instance: origin, tag, reason, waitMs },
        'Mastodon: stream ended; polling meanwhile',
      );
      await sleep(waitMs);
    }
  }

  return {
    sync(tags) {
      const wanted = new Set(tags);
      for (const tag of wanted) {
        if (streams.has(tag)) continue;
        const abort = new AbortController();
        const stream = { abort, state: 'down' as TagStreamState, done: Promise.resolve() };
        streams.set(tag, stream);
        stream.done = run(tag, abort.signal);
      }
      for (const [tag, stream] of streams) {
        if (wanted.has(tag)) continue;
        stream.abort.abort();
        streams.delete(tag);
      }
    },
    state: (tag) => streams.get(tag)?.state ?? 'down',
    caughtUp(tag) {
      if (streams.get(tag)?.state === 'open') set(tag, 'live');
    },
    live: () => [...streams.values()].filter((s) => s.state === 'live').length,
    async close() {
      const done = [...streams.values()].map((stream) => {
        stream.abort.abort();
        return stream.done;
      });
      streams.clear();
      await Promise.allSettled(done);
    },
  };
}
