import type { EventRow } from '../../events/repository.ts';
import type { ArchiveAnswer, ArchivePost, ArchiveQuestion, ArchiveSession } from '../repository.ts';
import { markup, type Markup } from './markup.ts';
import { answerLabel, FILES, UNNAMED } from './pages.ts';
import { richText } from './text.ts';

/**
 * Atom feeds (RFC 4287) of the archive, for people who follow rather than visit: an event's
 * newest approved wall posts, and a session's newest answered questions with their answers.
 * Entries are named by the address of the item in the archive, which never changes.
 */

const TITLE_CHARS = 80;

function titleOf(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > TITLE_CHARS ? `${line.slice(0, TITLE_CHARS - 1)}…` : line;
}

function feed(parts: {
  id: string;
  title: string;
  alternate: string;
  updated: string;
  author: string;
  entries: Markup[];
}): string {
  return markup`<?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom">
      <id>${parts.id}</id>
      <title>${parts.title}</title>
      <updated>${parts.updated}</updated>
      <author><name>${parts.author}</name></author>
      <link rel="self" type="application/atom+xml" href="${parts.id}" />
      <link rel="alternate" type="text/html" href="${parts.alternate}" />
      ${parts.entries}
    </feed>
  `.value;
}

export function postsFeed(event: EventRow, baseUrl: string, posts: ArchivePost[]): string {
  const page = `${baseUrl}${FILES.posts()}`;
  return feed({
    id: `${baseUrl}${FILES.postsFeed}`,
    title: `${event.name}: wall posts`,
    alternate: page,
    updated: posts[0]?.created_at ?? event.created_at,
    author: event.name,
    entries: posts.map(
      (post) =>
        markup`<entry>
          <id>${page}#post-${post.id}</id>
          <title>${titleOf(post.text)}</title>
          <updated>${post.created_at}</updated>
          ${post.author ? markup`<author><name>${post.author}</name></author>` : ''}
          <link rel="alternate" type="text/html" href="${page}#post-${post.id}" />
          <content type="text">${post.text}</content>
        </entry>`,
    ),
  });
}

function answersHtml(answers: ArchiveAnswer[]): Markup {
  return markup`${answers.map(
    (answer) =>
      markup`<p><strong>${answerLabel(answer)}</strong> by ${answer.author ?? UNNAMED}:</p>
        ${richText(answer.text)}`,
  )}`;
}

export function sessionFeed(
  event: EventRow,
  baseUrl: string,
  session: ArchiveSession,
  items: Array<{ question: ArchiveQuestion; answers: ArchiveAnswer[] }>,
  /** Where a question is shown, relative to the archive (its page moves as votes change). */
  where: (question: ArchiveQuestion) => string,
): string {
  const page = `${baseUrl}${FILES.session(session.id)}`;
  return feed({
    id: `${baseUrl}${FILES.sessionFeed(session.id)}`,
    title: `${session.title}: answered questions`,
    alternate: page,
    updated: items[0]?.question.answered_at ?? items[0]?.question.created_at ?? event.created_at,
    author: session.speaker || event.name,
    entries: items.map(({ question, answers }) => {
      // type="html": the markup is ours, built with every user value escaped, then escaped
      // once more as the element's text, so a reader unescapes it back to safe markup.
      const content = markup`${richText(question.text)}${answersHtml(answers)}`.value;
      return markup`<entry>
        <id>${page}#q-${question.id}</id>
        <title>${titleOf(question.text)}</title>
        <updated>${question.answered_at ?? question.created_at}</updated>
        ${question.author ? markup`<author><name>${question.author}</name></author>` : ''}
        <link rel="alternate" type="text/html" href="${baseUrl}${where(question)}" />
        <content type="html">${content}</content>
      </entry>`;
    }),
  });
}
