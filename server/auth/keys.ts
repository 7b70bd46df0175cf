import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { TOKEN_PREFIX } from '../../shared/tokens.ts';

/**
 * Credentials. Every token starts with a prefix naming its kind, so a lookup touches one table.
 * The database keeps only SHA-256 hashes. Event and session keys are not random: they are an
 * HMAC of the server secret (DATA_DIR/key-secret), so the start banner can print the same links
 * on every start while a copy of the database alone reveals no key. Rotating a kind of key
 * bumps the event's version of that kind (moderator_key_version …), which derives a new key.
 */
export { TOKEN_PREFIX } from '../../shared/tokens.ts';

export type KeyKind = 'moderator' | 'speaker' | 'apiKey';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(hashToken(a), 'hex');
  const right = Buffer.from(hashToken(b), 'hex');
  return timingSafeEqual(left, right);
}

export function newAttendeeToken(): string {
  return TOKEN_PREFIX.attendee + randomBytes(24).toString('base64url');
}

export class KeyDeriver {
  constructor(private readonly secret: Buffer) {}

  private derive(kind: KeyKind, scope: string): string {
    const mac = createHmac('sha256', this.secret).update(`${kind}:${scope}`).digest('base64url');
    return TOKEN_PREFIX[kind] + mac.slice(0, 32);
  }

  moderatorKey(eventId: number, version: number): string {
    return this.derive('moderator', `event:${eventId}:v${version}`);
  }

  /** Event-wide speaker key: a speaker view of any session of the event. */
  eventSpeakerKey(eventId: number, version: number): string {
    return this.derive('speaker', `event:${eventId}:v${version}`);
  }

  sessionSpeakerKey(sessionId: number, version: number): string {
    return this.derive('speaker', `session:${sessionId}:v${version}`);
  }

  /**
   * A keyed hash of something we must recognise but not keep (a network address, a device
   * cookie): equal inputs match, and a copy of the database alone does not reveal them.
   */
  fingerprint(purpose: string, value: string): string {
    return createHmac('sha256', this.secret).update(`${purpose}:${value}`).digest('base64url');
  }

  apiKey(eventId: number, version: number): string {
    return this.derive('apiKey', `event:${eventId}:v${version}`);
  }
}
