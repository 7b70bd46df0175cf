import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import {
  ApiRequestError,
  ApiResponseError,
  TwitterApi,
  type ITwitterApiClientPlugin,
  type Tweetv2FieldsParams,
  type TwitterApiv2,
} from 'twitter-api-v2';
import type { XConfig } from '../../config.ts';

/**
 * Fields and expansions asked for on every read (stream and search alike): the author's name,
 * username and avatar, hashtags and links (entities), the time, media previews, and the
 * tweets it replies to or quotes. Long posts carry their full text in note_tweet.
 */
export const TWEET_FIELDS: Partial<Tweetv2FieldsParams> = {
  expansions: [
    'author_id',
    'attachments.media_keys',
    'referenced_tweets.id',
    'referenced_tweets.id.author_id',
  ],
  'tweet.fields': [
    'created_at',
    'author_id',
    'entities',
    'attachments',
    'referenced_tweets',
    'conversation_id',
    'lang',
    'note_tweet',
  ],
  'user.fields': ['name', 'username', 'profile_image_url'],
  'media.fields': ['type', 'url', 'preview_image_url'],
};

const X_ORIGIN = /^https:\/\/api\.(?:twitter|x)\.com(?=\/|$)/;

/**
 * twitter-api-v2 has no base-URL option: this plugin rewrites the origin of every request and
 * stream URL before it is sent, which is how the fake X server (and tests) stand in for X.
 */
export function apiBasePlugin(base: string): ITwitterApiClientPlugin {
  const rewrite = (params: { url: string }) => {
    params.url = params.url.replace(X_ORIGIN, base);
  };
  // Block bodies on purpose: a value returned from onBeforeRequestConfig is taken as the response.
  return {
    onBeforeRequestConfig({ params }) {
      rewrite(params);
    },
    onBeforeStreamRequestConfig({ params }) {
      rewrite(params);
    },
  };
}

export interface XApi {
  v2: TwitterApiv2;
  /** Drops every open socket, so nothing keeps the process alive after a stop. */
  close(): void;
}

export function createXApi(config: XConfig): XApi {
  if (!config.bearerToken) throw new Error('X is not configured');
  const base = config.apiBase;
  // The library's request helper uses node:https unless given an agent; a plain-http base (the
  // fake server) needs an http agent. Keep-alive saves a TLS handshake per search page.
  const agent = base?.startsWith('http:')
    ? new HttpAgent({ keepAlive: true })
    : new HttpsAgent({ keepAlive: true });
  const client = new TwitterApi(config.bearerToken, {
    httpAgent: agent,
    plugins: base ? [apiBasePlugin(base)] : [],
  });
  return {
    v2: client.v2,
    close: () => agent.destroy(),
  };
}

export type XFailure =
  | { kind: 'auth'; status: number; message: string }
  | { kind: 'rate_limit'; resetAt: number | null; message: string }
  | { kind: 'retry'; message: string };

/**
 * What a failed request means for the caller: 401/403 will not get better by retrying, 429
 * says when to come back (x-rate-limit-reset, epoch seconds), anything else is worth a retry.
 */
export function classifyFailure(error: unknown): XFailure {
  if (error instanceof ApiResponseError) {
    const detail = describeResponse(error);
    if (error.code === 401 || error.code === 403) {
      return {
        kind: 'auth',
        status: error.code,
        message: `X refused the bearer token (${error.code}${detail})`,
      };
    }
    if (error.code === 429) {
      const header = error.headers?.['x-rate-limit-reset'];
      const reset = Number(Array.isArray(header) ? header[0] : header);
      return {
        kind: 'rate_limit',
        resetAt: Number.isFinite(reset) && reset > 0 ? reset * 1000 : null,
        message: `X rate limit reached (429${detail})`,
      };
    }
    return { kind: 'retry', message: `X answered ${error.code}${detail}` };
  }
  if (error instanceof ApiRequestError)
    return { kind: 'retry', message: `cannot reach X: ${error.requestError.message}` };
  return { kind: 'retry', message: error instanceof Error ? error.message : String(error) };
}

function describeResponse(error: ApiResponseError): string {
  const data = error.data as { title?: unknown; detail?: unknown } | undefined;
  const text = [data?.title, data?.detail].filter(
    (part): part is string => typeof part === 'string' && part.length > 0,
  );
  const unique = [...new Set(text)];
  return unique.length > 0 ? `: ${unique.join(' — ').slice(0, 200)}` : '';
}
