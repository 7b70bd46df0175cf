import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.ts';
import { createTokenSeal } from '../../../server/sources/token-seal.ts';
import { bearer, build, seedEvent, testConfig, type TestApp } from '../../helper.ts';

const TOKEN = 'plain-user-token-0123456789abcdefghijkl';
const ORIGIN = 'https://mastodon.example';
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()!();
});

const stored = (t: TestApp) =>
  t.app.db.prepare('SELECT event_id, origin, token FROM source_tokens').all() as Array<{
    event_id: number;
    origin: string;
    token: string;
  }>;

describe('Mastodon tokens at rest', () => {
  it('seals with AES-256-GCM bound to its event and instance, and opens only there', () => {
    const seal = createTokenSeal(Buffer.from('a-server-secret-of-some-length'));
    const sealed = seal.seal(TOKEN, 7, ORIGIN);
    expect(sealed).not.toContain(TOKEN);
    expect(seal.seal(TOKEN, 7, ORIGIN)).not.toBe(sealed);
    expect(seal.open(sealed, 7, ORIGIN)).toBe(TOKEN);
    expect(seal.open(sealed, 8, ORIGIN)).toBeNull();
    expect(seal.open(sealed, 7, 'https://other.example')).toBeNull();
    expect(
      createTokenSeal(Buffer.from('another-secret-entirely')).open(sealed, 7, ORIGIN),
    ).toBeNull();
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(seal.open(tampered, 7, ORIGIN)).toBeNull();
  });

  it('stores a token sealed, still write-only through the API, and hands the source the token', async () => {
    const t = await build({ MASTODON_POLL_SECONDS: '3600' });
    cleanup.push(() => t.close());
    const event = seedEvent(t.app);
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/events/${event.eventId}/sources/settings`,
      headers: bearer(event.moderatorKey),
      payload: {
        bluesky: { enabled: false, mentions: null },
        mastodon: { enabled: false, instances: [{ origin: ORIGIN, token: TOKEN }], mentions: null },
        extraHashtags: [],
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(TOKEN);
    const [row] = stored(t);
    expect(row!.token).toMatch(/^gcm1:/);
    expect(row!.token).not.toContain(TOKEN);
    expect(t.app.domain.sourceSettings.of(event.eventId)!.mastodon.instances).toEqual([
      { origin: ORIGIN, token: TOKEN },
    ]);
  });

  it('seals the plaintext tokens of an older database at start, and they still work', async () => {
    const config = testConfig({ MASTODON_POLL_SECONDS: '3600' });
    const first = await buildApp({ config });
    await first.ready();
    const event = seedEvent(first, {});
    first.db
      .prepare('INSERT INTO source_settings (event_id, settings, updated_at) VALUES (?, ?, ?)')
      .run(
        event.eventId,
        JSON.stringify({
          bluesky: { enabled: false, mentions: null },
          mastodon: { enabled: false, instances: [ORIGIN], mentions: null },
          extraHashtags: [],
        }),
        new Date().toISOString(),
      );
    first.db
      .prepare(
        'INSERT INTO source_tokens (event_id, origin, token, updated_at) VALUES (?, ?, ?, ?)',
      )
      .run(event.eventId, ORIGIN, TOKEN, new Date().toISOString());
    await first.close();

    const again = await buildApp({ config });
    await again.ready();
    const t = {
      app: again,
      config,
      close: async () => {
        await again.close();
        rmSync(config.dataDir, { recursive: true, force: true });
      },
    };
    cleanup.push(() => t.close());
    const [row] = stored(t);
    expect(row!.token).toMatch(/^gcm1:/);
    expect(row!.token).not.toContain(TOKEN);
    expect(again.domain.sourceSettings.of(event.eventId)!.mastodon.instances).toEqual([
      { origin: ORIGIN, token: TOKEN },
    ]);
  });
});
