import type { AddressInfo } from 'node:net';
import { isLoopbackHost } from '../../shared/public-address.ts';
import type { Config } from '../config.ts';
import { lanAddress } from './lan.ts';

/**
 * Once the server listens: without PUBLIC_URL, links name the address it listens on (localhost
 * when it listens on every interface), and the machine's LAN address is found for the hints
 * that say which PUBLIC_URL phones would reach.
 */
export function settleAddress(
  config: Config,
  address: AddressInfo | string | null,
  findLan: () => string | null = lanAddress,
): void {
  if (config.publicUrlConfigured || address === null || typeof address === 'string') return;
  const bound = address.address;
  const everywhere = bound === '0.0.0.0' || bound === '::';
  const host = everywhere ? 'localhost' : address.family === 'IPv6' ? `[${bound}]` : bound;
  config.publicUrl = `http://${host}:${address.port}`;
  const lan = everywhere || !isLoopbackHost(bound) ? findLan() : null;
  config.lanUrl = lan && isLoopbackHost(host) ? `http://${lan}:${address.port}` : null;
}
