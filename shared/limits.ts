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
  /** What a person listed in the public archive adds to their name: where they are from … */
  affiliation: { max: 80 },
  /** … and one https link. */
  personLink: { max: 200 },
  room: { min: 1, max: 60 },
  postText: { min: 1, max: 500 },
  questionText: { min: 3, max: 300 },
  /** An answer or an attendee's reply to a question. */
  answerText: { min: 1, max: 2000 },
  /** Answers and replies kept per question; a list never grows past this. */
  answersPerQuestion: 50,
  clientId: { min: 8, max: 64 },
  sourceId: { max: 128 },
  url: { max: 2048 },
  pageSize: { default: 50, max: 100 },
  /** A moderator's search text, once trimmed. */
  search: { min: 1, max: 100 },
  /** A search ranks this many of the newest matches of each kind; pages go no further. */
  searchWindow: 500,
  /** HTTP request bodies, in bytes. Posts are short; nothing we accept needs more. */
  bodyBytes: 64 * 1024,
  /** An uploaded event logo, in bytes: plenty for a crisp PNG or SVG on a 4K screen. */
  logoBytes: 1024 * 1024,
  /** socket.io message size, in bytes. */
  socketMessageBytes: 64 * 1024,
  /** Posts sent to a client in a snapshot and kept in memory on a screen. */
  snapshotPosts: 50,
  screenPosts: 40,
  /** Questions one session may hold (409 too_many_questions beyond). */
  questionsPerSession: 5000,
  /** Named screens one event may have (409 too_many_screens beyond). */
  screensPerEvent: 50,
  /** Questions in one page of a session's list, ranked; the first page also carries extras. */
  questionPage: { default: 50, max: 100 },
  /** First-page extras: the caller's own questions, and for staff the oldest held ones. */
  questionPageExtras: 50,
  /** An attendee's own questions sent back to them (snapshot, /me): the newest. */
  myQuestions: 100,
  /** Messages a socket may send in one second; past it, it is a flood and is disconnected. */
  socketMessagesPerSecond: 200,
  /** A socket with more unsent bytes than this is refused list answers until it drains. */
  socketBufferedBytes: 256 * 1024,
  /** Refused list answers after which a socket that does not drain is disconnected. */
  socketRefusals: 20,
  /** Mastodon instances polled at once; each costs a request per hashtag per poll. */
  mastodonInstances: { max: 10 },
  /** An instance origin as typed (https://host[:port]). */
  instanceOrigin: { max: 200 },
  /** A Mastodon user token (write-only; Mastodon's are 43 characters). */
  instanceToken: { min: 20, max: 500 },
  /** The event's account on a network: a Bluesky handle or DID, a Mastodon user@host. */
  accountName: { max: 253 },
  /** Images taken from one outside post. */
  mediaPerPost: 4,
  /** Similar questions: FTS5 candidates scored (best bm25 first), and suggestions shown. */
  similarCandidates: 20,
  similarSuggestions: 3,
  /** Posts one bulk decision takes at once; the console sends a larger selection in batches. */
  bulkPosts: 100,
  /** The event's own blocked words: how many, and how long each. */
  blockedWords: 500,
  blockedWord: { min: 1, max: 60 },
  /** Posts one "approve every clean pending post" approves at most; press again for more. */
  approveCleanMax: 200,
  /** Waiting questions of each live session the console's cross-room view lists, oldest first. */
  waitingPerSession: 100,
  /** The public archive: every list is paged or cut to the newest. */
  archive: {
    sessions: 500,
    questionsPerPage: 50,
    answersPerQuestion: 20,
    postsPerPage: 50,
    /** Posts, questions and answers read (newest first) to count shared links and hashtags. */
    scan: 5000,
    links: 200,
    topics: 100,
    /** Entries in one Atom feed: the newest. */
    feedEntries: 50,
    searchPerPage: 20,
    /** People on one page of the people list (HTML and API). */
    peoplePerPage: 50,
    /** People the list holds at most: speakers of every session, then named attendees. */
    people: 2000,
    /** Items of each kind on one page of a person (their questions, answers, posts). */
    personPerPage: 50,
    /** A person's topics: the most used. */
    personTopics: 20,
  },
} as const;

/** The archive's topic pages and "who knows about X": every list is cut or paged. */
export const TOPIC_LIMITS = {
  /** Questions, posts and answers elsewhere shown on one page of a topic. */
  perPage: 20,
  /** People ranked by "who knows about X". */
  people: 20,
  /** Names listed as asking or posting on a topic. */
  voices: 50,
} as const;

/** How often, at most, vote counts are sent to a session's audience. */
export const VOTE_FLUSH_MS = 250;

/** How often, at most, moderators are sent the counts of questions waiting per session. */
export const WAITING_FLUSH_MS = 500;

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
  /**
   * Joins per address: a whole venue behind one NAT (2,000 phones within 2 minutes) gets in,
   * a script on one address is held to 20 identities a second after its first 2,000.
   */
  join: { burst: 2000, perMinute: 1200 },
  /**
   * Questions and posts per address, across every identity joined from it: a keynote's whole
   * room on one NAT asks a hundred at once and five a second, a script with 200 fresh identities
   * gets no further.
   */
  questionPerAddress: { burst: 100, perMinute: 300 },
  postPerAddress: { burst: 200, perMinute: 600 },
  /**
   * Requests made with an event's API key, whatever the route: 2,000 at once, then 1,000 a
   * second (the ingest benchmark's rate). An integrator's bulk import fits; a leaked key cannot
   * take the server.
   */
  apiRequest: { burst: 2000, perMinute: 60_000 },
  /** Join challenges handed out per address; each costs the server one key derivation. */
  joinChallenge: { burst: 4000, perMinute: 2400 },
} as const;
export type RateLimitedAction = keyof typeof RATE_LIMITS;

/**
 * Per socket, whoever holds it: commands answering with a list (session:watch, session:page,
 * question:similar).
 */
export const SOCKET_RATE_LIMITS = {
  list: { burst: 10, perMinute: 60 },
} as const;

/**
 * The proof of work a join costs (ALTCHA, PBKDF2/SHA-256, deterministic mode): the solver tries
 * counters from 0 up to a secret one below `maxNumber`, each try `cost` PBKDF2 iterations. Tuned
 * in Chromium (tests/e2e/join-pow.test.ts) so that a phone solves in well under a second while a
 * script pays the same work per identity. Overridden by JOIN_POW_COST / JOIN_POW_MAX.
 */
export const JOIN_CHALLENGE = {
  algorithm: 'PBKDF2/SHA-256',
  cost: 300,
  maxNumber: 1000,
  /** A challenge not solved within this long is refused; a used one is kept this long. */
  expiresMs: 10 * 60_000,
} as const;

/**
 * Vote bursts from new identities: an attendee who joined less than `identityMs` ago is
 * "fresh"; on any one question at most `perQuestion` votes cast by fresh identities count. Further
 * fresh votes are kept but held: the voter sees their vote, the count does not move until a
 * moderator releases them. A script's 200 new identities move a count by 20, a room that joined
 * this morning by any amount. Overridden by FRESH_VOTES.
 */
export const FRESH_VOTES = {
  identityMs: 10 * 60_000,
  perQuestion: 20,
} as const;
