import type { NetworkInterfaceInfo } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lanAddress } from '../../../server/address/lan.ts';
import { settleAddress } from '../../../server/address/settle.ts';
import { addressWarning } from '../../../server/bootstrap.ts';
import { createDomain } from '../../../server/context.ts';
import {
  build,
  listen,
  nextEvent,
  seedEvent,
  socketClients,
  testConfig,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

const v4 = (address: string, internal = false) =>
  ({ address, family: 'IPv4', internal }) as NetworkInterfaceInfo;

describe('finding the address phones reach', () => {
  it('prefers a private LAN address, skipping loopback, link-local and container bridges', () => {
    expect(
      lanAddress({
        lo: [v4('127.0.0.1', true)],
        docker0: [v4('172.17.0.1')],
        eth1: [v4('169.254.3.4')],
        eth0: [v4('203.0.113.9')],
        wlan0: [v4('192.168.1.20')],
      }),
    ).toBe('192.168.1.20');
    expect(lanAddress({ eth0: [v4('203.0.113.9')] })).toBe('203.0.113.9');
    expect(lanAddress({ lo: [v4('127.0.0.1', true)] })).toBeNull();
  });

  it('names localhost when listening everywhere without PUBLIC_URL, and finds the LAN hint', () => {
    const config = testConfig();
    settleAddress(config, { address: '0.0.0.0', family: 'IPv4', port: 4321 }, () => '10.0.0.7');
    expect(config.publicUrl).toBe('http://localhost:4321');
    expect(config.lanUrl).toBe('http://10.0.0.7:4321');
    const banner = addressWarning(config).join('\n');
    expect(banner).toContain('WARNING');
    expect(banner).toContain('PUBLIC_URL=http://10.0.0.7:4321');
  });

  it('names the address it listens on, and leaves PUBLIC_URL alone', () => {
    const bound = testConfig();
    settleAddress(bound, { address: '192.168.1.20', family: 'IPv4', port: 80 }, () => null);
    expect(bound.publicUrl).toBe('http://192.168.1.20:80');
    expect(addressWarning(bound).join('\n')).not.toContain('WARNING');
    const configured = testConfig({ PUBLIC_URL: 'https://bc.example.org' });
    settleAddress(configured, { address: '0.0.0.0', family: 'IPv4', port: 3000 }, () => '10.0.0.7');
    expect(configured.publicUrl).toBe('https://bc.example.org');
    expect(configured.lanUrl).toBeNull();
    expect(addressWarning(configured)).toEqual([]);
  });
});

describe('the screens notice about the public address', () => {
  let t: TestApp;
  let url: string;
  let seeded: SeededEvent;
  const clients = socketClients(() => ({ url, code: seeded.code }));
  const put = (dismissed: unknown, token = seeded.moderatorKey) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/events/${seeded.eventId}/address-notice`,
      headers: { authorization: `Bearer ${token}` },
      payload: { dismissed },
    });

  beforeAll(async () => {
    t = await build();
    url = await listen(t.app);
    seeded = seedEvent(t.app);
  });
  afterAll(() => t.close());

  it('gives every client the public address the server listens on', async () => {
    const { snapshot } = await clients.screen();
    expect(snapshot.address).toEqual({
      url,
      configured: false,
      lanUrl: null,
      noticeDismissed: false,
    });
  });

  it('is hidden by a moderator, at once on open screens, and stays hidden', async () => {
    expect((await put(true, seeded.speakerKey)).statusCode).toBe(403);
    expect((await put('yes')).statusCode).toBe(400);
    const screen = await clients.screen();
    const told = nextEvent(screen.socket, 'address:updated');
    const res = await put(true);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ noticeDismissed: true });
    expect(await told).toEqual({ noticeDismissed: true });
    expect((await clients.screen()).snapshot.address.noticeDismissed).toBe(true);

    // A restart on the same address reads it back from the log; on another address it shows again.
    const again = createDomain(t.config, t.app.db);
    expect(again.address.of(seeded.eventId, 'public').noticeDismissed).toBe(true);
    const moved = createDomain({ ...t.config, publicUrl: 'https://bc.example.org' }, t.app.db);
    expect(moved.address.of(seeded.eventId, 'public').noticeDismissed).toBe(false);

    expect((await put(false)).json()).toEqual({ noticeDismissed: false });
    expect((await clients.screen()).snapshot.address.noticeDismissed).toBe(false);
  });
});
