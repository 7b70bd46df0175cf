import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../../server/config.ts';
import { apiBasePlugin } from '../../../../server/sources/x/client.ts';
import { describeX } from '../../../../server/sources/x/source.ts';
import { tempDataDir } from '../../../helper.ts';

const dir = tempDataDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAbearer';

describe('X configuration', () => {
  it('is off without a bearer token, and streams by default with one', () => {
    const off = loadConfig({ DATA_DIR: dir }).x;
    expect(off).toMatchObject({
      bearerToken: null,
      mode: 'stream',
      pollMs: 30_000,
      apiBase: null,
      keepAliveMs: 30_000,
    });
    expect(describeX(off)).toBe('off (set X_BEARER_TOKEN to take in posts from X)');
    const on = loadConfig({ DATA_DIR: dir, X_BEARER_TOKEN: TOKEN }).x;
    expect(on.bearerToken).toBe(TOKEN);
    expect(describeX(on)).toBe("filtered stream, rules from each event's hashtags");
  });

  it('reads search mode, the poll interval and an API base without its trailing slash', () => {
    const x = loadConfig({
      DATA_DIR: dir,
      X_BEARER_TOKEN: TOKEN,
      X_MODE: 'search',
      X_POLL_SECONDS: '45',
      X_API_BASE: 'http://127.0.0.1:4555/',
    }).x;
    expect(x).toMatchObject({ mode: 'search', pollMs: 45_000, apiBase: 'http://127.0.0.1:4555' });
    expect(describeX(x)).toBe('recent search every 45 s, via http://127.0.0.1:4555');
  });

  it.each([
    ['X_MODE', 'firehose', /Invalid X_MODE="firehose"/],
    ['X_POLL_SECONDS', '2', /Invalid X_POLL_SECONDS="2": Too small/],
    ['X_POLL_SECONDS', 'soon', /Invalid X_POLL_SECONDS="soon"/],
    [
      'X_API_BASE',
      'ftp://127.0.0.1',
      /Invalid X_API_BASE="ftp:\/\/127\.0\.0\.1": must be an origin/,
    ],
    ['X_API_BASE', 'http://127.0.0.1:4555/2/', /Invalid X_API_BASE=.*must be an origin/],
    ['X_BEARER_TOKEN', 'short', /Invalid X_BEARER_TOKEN=.*must be an X app bearer token/],
  ])('names %s when its value %s is bad, in one line', (name, value, message) => {
    const attempt = () => loadConfig({ DATA_DIR: dir, [name]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });
});

describe('apiBasePlugin', () => {
  it('rewrites the X origin of requests and streams, and returns nothing (a value would be taken as the response)', () => {
    const plugin = apiBasePlugin('http://127.0.0.1:4555');
    for (const [hook, url] of [
      ['onBeforeRequestConfig', 'https://api.x.com/2/tweets/search/recent?query=a'],
      ['onBeforeStreamRequestConfig', 'https://api.twitter.com/2/tweets/search/stream'],
    ] as const) {
      const params = { url, method: 'GET' as const };
      const result = plugin[hook]!({ client: {} as never, url: new URL(url), params });
      expect(result).toBeUndefined();
      expect(params.url).toBe(
        url.replace(/^https:\/\/api\.(x|twitter)\.com/, 'http://127.0.0.1:4555'),
      );
    }
    const other = { url: 'https://upload.x.com/1.1/media', method: 'GET' as const };
    plugin.onBeforeRequestConfig!({ client: {} as never, url: new URL(other.url), params: other });
    expect(other.url).toBe('https://upload.x.com/1.1/media');
  });
});
