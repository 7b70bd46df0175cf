/**
 * The socket.io event catalog, shared by server and client. Commands are present tense and
 * acknowledged with `{ data } | { error }`; broadcasts are past tense. Every command payload is
 * parsed on the server with the schema named beside it: a TypeScript type is not validation.
 */
import { z } from 'zod';
import type { ErrorId } from './errors.ts';
import { PublicAddress, type AddressNotice } from './schemas/address.ts';
import { Attendee } from './schemas/attendees.ts';
import { Id, ModeratorName } from './schemas/common.ts';
import { Event } from './schemas/events.ts';
import { CreatePostBody, Post, PostAction, PostStatus } from './schemas/posts.ts';
import {
  CreateQuestionBody,
  EditQuestionBody,
  Question,
  QuestionAction,
  QuestionCursor,
  QuestionSort,
  type QuestionList,
  type VoteResult,
} from './schemas/questions.ts';
import { Session } from './schemas/sessions.ts';
import {
  MergeQuestionBody,
  SimilarQuestionsQuery,
  type MergeResult,
  type SimilarQuestions,
} from './schemas/duplicates.ts';
import type { Answer } from './schemas/answers.ts';
import { Screen, ScreenMode, ScreenName, type EventStats } from './schemas/screens.ts';
import {
  BulkPostModerationBody,
  SetAuthorRuleBody,
  type AuthorRule,
  type AuthorRuled,
} from './schemas/moderation.ts';
import { SourceStatus, type SourceSettings } from './schemas/sources.ts';
import type { WaitingCounts } from './schemas/waiting.ts';

export const Role = z.enum(['public', 'attendee', 'moderator', 'speaker']);
export type Role = z.infer<typeof Role>;

/** socket.io handshake `auth`. The token is any credential; without one the socket is public. */
export const HandshakeAuth = z.object({
  eventCode: z.string().min(1).max(32),
  token: z.string().max(200).optional(),
  /** Moderators: who is at this console, for the moderation log (one key is shared by all). */
  name: ModeratorName.optional(),
});
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

export const Snapshot = z.object({
  role: Role,
  event: Event,
  sessions: z.array(Session),
  /** Screens with a mode set; a screen not listed shows the wall. */
  screens: z.array(Screen),
  /** Newest first. Public roles get approved posts only; moderators get every status. */
  posts: z.array(Post),
  attendee: Attendee.nullable(),
  /** The attendee's own questions in every status, so they can follow what happens to them. */
  myQuestions: z.array(Question),
  /** Speakers: the session their key is for, or null for an event-wide speaker key. */
  speakerSessionId: Id.nullable(),
  /** Moderators: how each outside source (X …) is doing. Absent for other roles. */
  sources: z.array(SourceStatus).optional(),
  serverTime: z.string(),
  /** The public address links are built from, and whether its notice was dismissed. */
  address: PublicAddress,
});
export type Snapshot = z.infer<typeof Snapshot>;

export const SessionWatch = z.strictObject({ sessionId: Id, sort: QuestionSort.optional() });
export const SessionPage = z.strictObject({
  sessionId: Id,
  cursor: QuestionCursor,
  sort: QuestionSort.optional(),
});
export const QuestionCreate = CreateQuestionBody.extend({ sessionId: Id }).strict();
export const QuestionRef = z.strictObject({ questionId: Id });
export const QuestionEdit = EditQuestionBody.extend({ questionId: Id }).strict();
export const ScreenSet = z.strictObject({ name: ScreenName, mode: ScreenMode });
export const PostModerateMany = BulkPostModerationBody;
export const AuthorSetRule = SetAuthorRuleBody;
export const PostModerate = z.strictObject({
  postId: Id,
  action: PostAction,
  from: PostStatus.optional(),
});
export const QuestionModerate = z.strictObject({ questionId: Id, action: QuestionAction });
export const QuestionSimilar = SimilarQuestionsQuery.extend({ sessionId: Id }).strict();
export const QuestionMerge = MergeQuestionBody.extend({ questionId: Id }).strict();

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
  'post:moderateMany': (payload: z.input<typeof PostModerateMany>, ack: AckFn<Post[]>) => void;
  'author:setRule': (
    payload: z.input<typeof AuthorSetRule>,
    ack: AckFn<{ rule: AuthorRule | null; changed: Post[] }>,
  ) => void;
  'question:create': (payload: z.input<typeof QuestionCreate>, ack: AckFn<Question>) => void;
  'question:vote': (payload: z.input<typeof QuestionRef>, ack: AckFn<VoteResult>) => void;
  'question:unvote': (payload: z.input<typeof QuestionRef>, ack: AckFn<VoteResult>) => void;
  'question:moderate': (payload: z.input<typeof QuestionModerate>, ack: AckFn<Question>) => void;
  /** The author while pending, or a moderator at any time. */
  'question:edit': (payload: z.input<typeof QuestionEdit>, ack: AckFn<Question>) => void;
  /** The author takes back a question still awaiting moderation. */
  'question:withdraw': (
    payload: z.input<typeof QuestionRef>,
    ack: AckFn<{ id: number; sessionId: number }>,
  ) => void;
  /** Live questions of the session like what is being typed (a list: rate limited). */
  'question:similar': (
    payload: z.input<typeof QuestionSimilar>,
    ack: AckFn<SimilarQuestions>,
  ) => void;
  /** Moderators: merge a duplicate into another question of its session. */
  'question:merge': (payload: z.input<typeof QuestionMerge>, ack: AckFn<MergeResult>) => void;
  /** Moderators: undo a merge. */
  'question:unmerge': (payload: z.input<typeof QuestionRef>, ack: AckFn<MergeResult>) => void;
  /** Follow one session's questions; answers with the first page of its list. */
  'session:watch': (payload: z.input<typeof SessionWatch>, ack: AckFn<QuestionList>) => void;
  /** The next page of a session's list, from the `nextCursor` of the previous one. */
  'session:page': (payload: z.input<typeof SessionPage>, ack: AckFn<QuestionList>) => void;
  /** Moderators: switch a screen's mode. */
  'screen:set': (payload: z.input<typeof ScreenSet>, ack: AckFn<z.infer<typeof Screen>>) => void;
}

