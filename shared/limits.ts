/**
 * Every limit the product enforces, named once. The client forms and the server validation
 * both read from here, so a form can never accept what the server will refuse.
 */
export const LIMITS = {
  eventName: { min: 1, max: 120 },
  joinCode: { min: 3, max: 16 },
  hashtag: { min: 1, max: 50 },
  hashtagsPerEvent: 10,
  displayName: { min: 1, max: 60 },
  sessionTitle: { min: 1, max: 160 },
  speakerName: { max: 120 },
  room: { min: 1, max: 60 },
  postText: { min: 1, max: 500 },
  questionText: { min: 3, max: 300 },
  clientId: { min: 8, max: 64 },
  sourceId: { max: 128 },
  url: { max: 2048 },
  pageSize: { default: 50, max: 100 },
  /** A moderator's search text, once trimmed. */
  search: { min: 1, max: 100 },
  /** HTTP request bodies, in bytes. Posts are short; nothing we accept needs more. */
  bodyBytes: 64 * 1024,
  /** socket.io message size, in bytes. */
  socketMessageBytes: 64 * 1024,
  /** Posts sent to a client in a snapshot and kept in memory on a screen. */
  snapshotPosts: 50,
  screenPosts: 40,
} as const;

/** How often, at most, vote counts are sent to a session's audience. */
export const VOTE_FLUSH_MS = 250;

/** How often, at most, wall changes are sent to screens and attendees. */
export const WALL_FLUSH_MS = 300;

/**
 * Per-attendee rate limits: a burst, then a steady rate. Generous enough that a person never
 * meets them, tight enough that a script cannot flood the moderators or skew the votes.
 */
export const RATE_LIMITS = {
  post: { burst: 5, perMinute: 12 },
  question: { burst: 3, perMinute: 6 },
  vote: { burst: 30, perMinute: 120 },
} as const;
export type RateLimitedAction = keyof typeof RATE_LIMITS;
