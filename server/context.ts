import type { Config } from './config.ts';
import { createExportsRepository } from './exports/repository.ts';
import { createArchiveRepository } from './archive/repository.ts';
import { createTopicRepository } from './archive/topics-repository.ts';
import { createSourcesRepository } from './sources/repository.ts';
import { createSourceSettingsRepository } from './sources/settings-repository.ts';
import { createTokenSeal } from './sources/token-seal.ts';
import { createPeopleRepository } from './archive/people-repository.ts';
import type { Db } from './db/database.ts';
import { createAttendeesRepository } from './attendees/repository.ts';
import { KeyDeriver } from './auth/keys.ts';
import { createPrincipalResolver } from './auth/principal.ts';
import { createEventsRepository } from './events/repository.ts';
import { createModerationLogRepository } from './moderation/repository.ts';
import { createAuthorsRepository } from './moderation/authors.ts';
import { createModerationService } from './moderation/service.ts';
import { createScreensRepository, createScreensService } from './screens/service.ts';
import { createAddressService } from './address/service.ts';
import { createPostsRepository } from './posts/repository.ts';
import { createQuestionsRepository } from './questions/repository.ts';
import { createBroadcaster } from './realtime/broadcaster.ts';
import { createSessionsRepository } from './sessions/repository.ts';
import { createEventsService } from './events/service.ts';
import { createLogoService } from './events/logo.ts';
import { createExportsService } from './exports/service.ts';
import { createSessionsService } from './sessions/service.ts';
import { createAttendeesService } from './attendees/service.ts';
import { createJoinChallenges } from './attendees/challenge.ts';
import { createPostsService } from './posts/service.ts';
import { createQuestionsService } from './questions/service.ts';
import { createVoteCoalescer } from './questions/vote-coalescer.ts';
import { createFreshVotes } from './questions/fresh-votes.ts';
import { createWaitingQuestions } from './questions/waiting.ts';
import { createRateLimiter, type RateLimiter } from './lib/rate-limit.ts';
import { createSourcesStatus } from './sources/status.ts';
import { createAddressGuard, type Lookup } from './sources/addresses.ts';
import { createSourceSettings } from './sources/settings.ts';
import { createSearchIndex } from './search/index.ts';
import { createAnswersRepository } from './answers/repository.ts';
import { createAnswersService } from './answers/service.ts';
import { createDuplicatesRepository } from './questions/duplicates-repository.ts';
import { createMergeService } from './questions/merge.ts';
import { createSimilarQuestions } from './questions/similar.ts';
import { createArchiveService } from './archive/service.ts';
import { createTopicService } from './archive/topics.ts';
import { createPeopleService } from './archive/people.ts';

/**
 * The domain, wired once: repositories (SQL), then services (rules), each service broadcasting
 * its own writes. HTTP routes and socket handlers both call these services, so the two paths
 * cannot drift apart.
 */
export function createDomain(config: Config, db: Db, lookup?: Lookup) {
  const questionRows = createQuestionsRepository(db);
  const repos = {
    events: createEventsRepository(db),
    sessions: createSessionsRepository(db),
    attendees: createAttendeesRepository(db),
    posts: createPostsRepository(db),
    questions: questionRows,
    log: createModerationLogRepository(db),
    authors: createAuthorsRepository(db),
    search: createSearchIndex(db),
    answers: createAnswersRepository(db),
    duplicates: createDuplicatesRepository(db, questionRows.touch),
    screens: createScreensRepository(db),
    exports: createExportsRepository(db),
    archive: createArchiveRepository(db),
    topics: createTopicRepository(db),
    people: createPeopleRepository(db),
    sources: createSourcesRepository(db),
    sourceSettings: createSourceSettingsRepository(db, createTokenSeal(config.keySecret)),
  };
  const keys = new KeyDeriver(config.keySecret);
  const broadcast = createBroadcaster();
  const voteCoalescer = createVoteCoalescer(repos.questions, broadcast);
  const limiter = createRateLimiter();
  const deps = { config, db, repos, keys, broadcast, limiter };
  const events = createEventsService(deps);
  const logos = createLogoService(deps);
  const freshVotes = createFreshVotes(deps, voteCoalescer);
  const waiting = createWaitingQuestions(deps, broadcast);
  const questions = createQuestionsService({ ...deps, voteCoalescer, freshVotes, waiting });
  const sessions = createSessionsService({ ...deps, questions });
  const attendees = createAttendeesService({ ...deps, myQuestions: questions.mine });
  const posts = createPostsService({ ...deps, questions });
  const answers = createAnswersService(deps, questions);
  const merges = createMergeService(deps, questions, answers);
  const similar = createSimilarQuestions(deps);
  const moderation = createModerationService(deps, posts);
  const screens = createScreensService(repos.screens, repos.log, broadcast);
  const exports = createExportsService(deps);
  // Outside hosts a moderator names must be public, unless the operator allowed private ones.
  const addressGuard = createAddressGuard({
    allowPrivate: config.mastodon.allowPrivateAddresses,
    ...(lookup ? { lookup } : {}),
  });
  const sourceSettings = createSourceSettings({
    config,
    repo: repos.sourceSettings,
    events: repos.events,
    log: repos.log,
    addressGuard,
    broadcast,
  });
  const sources = createSourcesStatus({
    config,
    repo: repos.sources,
    events: repos.events,
    settings: sourceSettings,
    broadcast,
  });
  const address = createAddressService(deps);
  const archive = createArchiveService(deps);
  const topics = createTopicService(deps, archive);
  const people = createPeopleService(deps, archive);
  return {
    repos,
    keys,
    broadcast,
    voteCoalescer,
    resolvePrincipal: createPrincipalResolver({ adminToken: config.adminToken, ...repos }),
    events,
    logos,
    sessions,
    attendees,
    joinChallenges: createJoinChallenges(config, db),
    freshVotes,
    waiting,
    limiter,
    posts,
    questions,
    answers,
    merges,
    similar,
    moderation,
    screens,
    sources,
    sourceSettings,
    addressGuard,
    exports,
    address,
    archive,
    topics,
    people,
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
    search: ReturnType<typeof createSearchIndex>;
    answers: ReturnType<typeof createAnswersRepository>;
    duplicates: ReturnType<typeof createDuplicatesRepository>;
    screens: ReturnType<typeof createScreensRepository>;
    exports: ReturnType<typeof createExportsRepository>;
    archive: ReturnType<typeof createArchiveRepository>;
    topics: ReturnType<typeof createTopicRepository>;
    people: ReturnType<typeof createPeopleRepository>;
    sources: ReturnType<typeof createSourcesRepository>;
    sourceSettings: ReturnType<typeof createSourceSettingsRepository>;
  };
  keys: KeyDeriver;
  broadcast: ReturnType<typeof createBroadcaster>;
  limiter: RateLimiter;
}
