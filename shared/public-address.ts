/**
 * The public address every link is built from (PUBLIC_URL, or the server's own address), and
 * what can be wrong with it. Zod-free: the server's banner and the client's notices judge alike.
 */

/** A hostname only this computer can reach: localhost, 127.x.x.x, ::1, or an unspecified address. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127(?:\.\d{1,3}){3}$/.test(host) ||
    host === '::1' ||
    host === '0.0.0.0' ||
    host === '::'
  );
}

export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * Why links built from `publicUrl` may not work for people on the page at `pageOrigin`:
 * phones cannot open a loopback address, and an address other than the one this page was opened
 * at may not be the one the audience can reach. Null when nothing is wrong (or cannot be told).
 */
export type AddressProblem = 'loopback' | 'other_origin';

export function addressProblem(
  publicUrl: string,
  pageOrigin: string | null = null,
): AddressProblem | null {
  if (isLoopbackUrl(publicUrl)) return 'loopback';
  if (pageOrigin === null) return null;
  try {
    return new URL(publicUrl).origin === pageOrigin ? null : 'other_origin';
  } catch {
    return null;
  }
}

/** Where attendees join an event; a room's screen adds its room so a phone opens on that room. */
export function joinUrl(publicUrl: string, code: string, room: string | null = null): string {
  const base = `${publicUrl}/e/${encodeURIComponent(code)}`;
  return room ? `${base}?room=${encodeURIComponent(room)}` : base;
}
