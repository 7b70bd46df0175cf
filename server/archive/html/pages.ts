import type { ArchiveSearchResult } from '../../../shared/schemas/archive.ts';
import type { EventRow } from '../../events/repository.ts';
import type { Counted } from '../digest.ts';
import type { ArchiveAnswer, ArchivePost, ArchiveQuestion, ArchiveSession } from '../repository.ts';
import { page, pager, searchForm, type Site } from './layout.ts';
import { markup, type Markup } from './markup.ts';
import { count, richText, snippet, when } from './text.ts';

/**
 * The archive's file names: one folder, so every link is a bare relative name that works
 * served live and as static files. Pages are numbered in the name (not ?page=) for the same
 * reason: a static host ignores a query string.
 */
export const FILES = {
  index: 'index.html',
  posts: (page = 1) => (page === 1 ? 'posts.html' : `posts-p${page}.html`),
  session: (id: number, page = 1) =>
    page === 1 ? `session-${id}.html` : `session-${id}-p${page}.html`,
  links: 'links.html',
  postsFeed: 'feed.atom',
  sessionFeed: (id: number) => `session-${id}.atom`,
  people: (page = 1) => (page === 1 ? 'people.html' : `people-p${page}.html`),
  // One folder down; a tag or a person's id holds letters, digits and _ only, never "-".
  topic: (tag: string, page = 1) =>
    `topics/${encodeURIComponent(tag)}${page === 1 ? '' : `-p${page}`}.html`,
  person: (id: string, page = 1) =>
    `people/${encodeURIComponent(id)}${page === 1 ? '' : `-p${page}`}.html`,
};

/**
 * A page in the topics/ or people/ folder: "NAME.html", "NAME-p2.html", or (page 1, served
 * live) the bare "NAME".
 */
export function parseSubFile(file: string): { name: string; page: number } | null {
  const match = /^([\p{L}\p{N}_]{1,100})(?:(?:-p([1-9]\d{0,5}))?\.html)?$/u.exec(file);
  return match ? { name: match[1]!, page: Number(match[2] ?? 1) } : null;
}

/** Names the live server answers; the static export writes the same. */
export type ParsedFile =
  | { kind: 'index' }
  | { kind: 'links' }
  | { kind: 'postsFeed' }
  | { kind: 'search' }
  | { kind: 'posts'; page: number }
  | { kind: 'people'; page: number }
  | { kind: 'session'; id: number; page: number }
  | { kind: 'sessionFeed'; id: number };

export function parseFile(file: string): ParsedFile | null {
  if (file === '' || file === FILES.index) return { kind: 'index' };
  if (file === FILES.links) return { kind: 'links' };
  if (file === FILES.postsFeed) return { kind: 'postsFeed' };
  if (file === 'search') return { kind: 'search' };
  const posts = /^posts(?:-p([1-9]\d{0,5}))?\.html$/.exec(file);
  if (posts) return { kind: 'posts', page: Number(posts[1] ?? 1) };
  // The people list is also /e/CODE/archive/people: in the same folder, so its links hold.
  if (file === 'people') return { kind: 'people', page: 1 };
  const people = /^people(?:-p([1-9]\d{0,5}))?\.html$/.exec(file);
  if (people) return { kind: 'people', page: Number(people[1] ?? 1) };
  const session = /^session-([1-9]\d{0,15})(?:-p([1-9]\d{0,5}))?\.(html|atom)$/.exec(file);
  if (!session || (session[3] === 'atom' && session[2])) return null;
  const id = Number(session[1]);
  if (session[3] === 'atom') return { kind: 'sessionFeed', id };
  return { kind: 'session', id, page: Number(session[2] ?? 1) };
}

/**
 * How every page and feed of the archive names someone whose name is not public: an attendee
 * who did not choose to be named, the asker of an anonymous question, and a post that came from
 * another network. One wording for all, so that nothing tells an anonymous question from one
 * whose asker keeps their name out of the archive.
 */
export const UNNAMED = 'someone';

/** Who wrote an item: their name, linked to their page when they are listed. */
export function byline(item: { author: string | null; person: string | null }): Markup {
  if (item.author === null) return markup`${UNNAMED}`;
  return item.person
    ? markup`<a href="${FILES.person(item.person)}">${item.author}</a>`
    : markup`${item.author}`;
}

