import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../shared/limits.ts';
import {
  bearer,
  build,
  joinAttendee,
  seedEvent,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

let t: TestApp;
let seeded: SeededEvent;
let other: SeededEvent;

/** The smallest real images of each kind: magic bytes and a little more. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
const WEBP = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([0x1a, 0, 0, 0]),
  Buffer.from('WEBPVP8L'),
  Buffer.alloc(14),
]);
const SVG = Buffer.from(
  '<?xml version="1.0"?>\n<!-- brand -->\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script><rect width="10" height="10" fill="#e11d48"/></svg>',
);

function upload(eventId: number, body: Buffer, token: string | null, type = 'image/png') {
  return t.app.inject({
    method: 'PUT',
    url: `/api/events/${eventId}/logo`,
    headers: { ...(token ? bearer(token) : {}), ...(type ? { 'content-type': type } : {}) },
    payload: body,
  });
}

const get = (url: string) => t.app.inject({ method: 'GET', url });
const row = (eventId: number) => t.app.domain.repos.events.findById(eventId)!;
const logoFile = (eventId: number) => join(t.config.dataDir, 'logos', String(eventId));

beforeAll(async () => {
  t = await build();
  seeded = seedEvent(t.app);
  other = seedEvent(t.app);
});
afterAll(() => t.close());

describe('PUT /api/events/:eventId/logo', () => {
  it('stores a PNG in DATA_DIR/logos and serves it at a versioned, long-cached URL', async () => {
    const res = await upload(seeded.eventId, PNG, seeded.moderatorKey);
    expect(res.statusCode, res.body).toBe(200);
    const url = res.json().branding.uploadedLogoUrl as string;
    expect(url).toBe(`/api/events/${seeded.eventId}/logo?v=${row(seeded.eventId).logo_version}`);
    expect(readFileSync(logoFile(seeded.eventId))).toEqual(PNG);

    const served = await get(url);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(served.rawPayload).toEqual(PNG);
    // The public event shows it too.
    expect((await get(`/api/events/${seeded.eventId}`)).json().branding.uploadedLogoUrl).toBe(url);
  });

  it('reads the type from the bytes, not from the Content-Type the client claims', async () => {
    for (const [bytes, type] of [
      [JPEG, 'image/jpeg'],
      [GIF, 'image/gif'],
      [WEBP, 'image/webp'],
      [PNG, 'image/png'],
    ] as const) {
      // A type that says something else, and no type at all.
      for (const claimed of ['image/svg+xml', '']) {
        const res = await upload(seeded.eventId, bytes, seeded.moderatorKey, claimed);
        expect(res.statusCode, res.body).toBe(200);
        expect(row(seeded.eventId).logo_type).toBe(type);
      }
      const res = await upload(
        seeded.eventId,
        bytes,
        seeded.moderatorKey,
        'application/octet-stream',
      );
      expect(res.statusCode, res.body).toBe(200);
      const served = await get(res.json().branding.uploadedLogoUrl);
      expect(served.headers['content-type']).toBe(type);
    }
  });

  it('refuses what is no image with 415 logo_type_unsupported, and changes nothing', async () => {
    const before = row(seeded.eventId);
    const file = readFileSync(logoFile(seeded.eventId));
    for (const bytes of [
      Buffer.from('<html><script>alert(1)</script></html>'),
      Buffer.from('<svgx></svgx>'),
      Buffer.from('%PDF-1.7\n'),
      Buffer.alloc(0),
      Buffer.from('not a png \x89PNG\r\n\x1a\n', 'latin1'),
    ]) {
      const res = await upload(seeded.eventId, bytes, seeded.moderatorKey, 'image/png');
      expect(res.statusCode, res.body).toBe(415);
      expect(res.json().error.id).toBe('logo_type_unsupported');
    }
    expect(row(seeded.eventId)).toEqual(before);
    expect(readFileSync(logoFile(seeded.eventId))).toEqual(file);
  });

  it(`takes ${LIMITS.logoBytes} bytes and refuses one more with 413 logo_too_large`, async () => {
    const exact = Buffer.concat([PNG, Buffer.alloc(LIMITS.logoBytes - PNG.length)]);
    expect((await upload(seeded.eventId, exact, seeded.moderatorKey)).statusCode).toBe(200);
    const before = row(seeded.eventId);
    const res = await upload(
      seeded.eventId,
      Buffer.concat([exact, Buffer.from([0])]),
      seeded.moderatorKey,
    );
    expect(res.statusCode).toBe(413);
    expect(res.json().error.id).toBe('logo_too_large');
    expect(row(seeded.eventId)).toEqual(before);
  });

  it('serves an SVG so that, opened on its own, it can run and load nothing', async () => {
    const res = await upload(seeded.eventId, SVG, seeded.moderatorKey, 'text/plain');
    expect(res.statusCode, res.body).toBe(200);
    const served = await get(res.json().branding.uploadedLogoUrl);
    expect(served.headers['content-type']).toBe('image/svg+xml');
    expect(served.headers['content-security-policy']).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    );
    expect(served.headers['content-disposition']).toBe('inline; filename="logo.svg"');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
  });

  it("lets only the event's moderators and the organiser upload", async () => {
    const cases: [string | null, number][] = [
      [null, 401],
      ['bcm_forged', 401],
      [joinAttendee(t.app, seeded.eventId).token, 403],
      [seeded.speakerKey, 403],
      [seeded.sessionSpeakerKey, 403],
      [seeded.apiKey, 403],
      [other.moderatorKey, 403],
    ];
    const before = row(seeded.eventId);
    for (const [token, status] of cases) {
      const res = await upload(seeded.eventId, PNG, token);
      expect(res.statusCode, `${token}: ${res.body}`).toBe(status);
    }
    expect(row(seeded.eventId)).toEqual(before);
    expect((await upload(seeded.eventId, PNG, t.config.adminToken)).statusCode).toBe(200);
  });

  it('answers 404 for an event that does not exist', async () => {
    const res = await upload(999_999, PNG, t.config.adminToken);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.id).toBe('event_not_found');
  });
});

describe('the logo URL and DELETE', () => {
  it('moves to a new version with each upload; an old version is served but revalidated', async () => {
    const first = (await upload(other.eventId, PNG, other.moderatorKey)).json().branding
      .uploadedLogoUrl as string;
    const second = (await upload(other.eventId, GIF, other.moderatorKey)).json().branding
      .uploadedLogoUrl as string;
    expect(second).not.toBe(first);
    const stale = await get(first);
    expect(stale.headers['cache-control']).toBe('no-cache');
    expect(stale.headers['content-type']).toBe('image/gif');
  });

  it('DELETE removes the file and the URL; the logo URL set by hand shows again', async () => {
    await t.app.inject({
      method: 'PATCH',
      url: `/api/events/${other.eventId}`,
      headers: bearer(other.moderatorKey),
      payload: { branding: { logoUrl: 'https://example.com/logo.png' } },
    });
    const url = row(other.eventId).logo_version;
    const forbidden = await t.app.inject({
      method: 'DELETE',
      url: `/api/events/${other.eventId}/logo`,
      headers: bearer(seeded.moderatorKey),
    });
    expect(forbidden.statusCode).toBe(403);
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/events/${other.eventId}/logo`,
      headers: bearer(other.moderatorKey),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().branding).toMatchObject({
      uploadedLogoUrl: null,
      logoUrl: 'https://example.com/logo.png',
    });
    expect(existsSync(logoFile(other.eventId))).toBe(false);
    const gone = await get(`/api/events/${other.eventId}/logo?v=${url}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.id).toBe('logo_not_found');
  });

  it('goes with its event', async () => {
    const doomed = seedEvent(t.app);
    await upload(doomed.eventId, PNG, doomed.moderatorKey);
    expect(existsSync(logoFile(doomed.eventId))).toBe(true);
    t.app.domain.events.remove({ kind: 'admin' }, doomed.eventId);
    expect(existsSync(logoFile(doomed.eventId))).toBe(false);
  });
});
