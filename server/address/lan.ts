import { networkInterfaces } from 'node:os';

/**
 * This machine's IPv4 address on the local network, the one phones in the hall most likely
 * reach: a private range first (192.168/16, 10/8, 172.16/12), skipping loopback, link-local and
 * container bridges (docker0, br-…, veth…). Null when there is none.
 */
export function lanAddress(interfaces = networkInterfaces()): string | null {
  const candidates: string[] = [];
  for (const [name, addresses] of Object.entries(interfaces)) {
    if (/^(docker|br-|veth|virbr|cni|flannel|lo)/.test(name)) continue;
    for (const address of addresses ?? []) {
      if (address.family !== 'IPv4' || address.internal) continue;
      if (address.address.startsWith('169.254.')) continue;
      candidates.push(address.address);
    }
  }
  const isPrivate = (ip: string) =>
    ip.startsWith('192.168.') || ip.startsWith('10.') || /^172\.(1[6-9]|2\d|3[01])\./.test(ip);
  return candidates.find(isPrivate) ?? candidates[0] ?? null;
}
