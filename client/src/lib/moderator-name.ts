import { local } from './storage.ts';
import { TOKEN_PREFIX } from '../../../shared/tokens.ts';

/**
 * The name a moderator gives their console. One moderator key is shared by a team, so the
 * server can only tell them apart in the moderation log by this name: it goes in the socket
 * handshake (`auth.name`) and, percent-encoded, in the `X-Moderator-Name` header.
 */
const KEY = 'bc:moderator-name';

export function moderatorName(): string | null {
  return local.get(KEY)?.trim() || null;
}

export function setModeratorName(name: string | null): void {
  if (name?.trim()) local.set(KEY, name.trim());
  else local.remove(KEY);
}

/** Authorization for any credential, plus the moderator's name when the credential is a moderator key. */
export function credentialHeaders(token: string | null | undefined): Record<string, string> {
  if (!token) return {};
  const name = token.startsWith(TOKEN_PREFIX.moderator) ? moderatorName() : null;
  return {
    authorization: `Bearer ${token}`,
    ...(name ? { 'x-moderator-name': encodeURIComponent(name) } : {}),
  };
}

/** The socket handshake's auth for a credential, with the moderator's name when it is a moderator key. */
export function handshakeAuth(
  eventCode: string,
  token: string | null | undefined,
): { eventCode: string; token?: string; name?: string } {
  if (!token) return { eventCode };
  const name = token.startsWith(TOKEN_PREFIX.moderator) ? moderatorName() : null;
  return name ? { eventCode, token, name } : { eventCode, token };
}
