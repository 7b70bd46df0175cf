/**
 * An idempotency id for one submission. crypto.randomUUID exists only in secure contexts, and a
 * self-hosted server is often reached over plain http on a venue's LAN, so fall back to
 * getRandomValues, which works everywhere.
 */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
