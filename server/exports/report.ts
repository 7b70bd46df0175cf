import { askerName } from '../../shared/askers.ts';
import { SOURCE_LABEL } from '../../shared/post-sources.ts';
import { isTimeZone } from '../../shared/schedule.ts';
import { PostSource, PostStatus } from '../../shared/schemas/posts.ts';
import type { Question } from '../../shared/schemas/questions.ts';
import type { EventRow } from '../events/repository.ts';
import { parseJsonArray } from '../lib/json.ts';
import type { PostRow } from '../posts/repository.ts';
import type { SessionRow } from '../sessions/repository.ts';
import { mdHeading, mdInline, mdLines, mdListItem, mdTable, mdTime } from './markdown.ts';
import type { PostTally, QuestionTally } from './repository.ts';

/** What the Markdown report is made of; questions and posts are read as it is written. */
export interface ReportInput {
  event: EventRow;
  sessions: SessionRow[];
  exportedAt: string;
  totals: { posts: PostTally[]; questions: QuestionTally[]; attendees: number };
  /** A session's questions worth reporting (not dismissed), best first. */
  questionsOf(session: SessionRow): Question[];
  /** Approved posts, newest first, a page at a time. */
  approvedPosts: Iterable<PostRow[]>;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

const POST_STATUS_LABEL: Record<PostStatus, string> = {
  approved: 'On the wall',
  pending: 'Never moderated',
  rejected: 'Rejected',
  hidden: 'Taken down',
};

const NO_TALLY: Omit<QuestionTally, 'sessionId'> = { asked: 0, answered: 0, waiting: 0, votes: 0 };

function sessionLine(session: SessionRow, zone: string): string {
  const parts = [mdInline(session.room)];
  if (session.speaker.trim()) parts.push(mdInline(session.speaker));
  if (session.starts_at || session.ends_at) {
    parts.push(
      [session.starts_at, session.ends_at].map((at) => (at ? mdTime(at, zone) : '…')).join(' – '),
    );
  }
  return parts.join(' · ');
}

function questionItem(question: Question): string {
  const meta = [plural(question.votes, 'vote')];
  if (question.status === 'answered') meta.push('**Answered**');
  if (question.status === 'pending') meta.push('*Never approved*');
  const asker = mdInline(askerName(question));
  meta.push(question.anonymous ? `*${asker}*` : asker);
  return mdListItem([meta.join(' · '), ...mdLines(question.text)]);
}

function postItem(post: PostRow, zone: string): string {
  const author = mdInline(
    post.author_handle ? `${post.author_name} (@${post.author_handle})` : post.author_name,
  );
  return mdListItem([
    [author, SOURCE_LABEL[post.source], mdTime(post.created_at, zone)].join(' · '),
    ...mdLines(post.text),
  ]);
}

/** The day in numbers: posts by status and by network, questions and votes per session. */
function totals(input: ReportInput): string {
  const { posts, questions, attendees } = input.totals;
  const count = (match: (tally: PostTally) => boolean) =>
    sum(posts.filter(match).map((tally) => tally.count));
  const byStatus = PostStatus.options.map((status) => [
    POST_STATUS_LABEL[status],
    count((tally) => tally.status === status),
  ]);
  const networks = PostSource.options.filter((source) => posts.some((t) => t.source === source));
  const byNetwork = networks.map((source) => [
    SOURCE_LABEL[source],
    count((tally) => tally.source === source),
    count((tally) => tally.source === source && tally.status === 'approved'),
  ]);
  const tallyOf = new Map(questions.map((tally) => [tally.sessionId, tally]));
  const perSession = input.sessions.map((session) => {
    const tally = tallyOf.get(session.id) ?? NO_TALLY;
    return [
      mdInline(session.title),
      mdInline(session.room),
      tally.asked,
      tally.answered,
      tally.waiting,
      tally.votes,
    ];
  });
  const all = (key: keyof typeof NO_TALLY) => sum(questions.map((tally) => tally[key]));
  const everyone = plural(attendees, 'attendee');
  return [
    `${everyone} joined · ${plural(
      count(() => true),
      'post',
    )} · ${plural(all('asked'), 'question')} asked, ${all('answered')} answered · ${plural(all('votes'), 'vote')}\n\n`,
    mdTable(['Posts', 'Count'], [...byStatus, ['**All**', count(() => true)]]),
    '\n',
    networks.length > 0 ? `${mdTable(['Network', 'Posts', 'On the wall'], byNetwork)}\n` : '',
    input.sessions.length > 0
      ? `${mdTable(
          ['Session', 'Room', 'Asked', 'Answered', 'Waiting', 'Votes'],
          [
            ...perSession,
            ['**All sessions**', '', all('asked'), all('answered'), all('waiting'), all('votes')],
          ],
        )}\n`
      : '',
  ].join('');
}

/**
 * A report to read after the event: its totals, then per session its questions best first
 * (dismissed ones left out), then what the wall showed, newest first. Times are on the event's
 * clock. All user text goes through the escapes of markdown.ts; only the report's own structure
 * is Markdown.
 */
export function* markdownReport(input: ReportInput): Generator<string> {
  const { event } = input;
  const zone = isTimeZone(event.time_zone) ? event.time_zone : 'UTC';
  const tags = parseJsonArray(event.hashtags).map((tag) => `#${tag}`);
  yield `# ${mdHeading(event.name)}\n\n`;
  // One escape for the whole line: a hashtag inside it starts no heading.
  const meta = [`Join code ${event.code}`, ...tags];
  meta.push(`exported ${mdTime(input.exportedAt, zone)}`, `times in ${zone}`);
  yield `${mdInline(meta.join(' · '))}\n\n`;
  yield `## Totals\n\n${totals(input)}`;
  if (input.sessions.length === 0) yield '*No sessions.*\n\n';
  for (const session of input.sessions) {
    const questions = input.questionsOf(session);
    yield `## ${mdHeading(session.title)}\n\n${sessionLine(session, zone)}\n\n`;
    yield questions.length === 0
      ? '*No questions.*\n\n'
      : `${questions.map(questionItem).join('')}\n`;
  }
  yield '## Posts\n\n';
  let any = false;
  for (const page of input.approvedPosts) {
    any = true;
    yield page.map((post) => postItem(post, zone)).join('');
  }
  yield any ? '\n' : '*No posts.*\n';
}
