/**
 * Mastodon user tokens at rest: sealed with AES-256-GCM under a key derived (HKDF-SHA256) from
 * the server secret (DATA_DIR/key-secret, as the event keys are; see auth/keys.ts), so a copy
 * of the database alone reveals no token. Each sealed token is bound to its event and instance
 * (the additional data): moved to another row, it does not open. A token that does not open
 * (another server's secret, a damaged row) reads as not set, and a moderator enters it again.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const PREFIX = 'gcm1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface TokenSeal {
  seal(token: string, eventId: number, origin: string): string;
  /** The token, or null when it does not open here. */
  open(sealed: string, eventId: number, origin: string): string | null;
  /** Whether a stored value is sealed (rows from before sealing hold the token itself). */
  isSealed(stored: string): boolean;
}

export function createTokenSeal(secret: Buffer): TokenSeal {
  const key = Buffer.from(
    hkdfSync('sha256', secret, 'backchannel', 'mastodon source tokens v1', 32),
  );
  const boundTo = (eventId: number, origin: string) => Buffer.from(`${eventId} ${origin}`, 'utf8');
  return {
    seal(token, eventId, origin) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(boundTo(eventId, origin));
      const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
    },
    open(sealed, eventId, origin) {
      if (!sealed.startsWith(PREFIX)) return null;
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
      if (raw.length < IV_BYTES + TAG_BYTES) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
        decipher.setAAD(boundTo(eventId, origin));
        decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
        const body = raw.subarray(IV_BYTES, raw.length - TAG_BYTES);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
    isSealed: (stored) => stored.startsWith(PREFIX),
  };
}
