import { trimPosts, upsertPost, byNewest } from './posts.ts';
import type {
  AddressNotice,
  PublicAddress,
  Attendee,
  Event,
  Post,
  Question,
  Role,
  Screen,
  Session,
  Snapshot,
} from './types.ts';
import type { AppError } from './errors.ts';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'failed';

export interface ChannelState {
  connection: ConnectionState;
  failure: AppError | null;
  /** False until the first snapshot: nothing below is meaningful before it. */
  ready: boolean;
  role: Role | null;
  event: Event | null;
  sessions: Session[];
  posts: Post[];
  /** Screens with a mode set; a screen not listed shows the wall. */
  screens: Screen[];
  attendee: Attendee | null;
  myQuestions: Question[];
  speakerSessionId: number | null;
  /** Server clock minus this clock, in ms. */
  skewMs: number;
  /** The public address every public link is built from (null before the first snapshot). */
  address: PublicAddress | null;
  /** When what is shown was last current: the snapshot, then the moment the connection dropped. */
  syncedAt: number | null;
}

export type ChannelAction =
  | { type: 'connection'; connection: ConnectionState; failure?: AppError | null }
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'event'; event: Event }
  | { type: 'session'; session: Session }
  | { type: 'session-removed'; id: number }
  | { type: 'post'; post: Post }
  | { type: 'posts'; posts: Post[] }
  /** A batch of wall changes: the latest state of posts that changed, and posts taken down. */
  | { type: 'wall'; upserted: Post[]; removed: number[] }
  | { type: 'screen'; screen: Screen }
  | { type: 'attendee'; attendee: Attendee }
  /** One of my questions, just made or edited by me: add or replace it. */
  | { type: 'my-question'; question: Question }
  /** A question broadcast: replaces my copy if it is one of mine, else changes nothing. */
  | { type: 'question'; question: Question }
  | { type: 'question-removed'; id: number }
  | { type: 'address-notice'; notice: AddressNotice };

export const initialChannelState: ChannelState = {
  connection: 'connecting',
  failure: null,
  ready: false,
  role: null,
  event: null,
  sessions: [],
  posts: [],
  screens: [],
  attendee: null,
  myQuestions: [],
  speakerSessionId: null,
  skewMs: 0,
  address: null,
  syncedAt: null,
};

/** What an attendee's page keeps for a reload without a connection. */
export type CachedChannel = Pick<
  ChannelState,
  'event' | 'sessions' | 'posts' | 'attendee' | 'myQuestions' | 'role'
>;

/** The newest posts kept for a reload: a phone's first screens, not the whole wall. */
const CACHED_POSTS = 50;

export function cachedChannel(state: ChannelState): CachedChannel {
  const { event, sessions, posts, attendee, myQuestions, role } = state;
  return { event, sessions, posts: trimPosts(posts, CACHED_POSTS), attendee, myQuestions, role };
}

/** A state to show until the first snapshot: the cached one, marked with when it was current. */
export function fromCache(cached: CachedChannel, savedAt: number): ChannelState {
  return { ...initialChannelState, ...cached, ready: true, syncedAt: savedAt };
}

function bySchedule(a: Session, b: Session): number {
  const start = (s: Session) => (s.startsAt ? Date.parse(s.startsAt) : Number.POSITIVE_INFINITY);
  return start(a) - start(b) || a.id - b.id;
}

function isMine(post: Post, attendee: Attendee | null): boolean {
  return attendee !== null && post.author.attendeeId === attendee.id;
}

/** Drops a post taken down; the author keeps their own, marked as no longer shown, until its update says why. */
function removePost(posts: Post[], id: number, attendee: Attendee | null): Post[] {
  const post = posts.find((item) => item.id === id);
  if (!post) return posts;
  if (isMine(post, attendee)) {
    if (post.status !== 'approved') return posts;
    return upsertPost(posts, { ...post, status: 'hidden', pinned: false });
  }
  return posts.filter((item) => item.id !== id);
}

export function createChannelReducer(maxPosts: number) {
  return function reduce(state: ChannelState, action: ChannelAction): ChannelState {
    switch (action.type) {
      case 'connection': {
        const dropped = state.connection === 'live' && action.connection !== 'live';
        return {
          ...state,
          connection: action.connection,
          failure: action.failure ?? null,
          syncedAt: dropped ? Date.now() : state.syncedAt,
        };
      }
      case 'snapshot': {
        const { snapshot } = action;
        const serverTime = Date.parse(snapshot.serverTime);
        return {
          ...state,
          ready: true,
          connection: 'live',
          failure: null,
          role: snapshot.role,
          event: snapshot.event,
          sessions: [...snapshot.sessions].sort(bySchedule),
          posts: trimPosts([...snapshot.posts].sort(byNewest), maxPosts),
          screens: snapshot.screens,
          attendee: snapshot.attendee,
          myQuestions: snapshot.myQuestions,
          speakerSessionId: snapshot.speakerSessionId,
          skewMs: Number.isNaN(serverTime) ? 0 : serverTime - Date.now(),
          address: snapshot.address,
          syncedAt: Date.now(),
        };
      }
      case 'event':
        return { ...state, event: action.event };
      case 'attendee':
        return { ...state, attendee: action.attendee };
      case 'screen':
        return {
          ...state,
          screens: [...state.screens.filter((s) => s.name !== action.screen.name), action.screen],
        };
      case 'session': {
        const others = state.sessions.filter((s) => s.id !== action.session.id);
        // Only one session per room is live: the server says so for the new one, this keeps the
        // old one from looking live until its own update arrives.
        const updated = action.session.live
          ? others.map((s) =>
              s.room === action.session.room && s.live ? { ...s, live: false } : s,
            )
          : others;
        return { ...state, sessions: [...updated, action.session].sort(bySchedule) };
      }
      case 'session-removed':
        return { ...state, sessions: state.sessions.filter((s) => s.id !== action.id) };
      case 'post':
        return { ...state, posts: trimPosts(upsertPost(state.posts, action.post), maxPosts) };
      case 'posts': {
        let posts = state.posts;
        for (const post of action.posts) posts = upsertPost(posts, post);
        return { ...state, posts };
      }
      case 'my-question': {
        const others = state.myQuestions.filter((q) => q.id !== action.question.id);
        return { ...state, myQuestions: [...others, action.question] };
      }
      case 'question': {
        // Broadcasts do not say whose a question is; only the ones already known as mine change.
        if (!state.myQuestions.some((q) => q.id === action.question.id)) return state;
        return {
          ...state,
          myQuestions: state.myQuestions.map((q) =>
            q.id === action.question.id ? action.question : q,
          ),
        };
      }
      case 'question-removed': {
        if (!state.myQuestions.some((q) => q.id === action.id)) return state;
        return { ...state, myQuestions: state.myQuestions.filter((q) => q.id !== action.id) };
      }
      case 'address-notice':
        return state.address
          ? { ...state, address: { ...state.address, ...action.notice } }
          : state;
      case 'wall': {
        let posts = state.posts;
        for (const post of action.upserted) posts = upsertPost(posts, post);
        for (const id of action.removed) posts = removePost(posts, id, state.attendee);
        return { ...state, posts: trimPosts(posts, maxPosts) };
      }
    }
  };
}
