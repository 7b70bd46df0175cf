import type fc from 'fast-check';
import type { HTTPMethods } from 'fastify';
import type { World } from '../support.ts';

export interface FuzzRoute {
  method: HTTPMethods;
  path: string;
  params?: Record<string, () => string[]>;
  query?: string[];
  body?: Record<string, fc.Arbitrary<unknown>>;
  token?: () => string | undefined;
  /**
   * Ids no fuzzed parameter may coerce to (' 1', '+1' and '01' all reach event 1): for routes whose
   * right answer would change the world every later property relies on.
   */
  spare?: () => number[];
}

export interface FuzzIds {
  posts: string[];
  questions: string[];
  /** Pending questions of one author, for withdrawing. */
  pending: string[];
  pendingAuthor: string;
  /** A staff answer and an attendee's reply to the first question. */
  answers: string[];
}

export interface Fixtures {
  w: World;
  ids: FuzzIds;
  freshAttendee(): string;
}

export interface FuzzCommand {
  name: string;
  fields: Record<string, fc.Arbitrary<unknown>>;
  token: () => string | undefined;
}
