import { trimPosts, upsertPost, byNewest } from './posts.ts';
import type { Attendee, Event, Post, Question, Role, Session, Snapshot } from './types.ts';
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
  attendee: Attendee | null;
  myQuestions: Question[];
  speakerSessionId: number | null;
  /** Server clock minus this clock, in ms. */
  skewMs: number;
}

export type ChannelAction =
  | { type: 'connection'; connection: ConnectionState; failure?: AppError | null }
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'event'; event: Event }
  | { type: 'session'; session: Session }
  | { type: 'post'; post: Post }
  | { type: 'posts'; posts: Post[] }
  | { type: 'post-removed'; id: number }
  | { type: 'attendee'; attendee: Attendee };

export const initialChannelState: ChannelState = {
  connection: 'connecting',
  failure: null,
  ready: false,
  role: null,
  event: null,
  sessions: [],
  posts: [],
  attendee: null,
  myQuestions: [],
  speakerSessionId: null,
  skewMs: 0,
};

function bySchedule(a: Session, b: Session): number {
  const start = (s: Session) => (s.startsAt ? Date.parse(s.startsAt) : Number.POSITIVE_INFINITY);
  return start(a) - start(b) || a.id - b.id;
}

function isMine(post: Post, attendee: Attendee | null): boolean {
  return attendee !== null && post.author.attendeeId === attendee.id;
}

export function createChannelReducer(maxPosts: number) {
  return function reduce(state: ChannelState, action: ChannelAction): ChannelState {
    switch (action.type) {
      case 'connection':
        return { ...state, connection: action.connection, failure: action.failure ?? null };
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
          attendee: snapshot.attendee,
          myQuestions: snapshot.myQuestions,
          speakerSessionId: snapshot.speakerSessionId,
          skewMs: Number.isNaN(serverTime) ? 0 : serverTime - Date.now(),
        };
      }
      case 'event':
        return { ...state, event: action.event };
      case 'attendee':
        return { ...state, attendee: action.attendee };
      case 'session': {
        const others = state.sessions.filter((s) => s.id !== action.session.id);
        // Only one session per room is live: the server says so for the new one, this keeps the
        // old one from looking live until its own update arrives.
        const updated = action.session.live
          ? others.map((s) => (s.room === action.session.room && s.live ? { ...s, live: false } : s))
          : others;
        return { ...state, sessions: [...updated, action.session].sort(bySchedule) };
      }
      case 'post':
        return { ...state, posts: trimPosts(upsertPost(state.posts, action.post), maxPosts) };
      case 'posts': {
        let posts = state.posts;
        for (const post of action.posts) posts = upsertPost(posts, post);
        return { ...state, posts };
      }
      case 'post-removed': {
        const post = state.posts.find((item) => item.id === action.id);
        if (!post) return state;
        // The author keeps their own post, marked as no longer shown, until its update says why.
        if (isMine(post, state.attendee)) {
          if (post.status !== 'approved') return state;
          return { ...state, posts: upsertPost(state.posts, { ...post, status: 'hidden', pinned: false }) };
        }
        return { ...state, posts: state.posts.filter((item) => item.id !== action.id) };
      }
    }
  };
}
