import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import { createAttendeesRepository } from './attendees/repository.ts';
import { KeyDeriver } from './auth/keys.ts';
import { createPrincipalResolver } from './auth/principal.ts';
import { createEventsRepository } from './events/repository.ts';
import { createModerationLogRepository } from './moderation/repository.ts';
import { createAuthorsRepository } from './moderation/authors.ts';
import { createModerationService } from './moderation/service.ts';
import { createScreensService } from './screens/service.ts';
import { createPostsRepository } from './posts/repository.ts';
import { createQuestionsRepository } from './questions/repository.ts';
import { createBroadcaster } from './realtime/broadcaster.ts';
import { createSessionsRepository } from './sessions/repository.ts';
import { createEventsService } from './events/service.ts';
import { createExportsService } from './exports/service.ts';
import { createSessionsService } from './sessions/service.ts';
import { createAttendeesService } from './attendees/service.ts';
import { createPostsService } from './posts/service.ts';
import { createQuestionsService } from './questions/service.ts';
import { createVoteCoalescer } from './questions/vote-coalescer.ts';
import { createRateLimiter, type RateLimiter } from './lib/rate-limit.ts';
import { createSourcesStatus } from './sources/status.ts';

/**
 * The domain, wired once: repositories (SQL), then services (rules), each service broadcasting
 * its own writes. HTTP routes and socket handlers both call these services, so the two paths
 * cannot drift apart.
 */
export function createDomain(config: Config, db: Db) {
  const repos = {
    events: createEventsRepository(db),
    sessions: createSessionsRepository(db),
    attendees: createAttendeesRepository(db),
    posts: createPostsRepository(db),
    questions: createQuestionsRepository(db),
    log: createModerationLogRepository(db),
    authors: createAuthorsRepository(db),
  };
  const keys = new KeyDeriver(config.keySecret);
  const broadcast = createBroadcaster();
  const voteCoalescer = createVoteCoalescer(repos.questions, broadcast);
  const limiter = createRateLimiter();
  const deps = { config, db, repos, keys, broadcast, limiter };
  const events = createEventsService(deps);
  const sessions = createSessionsService(deps);
  const attendees = createAttendeesService(deps);
  const questions = createQuestionsService({ ...deps, voteCoalescer });
  const posts = createPostsService({ ...deps, questions });
  const moderation = createModerationService(deps, posts);
  const screens = createScreensService(db, repos.log, broadcast);
  const exports = createExportsService(deps);
  const sources = createSourcesStatus({ config, db, events: repos.events, broadcast });
  return {
    repos,
    keys,
    broadcast,
    voteCoalescer,
    resolvePrincipal: createPrincipalResolver({ adminToken: config.adminToken, ...repos }),
    events,
    sessions,
    attendees,
    posts,
    questions,
    moderation,
    screens,
    sources,
    exports,
  };
}

export type Domain = ReturnType<typeof createDomain>;

export interface DomainDeps {
  config: Config;
  db: Db;
  repos: {
    events: ReturnType<typeof createEventsRepository>;
    sessions: ReturnType<typeof createSessionsRepository>;
    attendees: ReturnType<typeof createAttendeesRepository>;
    posts: ReturnType<typeof createPostsRepository>;
    questions: ReturnType<typeof createQuestionsRepository>;
    log: ReturnType<typeof createModerationLogRepository>;
    authors: ReturnType<typeof createAuthorsRepository>;
  };
  keys: KeyDeriver;
  broadcast: ReturnType<typeof createBroadcaster>;
  limiter: RateLimiter;
}
