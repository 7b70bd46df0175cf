/**
 * Outside hosts a moderator names (Mastodon instances, and the streaming hosts they name in
 * turn) must be public: a name that resolves to a loopback, private, link-local or otherwise
 * special address would let a setting make the server call into its own network. Checked when
 * the setting is saved and again before each connection (names can change what they resolve
 * to), with every address the name resolves to. ALLOW_PRIVATE_SOURCE_ADDRESSES turns the check
 * off, for the fakes of the tests, the demo and the benchmark, or an instance on the LAN.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const SPECIAL = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  SPECIAL.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // old site-local
  ['ff00::', 8], // multicast
] as const)
  SPECIAL.addSubnet(net, bits, 'ipv6');

/** An IPv4 address hidden in an IPv6 one (mapped, compatible, or NAT64's well-known prefix). */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|::|64:ff9b::)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(lower);
  if (dotted) return dotted[1]!;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return null;
  const high = parseInt(hex[1]!, 16);
  const low = parseInt(hex[2]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Whether an IP address is loopback, private, link-local or otherwise not a public host. */
export function isSpecialAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return SPECIAL.check(address, 'ipv4');
  if (family !== 6) return true;
  const v4 = embeddedIpv4(address);
  if (v4) return SPECIAL.check(v4, 'ipv4');
  return SPECIAL.check(address, 'ipv6');
}

export type Lookup = (hostname: string) => Promise<string[]>;

const systemLookup: Lookup = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

export class PrivateAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(
      `${host} resolves to ${address}, not a public address (ALLOW_PRIVATE_SOURCE_ADDRESSES=true allows it)`,
    );
  }
}

/**
 * The first special address `hostname` is or resolves to; null when all are public. A name
 * that does not resolve is null too: nothing can be reached through it, and the check before
 * the connection runs again.
 */
export async function specialAddressOf(
  hostname: string,
  lookup: Lookup = systemLookup,
): Promise<string | null> {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) return isSpecialAddress(host) ? host : null;
  let addresses: string[];
  try {
    addresses = await lookup(host);
  } catch {
    return null;
  }
  return addresses.find(isSpecialAddress) ?? null;
}

/** Throws PrivateAddressError unless every address `url`'s host resolves to is public. */
export type AddressGuard = (url: URL) => Promise<void>;

export function createAddressGuard({
  allowPrivate,
  lookup = systemLookup,
}: {
  allowPrivate: boolean;
  lookup?: Lookup;
}): AddressGuard {
  return async (url) => {
    if (allowPrivate) return;
    const special = await specialAddressOf(url.hostname, lookup);
    if (special) throw new PrivateAddressError(url.host, special);
  };
}