function sessionLine(session: ArchiveSession, zone: string): Markup {
  return markup`<p class="meta">
    ${session.speaker ? markup`<span>${session.speaker}</span> · ` : ''}<span>${session.room}</span>${session.starts_at ? markup` · ${when(session.starts_at, zone)}` : ''}
    · ${count(session.questions, 'question')}
  </p>`;
}

export function postItem(post: ArchivePost, zone: string): Markup {
  return markup`<li id="post-${post.id}">
    ${richText(post.text)}
    <p class="meta">Posted by ${byline(post)} · ${when(post.created_at, zone)}</p>
  </li> `;
}

export function answerLabel(answer: Pick<ArchiveAnswer, 'accepted' | 'kind'>): string {
  return answer.accepted ? 'Accepted answer' : answer.kind === 'answer' ? 'Answer' : 'Reply';
}

export function answerItem(answer: ArchiveAnswer, zone: string): Markup {
  const role =
    answer.author_role === 'speaker'
      ? 'speaker'
      : answer.author_role === 'moderator'
        ? 'organiser'
        : null;
  const label = answerLabel(answer);
  return markup`<li id="a-${answer.id}" class="${answer.accepted ? 'accepted' : ''}">
    <p class="meta">
      <strong>${label}</strong> by ${byline(answer)}${role ? ` (${role})` : ''} ·
      ${when(answer.created_at, zone)}
    </p>
    ${richText(answer.text)}
  </li> `;
}

export function questionItem(
  item: { question: ArchiveQuestion; answers: ArchiveAnswer[] },
  zone: string,
): Markup {
  const { question, answers } = item;
  return markup`<li id="q-${question.id}">
    <p class="meta">
      ${count(question.votes, 'vote')}${question.status === 'answered' ? markup` · <span class="badge">answered</span>` : ''}
    </p>
    ${richText(question.text)}
    <p class="meta">Asked by ${byline(question)} · ${when(question.created_at, zone)}</p>
    ${
      answers.length > 0
        ? markup`<ol class="answers" aria-label="Answers">
            ${answers.map((a) => answerItem(a, zone))}
          </ol>`
        : ''
    }
  </li> `;
}

export function indexPage(
  event: EventRow,
  site: Site,
  data: {
    sessions: ArchiveSession[];
    links: Counted[];
    topics: Counted[];
    postCount: number;
    newest: ArchivePost[];
  },
): string {
  const zone = event.time_zone;
  const topicItem = (topic: Counted) =>
    markup`<li>
      <a href="${FILES.topic(topic.key)}">#${topic.key}</a> (${topic.count})
    </li>`;
  const body = markup`<h1>${event.name}</h1>
    <p class="meta">
      ${count(data.sessions.length, 'session')} · ${count(data.postCount, 'wall post')}
    </p>
    <h2 id="sessions">Sessions</h2>
    ${
      data.sessions.length === 0
        ? markup`<p>No sessions.</p>`
        : markup`<ol class="cards">
            ${data.sessions.map(
              (s) =>
                markup`<li>
                  <h3><a href="${FILES.session(s.id)}">${s.title}</a></h3>
                  ${sessionLine(s, zone)}
                </li> `,
            )}
          </ol>`
    }
    <h2 id="topics">Topics</h2>
    ${
      data.topics.length === 0
        ? markup`<p>No topics yet.</p>`
        : markup`<ul class="chips">
            ${data.topics.map(topicItem)}
          </ul>`
    }
    <h2 id="links">Links people shared</h2>
    ${linkList(data.links.slice(0, 20))}${data.links.length > 20 ? markup`<p><a href="${FILES.links}">All shared links</a></p>` : ''}
    <h2 id="wall">Newest on the wall</h2>
    ${
      data.newest.length === 0
        ? markup`<p>No wall posts.</p>`
        : markup`<ol class="cards">
            ${data.newest.map((p) => postItem(p, zone))}
          </ol>`
    }
    ${data.postCount > data.newest.length ? markup`<p><a href="${FILES.posts()}">All ${count(data.postCount, 'wall post')}</a></p>` : ''}`;
  return page(event, site, {
    title: 'Archive',
    feeds: [{ href: FILES.postsFeed, title: `${event.name}: wall posts` }],
    body,
  });
}

