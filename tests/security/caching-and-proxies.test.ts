/**
 * What travels around a response: no API answer may be kept by a browser or a shared cache
 * (many carry a key, a token or someone's own data, and errors are API answers too), and the
 * client's address is taken from X-Forwarded-For only from proxies TRUST_PROXY names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';
import {
  bearer,
  build,
  joinAttendee,
  seedEvent,
  tempDataDir,
  type SeededEvent,
  type TestApp,
} from '../helper.ts';

describe('Cache-Control on the API', () => {
  let t: TestApp;
  let event: SeededEvent;
  let attendee: string;

  beforeAll(async () => {
    t = await build();
    event = seedEvent(t.app);
    attendee = joinAttendee(t.app, event.eventId, 'Cached?').token;
  });
  afterAll(async () => t?.close());

  it('is no-store on every answer under /api, with a key or without, success or error', async () => {
    const admin = t.config.adminToken;
    const calls: Array<{ url: string; token?: string; method?: 'GET' | 'POST'; body?: object }> = [
      { url: '/api/health' },
      { url: `/api/events/by-code/${event.code}` },
      { url: `/api/events/${event.eventId}` },
      { url: '/api/events', token: admin },
      { url: '/api/me', token: attendee },
      { url: `/api/sessions/${event.sessionId}/questions`, token: attendee },
      { url: `/api/sessions/${event.sessionId}/moderation/questions`, token: event.speakerKey },
      { url: `/api/events/${event.eventId}/moderation/log`, token: event.moderatorKey },
      { url: `/api/events/${event.eventId}/authors`, token: event.moderatorKey },
      { url: `/api/events/${event.eventId}/export.json`, token: event.moderatorKey },
      { url: `/api/events/${event.eventId}/posts`, token: event.apiKey },
      {
        url: `/api/events/${event.eventId}/keys/rotate`,
        token: admin,
        method: 'POST',
        body: { keys: ['apiKey'] },
      },
      // Refusals and misses.
      { url: '/api/events', token: 'bca_not-the-token' },
      { url: `/api/events/${event.eventId}/moderation/log`, token: attendee },
      { url: '/api/events/999999' },
      { url: '/api/no-such-route' },
    ];
    for (const call of calls) {
      const response = await t.app.inject({
        method: call.method ?? 'GET',
        url: call.url,
        headers: call.token ? bearer(call.token) : {},
        ...(call.body ? { payload: call.body } : {}),
      });
      expect(response.headers['cache-control'], `${call.url} (${response.statusCode})`).toBe(
        'no-store',
      );
    }
  });
});

describe('TRUST_PROXY', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const t of apps) await t.close();
  });

  /** The address the app would count a request from a proxy at 10.0.0.2 under. */
  async function addressSeen(env: Record<string, string>): Promise<string> {
    const t = await build(env, {
      routes: (app) => app.get('/ip', async (request) => ({ ip: request.ip })),
    });
    apps.push(t);
    const response = await t.app.inject({
      url: '/ip',
      remoteAddress: '10.0.0.2',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    return response.json<{ ip: string }>().ip;
  }

  it('ignores X-Forwarded-For unless configured', async () => {
    expect(await addressSeen({})).toBe('10.0.0.2');
    expect(await addressSeen({ TRUST_PROXY: 'false' })).toBe('10.0.0.2');
  });

  it('believes only the proxies it names', async () => {
    expect(await addressSeen({ TRUST_PROXY: 'true' })).toBe('203.0.113.9');
    expect(await addressSeen({ TRUST_PROXY: '1' })).toBe('203.0.113.9');
    expect(await addressSeen({ TRUST_PROXY: '10.0.0.0/8, loopback' })).toBe('203.0.113.9');
    expect(await addressSeen({ TRUST_PROXY: '192.168.1.1' })).toBe('10.0.0.2');
  });

  it('refuses a value it cannot read, naming the variable in one line', () => {
    expect(() => loadConfig({ DATA_DIR: tempDataDir(), TRUST_PROXY: 'the nginx box' })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ DATA_DIR: tempDataDir(), TRUST_PROXY: 'the nginx box' })).toThrow(
      /^Invalid TRUST_PROXY="the nginx box": true, a number of proxy hops/,
    );
  });
});
