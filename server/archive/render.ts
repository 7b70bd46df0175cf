import type { EventRow } from '../events/repository.ts';
import { LIMITS } from '../../shared/limits.ts';
import type { ArchiveService } from './service.ts';
import type { PeopleService } from './people.ts';
import type { TopicService } from './topics.ts';
import type { Site } from './html/layout.ts';
import { postsFeed, sessionFeed } from './html/feeds.ts';
import { peoplePage, personPage } from './html/people-page.ts';
import { topicPage } from './html/topic-page.ts';
import {
  FILES,
  indexPage,
  linksPage,
  postsPage,
  sessionPage,
  type ParsedFile,
} from './html/pages.ts';

export type ArchiveFile =
  | Exclude<ParsedFile, { kind: 'search' }>
  | { kind: 'topic'; tag: string; page: number }
  | { kind: 'person'; id: string; page: number };

/** The services an archive file is made from (the domain has them all). */
export interface ArchiveParts {
  archive: ArchiveService;
  topics: TopicService;
  people: PeopleService;
}

export interface Rendered {
  type: 'text/html; charset=utf-8' | 'application/atom+xml; charset=utf-8';
  body: string;
}

const HTML = 'text/html; charset=utf-8' as const;
const ATOM = 'application/atom+xml; charset=utf-8' as const;

/**
 * One file of an event's archive, the same whether served live or written by the static
 * export. Throws 404 (not_found, session_not_found) for a page or session that is not there.
 */
export function renderFile(
  parts: ArchiveParts,
  event: EventRow,
  site: Site,
  file: ArchiveFile,
): Rendered {
  const { archive } = parts;
  switch (file.kind) {
    case 'index': {
      const overview = archive.overview(event);
      const newest = archive.repository.posts(event.id, 10, 0);
      return { type: HTML, body: indexPage(event, site, { ...overview, newest }) };
    }
    case 'links':
      return { type: HTML, body: linksPage(event, site, archive.overview(event).links) };
    case 'posts':
      return { type: HTML, body: postsPage(event, site, archive.postsPage(event, file.page)) };
    case 'session':
      return {
        type: HTML,
        body: sessionPage(event, site, archive.sessionPage(event, file.id, file.page)),
      };
    case 'people':
      return { type: HTML, body: peoplePage(event, site, parts.people.list(event, file.page)) };
    case 'person':
      return {
        type: HTML,
        body: personPage(event, site, parts.people.person(event, file.id, file.page)),
      };
    case 'topic':
      return {
        type: HTML,
        body: topicPage(event, site, parts.topics.page(event, file.tag, file.page)),
      };
    case 'postsFeed':
      return { type: ATOM, body: postsFeed(event, site.baseUrl, archive.feedPosts(event)) };
    case 'sessionFeed': {
      const { session, items } = archive.feedAnswered(event, file.id);
      const where = (q: { id: number; session_id: number; votes: number }) =>
        `${FILES.session(q.session_id, archive.repository.questionPage(q))}#q-${q.id}`;
      return { type: ATOM, body: sessionFeed(event, site.baseUrl, session, items, where) };
    }
  }
}

/**
 * Every file of the archive, for the static export: bounded by the archive's own limits. Every
 * topic a page links to is written: the front page's and each person's.
 */
export function* allFiles(parts: ArchiveParts, event: EventRow): Generator<ArchiveFile> {
  const { archive } = parts;
  yield { kind: 'index' };
  yield { kind: 'links' };
  yield { kind: 'postsFeed' };
  const postPages = Math.max(
    1,
    Math.ceil(archive.repository.postCount(event.id) / LIMITS.archive.postsPerPage),
  );
  for (let page = 1; page <= postPages; page++) yield { kind: 'posts', page };
  for (const session of archive.repository.sessions(event.id)) {
    yield { kind: 'sessionFeed', id: session.id };
    const pages = Math.max(1, Math.ceil(session.questions / LIMITS.archive.questionsPerPage));
    for (let page = 1; page <= pages; page++) yield { kind: 'session', id: session.id, page };
  }
  const peoplePages = parts.people.list(event, 1).pages;
  for (let page = 1; page <= peoplePages; page++) yield { kind: 'people', page };
  const tags = new Set(archive.overview(event).topics.map((topic) => topic.key));
  for (const person of parts.people.all(event)) {
    for (let page = 1; page <= person.pages; page++) yield { kind: 'person', id: person.id, page };
    for (const tag of person.topics) tags.add(tag);
  }
  for (const tag of tags) {
    const pages = parts.topics.page(event, tag, 1).pages;
    for (let page = 1; page <= pages; page++) yield { kind: 'topic', tag, page };
  }
}

/** What a file is called, as a link from the archive's folder (encoded: decode it for a disk). */
export function fileName(file: ArchiveFile): string {
  switch (file.kind) {
    case 'index':
      return FILES.index;
    case 'links':
      return FILES.links;
    case 'postsFeed':
      return FILES.postsFeed;
    case 'posts':
      return FILES.posts(file.page);
    case 'session':
      return FILES.session(file.id, file.page);
    case 'sessionFeed':
      return FILES.sessionFeed(file.id);
    case 'people':
      return FILES.people(file.page);
    case 'person':
      return FILES.person(file.id, file.page);
    case 'topic':
      return FILES.topic(file.tag, file.page);
  }
}
