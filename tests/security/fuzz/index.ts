/**
 * The fuzzing catalog: every route and socket command, the credential that lets a body reach
 * validation, and sensible values for each field (which shapedPairs then mixes with hostile ones).
 * One file per domain; this one puts them together.
 */
import { eventRoutes } from './events.ts';
import { attendeeRoutes } from './attendees.ts';
import { sessionRoutes } from './sessions.ts';
import { questionRoutes } from './questions.ts';
import { moderationRoutes } from './moderation.ts';
import { answerRoutes } from './answers.ts';
import { sourceRoutes } from './sources.ts';
import { exportRoutes } from './exports.ts';
import { commands } from './commands.ts';
import { catalogContext } from './context.ts';
import type { Fixtures, FuzzCommand, FuzzRoute } from './types.ts';

export type { Fixtures, FuzzCommand, FuzzIds, FuzzRoute } from './types.ts';

/**
 * Every route and command with the right credential and sensible values for its fields. Read
 * lazily through `fixtures()`, since the world is built after the tests are collected.
 */
export function fuzzCatalog(fixtures: () => Fixtures): {
  routes: FuzzRoute[];
  commands: FuzzCommand[];
} {
  const context = catalogContext(fixtures);
  return {
    routes: [
      ...eventRoutes(context),
      ...attendeeRoutes(context),
      ...sessionRoutes(context),
      ...questionRoutes(context),
      ...moderationRoutes(context),
      ...answerRoutes(context),
      ...sourceRoutes(context),
      ...exportRoutes(context),
    ],
    commands: commands(context),
  };
}
