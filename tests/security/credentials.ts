/**
 * Every kind of credential a caller can present to event A, from nothing to the right key.
 * The authorization matrix crosses these with every privileged route and socket command.
 */
import type { World } from './support.ts';

export type CredKey =
  | 'none'
  | 'forgedAttendee'
  | 'forgedModerator'
  | 'wrongAdmin'
  | 'nearMiss'
  | 'basicScheme'
  | 'emptyBearer'
  | 'oversized'
  | 'attendee'
  | 'author'
  | 'attendeeOther'
  | 'sessionSpeaker'
  | 'otherSessionSpeaker'
  | 'sessionSpeakerOther'
  | 'eventSpeaker'
  | 'eventSpeakerOther'
  | 'moderator'
  | 'moderatorOther'
  | 'apiKey'
  | 'apiKeyOther'
  | 'admin';

/** What a route or command acts on; the author is the attendee who made it, when there is one. */
export interface Target {
  authorToken?: string;
}

export interface Credential {
  key: CredKey;
  /** Reads in a test name: "refuses <name> …". */
  name: string;
  /** The answer when this credential is not the right one: 401 when it is no valid credential at all. */
  refusal: 401 | 403;
  token(w: World, t: Target): string | undefined;
  /** The Authorization header, when not `Bearer <token>`. */
  header?(token: string): string;
  /** Only meaningful over HTTP (a socket handshake has no header scheme). */
  httpOnly?: true;
  /** The join code of the event the credential belongs to, when that is not A. */
  home?(w: World): string;
}

const flipLast = (key: string) => key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');

export const CREDENTIALS: Credential[] = [
  { key: 'none', name: 'no credential', refusal: 401, token: () => undefined },
  {
    key: 'forgedAttendee',
    name: 'a forged attendee token',
    refusal: 401,
    token: () => `bct_${'f'.repeat(32)}`,
  },
  {
    key: 'forgedModerator',
    name: 'a forged moderator key',
    refusal: 401,
    token: () => `bcm_${'F'.repeat(32)}`,
  },
  {
    key: 'wrongAdmin',
    name: 'a wrong admin token',
    refusal: 401,
    token: () => `bca_${'w'.repeat(32)}`,
  },
  {
    key: 'nearMiss',
    name: 'the moderator key with its last character changed',
    refusal: 401,
    token: (w) => flipLast(w.a.moderatorKey),
  },
  {
    key: 'basicScheme',
    name: 'the moderator key sent with the Basic scheme',
    refusal: 401,
    token: (w) => w.a.moderatorKey,
    header: (token) => `Basic ${Buffer.from(`x:${token}`).toString('base64')}`,
    httpOnly: true,
  },
  {
    key: 'emptyBearer',
    name: 'an empty bearer token',
    refusal: 401,
    token: () => '',
    header: () => 'Bearer ',
    httpOnly: true,
  },
  {
    key: 'oversized',
    name: 'a 300-character token',
    refusal: 401,
    token: (w) => w.a.moderatorKey + 'x'.repeat(300 - w.a.moderatorKey.length),
  },
  { key: 'attendee', name: 'an attendee of this event', refusal: 403, token: (w) => w.attendeeA },
  {
    key: 'author',
    name: 'the attendee who wrote it',
    refusal: 403,
    token: (_w, t) => {
      if (!t.authorToken) throw new Error('this target has no author');
      return t.authorToken;
    },
  },
  {
    key: 'attendeeOther',
    name: 'an attendee of another event',
    refusal: 403,
    token: (w) => w.attendeeB,
    home: (w) => w.b.code,
  },
  {
    key: 'sessionSpeaker',
    name: "the speaker key of event A's first session",
    refusal: 403,
    token: (w) => w.a.sessionSpeakerKey,
  },
  {
    key: 'otherSessionSpeaker',
    name: 'the speaker key of another session of the event',
    refusal: 403,
    token: (w) => w.a2.speakerKey,
  },
  {
    key: 'sessionSpeakerOther',
    name: 'the speaker key of a session of another event',
    refusal: 403,
    token: (w) => w.b.sessionSpeakerKey,
    home: (w) => w.b.code,
  },
  {
    key: 'eventSpeaker',
    name: 'the event-wide speaker key',
    refusal: 403,
    token: (w) => w.a.speakerKey,
  },
  {
    key: 'eventSpeakerOther',
    name: 'the event-wide speaker key of another event',
    refusal: 403,
    token: (w) => w.b.speakerKey,
    home: (w) => w.b.code,
  },
  {
    key: 'moderator',
    name: 'the moderator key of this event',
    refusal: 403,
    token: (w) => w.a.moderatorKey,
  },
  {
    key: 'moderatorOther',
    name: 'the moderator key of another event',
    refusal: 403,
    token: (w) => w.b.moderatorKey,
    home: (w) => w.b.code,
  },
  { key: 'apiKey', name: 'the API key of this event', refusal: 403, token: (w) => w.a.apiKey },
  {
    key: 'apiKeyOther',
    name: 'the API key of another event',
    refusal: 403,
    token: (w) => w.b.apiKey,
    home: (w) => w.b.code,
  },
  { key: 'admin', name: 'the admin token', refusal: 403, token: (w) => w.adminToken },
];

export const credential = (key: CredKey): Credential => CREDENTIALS.find((c) => c.key === key)!;

/** Which credentials a route or command is crossed with: all of them, the author only where there is one. */
export function credentialsFor(hasAuthor: boolean): Credential[] {
  return CREDENTIALS.filter((c) => hasAuthor || c.key !== 'author');
}
