import { describe, expect, it } from 'vitest';
import {
  createAddressGuard,
  isSpecialAddress,
  PrivateAddressError,
  specialAddressOf,
  type Lookup,
} from '../../../server/sources/addresses.ts';

const answers =
  (table: Record<string, string[]>): Lookup =>
  async (host) => {
    const found = table[host];
    if (!found)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found;
  };

describe('which addresses an outside source may call', () => {
  it.each([
    '127.0.0.1',
    '10.2.3.4',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.10',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fd12:3456::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::10.0.0.1',
  ])('refuses %s', (address) => {
    expect(isSpecialAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'allows %s',
    (address) => {
      expect(isSpecialAddress(address)).toBe(false);
    },
  );

  it('looks at every address a name resolves to, not only the first', async () => {
    const lookup = answers({
      'public.example': ['93.184.216.34', '2606:4700:4700::1111'],
      'mixed.example': ['93.184.216.34', '10.0.0.7'],
    });
    expect(await specialAddressOf('public.example', lookup)).toBeNull();
    expect(await specialAddressOf('mixed.example', lookup)).toBe('10.0.0.7');
    expect(await specialAddressOf('[::1]', lookup)).toBe('::1');
    // A name that does not resolve reaches nothing; the check before connecting runs again.
    expect(await specialAddressOf('nowhere.example', lookup)).toBeNull();
  });

  it('guards a URL unless private addresses are allowed', async () => {
    const lookup = answers({ 'inside.example': ['192.168.0.5'] });
    const url = new URL('https://inside.example/api/v1/timelines/tag/x');
    await expect(createAddressGuard({ allowPrivate: false, lookup })(url)).rejects.toBeInstanceOf(
      PrivateAddressError,
    );
    await expect(createAddressGuard({ allowPrivate: true, lookup })(url)).resolves.toBeUndefined();
  });
});
