/**
 * Response headers that make an injected script, a framed page or a sniffed file harmless, and
 * logs that never carry a credential, even at trace level.
 */
import type { FastifyInstance } from 'fastify';
import { rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import type { Config } from '../../server/config.ts';
import {
  joinAttendee,
  joinOverHttp,
  listen,
  request,
  seedEvent,
  socketClients,
  testConfig,
  type SeededEvent,
} from '../helper.ts';

let app: FastifyInstance;
let config: Config;
let url: string;
let seeded: SeededEvent;
const clients = socketClients(() => ({ url, code: seeded.code }));
const logLines: string[] = [];

beforeAll(async () => {
  config = testConfig();
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  // The same redaction server/index.ts configures, at the chattiest level.
  app = await buildApp({
    config,
    logger: { level: 'trace', stream, redact: ['req.headers.authorization', 'req.headers.cookie'] },
  });
  await app.ready();
  url = await listen(app);
  seeded = seedEvent(app);
});
afterAll(async () => {
  await app.close();
  rmSync(config.dataDir, { recursive: true, force: true });
});

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

async function assetPath(): Promise<string> {
  const html = await (await fetch(`${url}/`)).text();
  const match = /src="(\/assets\/[^"]+\.js)"/.exec(html);
  if (!match) throw new Error(`no script asset in index.html:\n${html}`);
  return match[1]!;
}

describe('security headers', () => {
  const surfaces = () => [
    { name: 'the attendee page', path: `/e/${seeded.code}` },
    { name: 'the moderator page', path: `/e/${seeded.code}/moderate` },
    { name: 'the health check', path: '/api/health' },
    { name: 'an event', path: `/api/events/${seeded.eventId}` },
    { name: 'a 404 from the API', path: '/api/events/999999' },
    {
      name: 'a 401 from the API',
      path: `/api/events/${seeded.eventId}/moderation/log`,
      token: 'bcm_forged',
    },
    { name: 'the OpenAPI document', path: '/openapi.json' },
  ];

  it('forbid inline script, framing and sniffing on pages and API answers alike', async () => {
    const all = [...surfaces(), { name: 'a script asset', path: await assetPath() }];
    for (const surface of all) {
      const res = await fetch(`${url}${surface.path}`, {
        headers: surface.token ? { authorization: `Bearer ${surface.token}` } : {},
      });
      const csp = res.headers.get('content-security-policy');
      expect(csp, surface.name).toBeTruthy();
      const policy = directives(csp!);
      const scriptSrc = policy.get('script-src') ?? policy.get('default-src');
      expect(scriptSrc, `${surface.name}: script-src`).toBeDefined();
      expect(scriptSrc, `${surface.name}: script-src`).not.toContain("'unsafe-inline'");
      expect(scriptSrc, `${surface.name}: script-src`).not.toContain('*');
      expect(scriptSrc, `${surface.name}: script-src`).not.toContain('data:');
      expect(
        policy.get('script-src-attr') ?? ["'none'"],
        `${surface.name}: script-src-attr`,
      ).not.toContain("'unsafe-inline'");
      expect(policy.get('object-src'), `${surface.name}: object-src`).toEqual(["'none'"]);
      const framing = policy.get('frame-ancestors');
      const xfo = res.headers.get('x-frame-options');
      expect(
        framing?.join(' ') === "'none'" || /^(deny|sameorigin)$/i.test(xfo ?? ''),
        `${surface.name}: framing`,
      ).toBe(true);
      expect(res.headers.get('x-content-type-options'), surface.name).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), surface.name).toMatch(
        /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/,
      );
    }
  });

  it('serve a page whose scripts are all files, so the policy costs it nothing', async () => {
    const html = await (await fetch(`${url}/e/${seeded.code}`)).text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/assets\//);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('label JSON as JSON, so a browser never renders an API answer as a page', async () => {
    for (const path of ['/api/health', '/api/events/999999', '/api/nope']) {
      const res = await fetch(`${url}${path}`);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
    }
  });
});

describe('logs', () => {
  it('never carry a token, whether it was accepted or refused, over HTTP or a socket', async () => {
    const attendee = joinAttendee(app, seeded.eventId, 'Logged').token;
    const secrets = new Set([
      config.adminToken,
      seeded.moderatorKey,
      seeded.speakerKey,
      seeded.apiKey,
      seeded.sessionSpeakerKey,
      attendee,
      config.keySecret.toString('utf8'),
    ]);
    const call = (method: string, path: string, token: string, body?: object) =>
      fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });

    // Accepted credentials, including answers that carry new secrets in their bodies.
    const created = await (
      await call('POST', '/api/events', config.adminToken, { name: 'Logged Conf' })
    ).json();
    for (const key of [created.moderatorKey, created.speakerKey, created.apiKey])
      secrets.add(key as string);
    const link = await (
      await call('GET', `/api/sessions/${seeded.sessionId}/speaker-link`, seeded.moderatorKey)
    ).json();
    secrets.add(link.speakerKey as string);
    const joined = await joinOverHttp(url, seeded.code);
    secrets.add(joined.token as string);
    await call('POST', `/api/events/${seeded.eventId}/posts`, seeded.apiKey, {
      text: 'Logged post',
      sourceId: 'log-1',
    });
    await call('POST', `/api/events/${seeded.eventId}/posts`, attendee, { text: 'Attendee post' });
    await call(
      'GET',
      `/api/sessions/${seeded.sessionId}/moderation/questions`,
      seeded.sessionSpeakerKey,
    );
    await call('GET', `/api/sessions/${seeded.sessionId}/moderation/questions`, seeded.speakerKey);
    await call('GET', '/api/me', joined.token as string);
    // Refused ones: a wrong role (403), a body that fails validation (400), a token the server does not know (401).
    await call('POST', '/api/events', seeded.moderatorKey, { name: 'Not allowed' });
    await call('POST', `/api/events/${seeded.eventId}/posts`, seeded.apiKey, { text: 42 });
    const forged = `bcm_${'L'.repeat(32)}`;
    secrets.add(forged);
    await call('GET', `/api/events/${seeded.eventId}/moderation/log`, forged);
    await fetch(`${url}/api/events/${seeded.eventId}/moderation/log`, {
      headers: { authorization: `Basic ${seeded.moderatorKey}` },
    });

    // Socket handshakes: accepted, from another event, and unknown; and a command that fails.
    await clients.moderator(seeded.moderatorKey);
    const asker = await clients.attendee(attendee);
    await request(asker.socket, 'post:create', { text: 7 } as never);
    await request(asker.socket, 'post:moderate', { postId: 1, action: 'approve' });
    await expect(clients.moderator(created.moderatorKey as string)).rejects.toThrow('forbidden');
    await expect(clients.attendee(forged)).rejects.toThrow('unauthorized');

    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(logLines.filter((line) => line.includes('incoming request')).length).toBeGreaterThan(10);
    const leaks = logLines.flatMap((line) =>
      [...secrets]
        .filter((secret) => line.includes(secret))
        .map((secret) => `${secret.slice(0, 8)}… in ${line.slice(0, 200)}`),
    );
    expect(leaks).toEqual([]);
  });
});