export interface ServerToClientEvents {
  'event:snapshot': (snapshot: Snapshot) => void;
  'event:updated': (event: Event) => void;
  /** A screen's mode changed. */
  'screen:updated': (screen: Screen) => void;
  /** Moderators only: live counters, every few seconds while a moderator is connected. */
  'stats:updated': (stats: EventStats) => void;
  'session:updated': (session: Session) => void;
  /** A session was deleted, with its questions. */
  'session:removed': (ref: { id: number; eventId: number }) => void;
  /** Moderators and the post's author: a post was made or changed, in any status. */
  'post:created': (post: Post) => void;
  'post:updated': (post: Post) => void;
  /**
   * Screens and attendees: the wall changed. Batched, at most one per WALL_FLUSH_MS: the latest state
   * of each approved post that changed, and the ids of posts taken down.
   */
  'posts:changed': (batch: { eventId: number; upserted: Post[]; removed: number[] }) => void;
  'question:created': (question: Question) => void;
  'question:updated': (question: Question) => void;
  'question:removed': (ref: { id: number; sessionId: number }) => void;
  /**
   * An answer or reply was written or changed: to the session's staff and the reply's author in
   * any status; to the session's audience and the asker when it is public.
   */
  'answer:created': (answer: Answer) => void;
  'answer:updated': (answer: Answer) => void;
  /** The audience and the asker: a public answer or reply was taken down. */
  'answer:removed': (ref: { id: number; questionId: number; sessionId: number }) => void;
  /**
   * Moderators only: how many questions wait per session, at most every WAITING_FLUSH_MS and
   * only when a count changed. A session not listed has none waiting.
   */
  'questions:waiting': (counts: WaitingCounts) => void;
  /** Coalesced vote counts: the exact current count of every question that changed. */
  'question:votes': (counts: VoteCounts) => void;
  /** Moderators only: an outside source changed state or took in new items (at most once a second). */
  'source:status': (status: SourceStatus) => void;
  /**
   * Moderators only: a moderator saved the event's source settings (as GET returns them:
   * tokens only as tokenSet). Every open console shows them at once.
   */
  'sources:updated': (settings: SourceSettings) => void;
  /** Moderators: an author was blocked, trusted or cleared (by any moderator of the event). */
  'author:ruled': (ruled: AuthorRuled) => void;
  /** A moderator hid or showed again the screens' notice about the public address. */
  'address:updated': (notice: AddressNotice) => void;
}

export type CommandName = keyof ClientToServerEvents;
/** What a command's client sends, as the catalog types it. */
export type CommandPayload<K extends CommandName> = Parameters<ClientToServerEvents[K]>[0];
/** What a command's acknowledgement carries on success, as the catalog types it. */
export type CommandResult<K extends CommandName> =
  Parameters<ClientToServerEvents[K]>[1] extends AckFn<infer T> ? T : never;

/**
 * The command registry: every client-to-server event and the schema its payload is parsed with.
 * Checked against the catalog both ways: a command the catalog names without a schema, a schema
 * for an event it does not name, or a schema whose input is not the catalog's payload fails to
 * compile. The socket server registers its handlers from this map.
 */
export const COMMANDS = {
  'post:create': CreatePostBody,
  'post:moderate': PostModerate,
  'post:moderateMany': PostModerateMany,
  'author:setRule': AuthorSetRule,
  'question:create': QuestionCreate,
  'question:vote': QuestionRef,
  'question:unvote': QuestionRef,
  'question:moderate': QuestionModerate,
  'question:edit': QuestionEdit,
  'question:withdraw': QuestionRef,
  'question:similar': QuestionSimilar,
  'question:merge': QuestionMerge,
  'question:unmerge': QuestionRef,
  'session:watch': SessionWatch,
  'session:page': SessionPage,
  'screen:set': ScreenSet,
} as const satisfies { [K in CommandName]: z.ZodType<unknown, CommandPayload<K>> };

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/** Every command's name, in the registry's order. */
export const COMMAND_NAMES: readonly CommandName[] = Object.keys(COMMANDS).filter(isCommandName);