function linkList(links: Counted[]): Markup {
  if (links.length === 0) return markup`<p>No links shared.</p>`;
  return markup`<ol class="links">
    ${links.map(
      (link) =>
        markup`<li>
          <a href="${link.key}" rel="nofollow ugc noopener">${link.key}</a>
          <span class="meta">(shared ${count(link.count, 'time')})</span>
        </li>`,
    )}
  </ol> `;
}

export function linksPage(event: EventRow, site: Site, links: Counted[]): string {
  return page(event, site, {
    title: 'Shared links',
    body: markup`<h1>Links people shared</h1>
      ${linkList(links)}`,
  });
}

export function sessionPage(
  event: EventRow,
  site: Site,
  data: {
    session: ArchiveSession;
    page: number;
    pages: number;
    items: Array<{ question: ArchiveQuestion; answers: ArchiveAnswer[] }>;
  },
): string {
  const { session } = data;
  const feed = FILES.sessionFeed(session.id);
  const body = markup`<h1>${session.title}</h1>
    ${sessionLine(session, event.time_zone)}
    <p><a href="${feed}">Feed of answered questions</a></p>
    <h2>Questions, best first</h2>
    ${
      data.items.length === 0
        ? markup`<p>No public questions.</p>`
        : markup`<ol class="cards">
            ${data.items.map((item) => questionItem(item, event.time_zone))}
          </ol>`
    }
    ${pager(data.page, data.pages, (n) => FILES.session(session.id, n))}`;
  return page(event, site, {
    title: session.title,
    feeds: [{ href: feed, title: `${session.title}: answered questions` }],
    body,
  });
}

export function postsPage(
  event: EventRow,
  site: Site,
  data: { page: number; pages: number; posts: ArchivePost[] },
): string {
  const body = markup`<h1>The wall</h1>
    <p><a href="${FILES.postsFeed}">Feed of wall posts</a></p>
    ${
      data.posts.length === 0
        ? markup`<p>No wall posts.</p>`
        : markup`<ol class="cards">
            ${data.posts.map((p) => postItem(p, event.time_zone))}
          </ol>`
    }
    ${pager(data.page, data.pages, FILES.posts)}`;
  return page(event, site, {
    title: data.page === 1 ? 'Wall' : `Wall, page ${data.page}`,
    feeds: [{ href: FILES.postsFeed, title: `${event.name}: wall posts` }],
    body,
  });
}

const KIND_LABEL = { post: 'Wall post', question: 'Question', answer: 'Answer', reply: 'Reply' };

/** Search pages go forward by the result's cursor; back is the browser's, or the first page. */
function pagesNav(q: string, result: ArchiveSearchResult | null, later: boolean): Markup | '' {
  if (!result || (!later && result.nextCursor === null)) return '';
  const search = `search?q=${encodeURIComponent(q)}`;
  return markup`<nav class="pages" aria-label="Pages">${later ? markup`<a href="${search}">First page</a>` : ''}${result.nextCursor ? markup`<a href="${search}&cursor=${encodeURIComponent(result.nextCursor)}" rel="next">Next page</a>` : ''}</nav>`;
}

export function searchPage(
  event: EventRow,
  site: Site,
  q: string,
  result: ArchiveSearchResult | null,
  error?: string,
  /** Whether this is a page after the first (a cursor was sent). */
  later = false,
): string {
  const hits = result?.hits ?? [];
  const body = markup`<h1>Search</h1>
    ${searchForm(q)}${error ? markup`<p role="alert">${error}</p>` : ''}
    ${result ? markup`<p class="meta">${hits.length === 0 ? 'Nothing found.' : `Results for “${q}”, best first`}</p>` : ''}
    ${
      hits.length > 0
        ? markup`<ol class="cards">
            ${hits.map(
              (hit) =>
                markup`<li>
                  <p class="meta">
                    <strong>${KIND_LABEL[hit.kind]}</strong> by ${byline({ author: hit.author, person: null })} ·
                    ${when(hit.createdAt, event.time_zone)}
                  </p>
                  <p>${snippet(hit.snippet)}</p>
                  <p><a href="${hit.href}">Read it in the archive</a></p>
                </li> `,
            )}
          </ol>`
        : ''
    }
    ${pagesNav(q, result, later)}`;
  return page(event, { ...site, search: false }, { title: q ? `Search: ${q}` : 'Search', body });
}

export function notFoundPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>
<body><main><h1>Not found</h1><p>There is no public archive here.</p></main></body></html>
`;
}
