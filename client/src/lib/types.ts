import type { z } from 'zod';
import type { SpeakerLink as SpeakerLinkSchema } from '../../../shared/schemas/index.ts';

// One place for the shared types the client uses, so surfaces do not reach into shared/ by path.
export type {
  Attendee,
  CreateEventBody,
  Event,
  EventAccess,
  EventAccessList,
  EventSettings,
  Joined,
  ModerationMode,
  Post,
  PostAction,
  PostPage,
  PostSource,
  PostStatus,
  Question,
  QuestionAction,
  QuestionList,
  QuestionSort,
  QuestionStatus,
  Session,
  UpdateEventBody,
  VoteResult,
} from '../../../shared/schemas/index.ts';
export type {
  Ack,
  ClientToServerEvents,
  Role,
  ServerToClientEvents,
  Snapshot,
  VoteCounts,
} from '../../../shared/socket-events.ts';
export type { ErrorId } from '../../../shared/errors.ts';
export type { Screen, ScreenMode } from '../../../shared/schemas/screens.ts';

/** shared/ exports only the schema for this one. */
export type SpeakerLink = z.infer<typeof SpeakerLinkSchema>;
