/**
 * The socket.io event catalog, shared by server and client. Commands are present tense and
 * acknowledged with `{ data } | { error }`; broadcasts are past tense. Every command payload is
 * parsed on the server with the schema named beside it: a TypeScript type is not validation.
 */
import { z } from 'zod';
import type { ErrorId } from './errors.ts';
import { Attendee } from './schemas/attendees.ts';
import { Id } from './schemas/common.ts';
import { Event } from './schemas/events.ts';
import { CreatePostBody, Post, PostAction } from './schemas/posts.ts';
import { CreateQuestionBody, EditQuestionBody, Question, QuestionAction, QuestionList, VoteResult } from './schemas/questions.ts';
import { Session } from './schemas/sessions.ts';

export const Role = z.enum(['public', 'attendee', 'moderator', 'speaker']);
export type Role = z.infer<typeof Role>;

/** socket.io handshake `auth`. The token is any credential; without one the socket is public. */
export const HandshakeAuth = z.object({
  eventCode: z.string().min(1).max(32),
  token: z.string().max(200).optional(),
});
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

export const Snapshot = z.object({
  role: Role,
  event: Event,
  sessions: z.array(Session),
  /** Newest first. Public roles get approved posts only; moderators get every status. */
  posts: z.array(Post),
  attendee: Attendee.nullable(),
  /** The attendee's own questions in every status, so they can follow what happens to them. */
  myQuestions: z.array(Question),
  /** Speakers: the session their key is for, or null for an event-wide speaker key. */
  speakerSessionId: Id.nullable(),
  serverTime: z.string(),
});
export type Snapshot = z.infer<typeof Snapshot>;

export const SessionWatch = z.strictObject({ sessionId: Id });
export const QuestionCreate = CreateQuestionBody.extend({ sessionId: Id }).strict();
export const QuestionRef = z.strictObject({ questionId: Id });
export const QuestionEdit = EditQuestionBody.extend({ questionId: Id }).strict();
export const PostModerate = z.strictObject({ postId: Id, action: PostAction });
export const QuestionModerate = z.strictObject({ questionId: Id, action: QuestionAction });

export interface AckError {
  id: ErrorId;
  message: string;
  fields?: Record<string, string>;
  /** With rate_limit_exceeded: milliseconds to wait before trying again. */
  retryAfterMs?: number;
}
export type Ack<T> = { data: T; error?: undefined } | { error: AckError; data?: undefined };
export type AckFn<T> = (reply: Ack<T>) => void;

export interface VoteCounts {
  sessionId: number;
  counts: Array<{ id: number; votes: number }>;
}

export interface ClientToServerEvents {
  'post:create': (payload: z.input<typeof CreatePostBody>, ack: AckFn<Post>) => void;
  'post:moderate': (payload: z.input<typeof PostModerate>, ack: AckFn<Post>) => void;
  'question:create': (payload: z.input<typeof QuestionCreate>, ack: AckFn<Question>) => void;
  'question:vote': (payload: z.input<typeof QuestionRef>, ack: AckFn<VoteResult>) => void;
  'question:unvote': (payload: z.input<typeof QuestionRef>, ack: AckFn<VoteResult>) => void;
  'question:moderate': (payload: z.input<typeof QuestionModerate>, ack: AckFn<Question>) => void;
  /** The author while pending, or a moderator at any time. */
  'question:edit': (payload: z.input<typeof QuestionEdit>, ack: AckFn<Question>) => void;
  /** The author takes back a question still awaiting moderation. */
  'question:withdraw': (payload: z.input<typeof QuestionRef>, ack: AckFn<{ id: number; sessionId: number }>) => void;
  /** Follow one session's questions; answers with its current list. */
  'session:watch': (payload: z.input<typeof SessionWatch>, ack: AckFn<QuestionList>) => void;
}

export interface ServerToClientEvents {
  'event:snapshot': (snapshot: Snapshot) => void;
  'event:updated': (event: Event) => void;
  'session:updated': (session: Session) => void;
  'post:created': (post: Post) => void;
  'post:updated': (post: Post) => void;
  'post:removed': (ref: { id: number }) => void;
  'question:created': (question: Question) => void;
  'question:updated': (question: Question) => void;
  'question:removed': (ref: { id: number; sessionId: number }) => void;
  /** Coalesced vote counts: the exact current count of every question that changed. */
  'question:votes': (counts: VoteCounts) => void;
}

export const SOCKET_EVENTS = {
  clientToServer: [
    'post:create',
    'post:moderate',
    'question:create',
    'question:vote',
    'question:unvote',
    'question:moderate',
    'question:edit',
    'question:withdraw',
    'session:watch',
  ],
} as const satisfies { clientToServer: ReadonlyArray<keyof ClientToServerEvents> };
