/**
 * twitter-api-v2 turns each network chunk into a string on its own (`chunk.toString()`), so a
 * chunk that ends inside a multi-byte character (emoji, CJK, accents) stores the post with
 * U+FFFD in its place. This swaps the stream's per-connection wiring for one that decodes the
 * response as one UTF-8 byte stream (TextDecoder with `stream: true` holds a split character
 * until its last byte arrives) and hands every decoded piece, "\r\n" included, to the
 * library's line parser. A chunk of nothing but line breaks still counts as a heartbeat.
 */
import type { Readable } from 'node:stream';
import { ETwitterStreamEvent, type TweetStream } from 'twitter-api-v2';

/** The parts of TweetStream the library keeps protected; stable across its 1.x releases. */
interface StreamInternals {
  req?: NodeJS.EventEmitter;
  res?: Readable;
  parser: { push(chunk: string): void };
  resetKeepAliveTimeout(): void;
  onConnectionError(): void;
  initEventsFromRequest(): void;
  emit(event: string, ...args: unknown[]): boolean;
}

const HEARTBEAT = /^[\r\n]+$/;

export function decodeAsOneUtf8Stream(stream: TweetStream): TweetStream {
  const inner = stream as unknown as StreamInternals;
  if (typeof inner.initEventsFromRequest !== 'function' || typeof inner.parser?.push !== 'function')
    throw new Error('twitter-api-v2 changed its stream internals; see utf8-stream.ts');
  inner.initEventsFromRequest = function initEventsFromRequest(this: StreamInternals) {
    const { req, res } = this;
    if (!req || !res) throw new Error('TweetStream: no request to read from');
    // One decoder per connection: a new connection must not inherit half a character.
    const decoder = new TextDecoder('utf-8', { fatal: false });
    const errorHandler = (error: Error) => {
      this.emit(ETwitterStreamEvent.ConnectionError, error);
      this.emit(ETwitterStreamEvent.Error, {
        type: ETwitterStreamEvent.ConnectionError,
        error,
        message: 'Connection lost or closed by Twitter.',
      });
      this.onConnectionError();
    };
    req.on('error', errorHandler);
    res.on('error', errorHandler);
    res.on('close', () => errorHandler(new Error('Connection closed by Twitter.')));
    res.on('data', (chunk: Buffer | string) => {
      this.resetKeepAliveTimeout();
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      if (HEARTBEAT.test(text)) this.emit(ETwitterStreamEvent.DataKeepAlive);
      if (text.length > 0) this.parser.push(text);
    });
    this.resetKeepAliveTimeout();
  };
  return stream;
}
