import type { Question } from '../../shared/schemas/questions.ts';
import type { EventRow } from '../events/repository.ts';
import { parseJsonArray } from '../lib/json.ts';
import type { PostRow } from '../posts/repository.ts';
import type { SessionRow } from '../sessions/repository.ts';
import { mdInline, mdLines, mdListItem, mdTime } from './markdown.ts';

/** What the Markdown report is made of; questions and posts are read as it is written. */
export interface ReportInput {
  event: EventRow;
  sessions: SessionRow[];
  exportedAt: string;
  /** A session's questions worth reporting (not dismissed), best first. */
  questionsOf(session: SessionRow): Question[];
  /** Approved posts, newest first, a page at a time. */
  approvedPosts: Iterable<PostRow[]>;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function sessionLine(session: SessionRow): string {
  const parts = [mdInline(session.room)];
  if (session.speaker.trim()) parts.push(mdInline(session.speaker));
  if (session.starts_at || session.ends_at) {
    parts.push([session.starts_at, session.ends_at].map((at) => (at ? mdTime(at) : '…')).join(' – '));
  }
  return parts.join(' · ');
}

function questionItem(question: Question): string {
  const meta = [plural(question.votes, 'vote')];
  if (question.status === 'answered') meta.push('**Answered**');
  if (question.status === 'pending') meta.push('*Never approved*');
  meta.push(question.authorName === null ? '*Anonymous*' : mdInline(question.authorName));
  return mdListItem([meta.join(' · '), ...mdLines(question.text)]);
}

function postItem(post: PostRow): string {
  const author = mdInline(post.author_handle ? `${post.author_name} (@${post.author_handle})` : post.author_name);
  return mdListItem([[author, post.source, mdTime(post.created_at)].join(' · '), ...mdLines(post.text)]);
}

/**
 * A report to read after the event: per session its questions best first (dismissed ones left
 * out), then what the wall showed, newest first. All user text goes through the escapes of
 * markdown.ts; only the report's own structure is Markdown.
 */
export function* markdownReport(input: ReportInput): Generator<string> {
  const { event } = input;
  const tags = parseJsonArray(event.hashtags).map((tag) => `#${tag}`);
  yield `# ${mdInline(event.name)}\n\n`;
  yield `${[`Join code ${mdInline(event.code)}`, ...tags.map(mdInline), `exported ${mdTime(input.exportedAt)}`].join(' · ')}\n\n`;
  yield '## Questions\n\n';
  if (input.sessions.length === 0) yield '*No sessions.*\n\n';
  for (const session of input.sessions) {
    const questions = input.questionsOf(session);
    yield `### ${mdInline(session.title)}\n\n${sessionLine(session)}\n\n`;
    yield questions.length === 0 ? '*No questions.*\n\n' : `${questions.map(questionItem).join('')}\n`;
  }
  yield '## Posts\n\n';
  let any = false;
  for (const page of input.approvedPosts) {
    any = true;
    yield page.map(postItem).join('');
  }
  yield any ? '\n' : '*No posts.*\n';
}
