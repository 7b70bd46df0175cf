import { describe, expect, it } from 'vitest';
import { addressProblem, isLoopbackUrl, joinUrl } from '../../shared/public-address.ts';

describe('the public address rules', () => {
  it('tells loopback addresses, which phones cannot open, from reachable ones', () => {
    for (const url of [
      'http://localhost:3000',
      'http://app.localhost:3000',
      'http://127.0.0.1:3000',
      'http://127.1.2.3',
      'http://[::1]:3000',
      'http://0.0.0.0:3000',
    ])
      expect(isLoopbackUrl(url), url).toBe(true);
    for (const url of [
      'http://192.168.1.20:3000',
      'https://bc.example.org',
      'http://localhost.example.com',
    ])
      expect(isLoopbackUrl(url), url).toBe(false);
  });

  it('names the problem: loopback first, then an origin other than the page', () => {
    expect(addressProblem('http://localhost:3000', 'http://localhost:3000')).toBe('loopback');
    expect(addressProblem('https://bc.example.org', 'http://192.168.1.20:3000')).toBe(
      'other_origin',
    );
    expect(addressProblem('https://bc.example.org', 'https://bc.example.org')).toBeNull();
    expect(
      addressProblem('https://bc.example.org/backchannel', 'https://bc.example.org'),
    ).toBeNull();
    expect(addressProblem('https://bc.example.org')).toBeNull();
  });

  it('builds the join link on the public address, with the room in the query', () => {
    expect(joinUrl('https://bc.example.org', 'RUST-26')).toBe('https://bc.example.org/e/RUST-26');
    expect(joinUrl('https://bc.example.org', 'RUST-26', 'Hall B')).toBe(
      'https://bc.example.org/e/RUST-26?room=Hall%20B',
    );
  });
});
