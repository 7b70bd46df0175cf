import type { ReactNode } from 'react';
import { SOURCE_LABEL } from '../lib/posts.ts';
import { relativeTime } from '../lib/time.ts';
import type { Post, PostAction, Question, Session } from '../lib/types.ts';
import { PostDecisionButtons } from './PostDecisionButtons.tsx';

/**
 * The term marked inside a text, as React text nodes: attendee text is never parsed as markup.
 * Matching ignores case like the server; a text whose lower case changes its length (rare
 * scripts) is shown unmarked rather than marked in the wrong place.
 */
export function highlight(text: string, term: string): ReactNode {
  const lower = text.toLowerCase();
  const needle = term.toLowerCase();
  if (!needle || lower.length !== text.length) return text;
  const parts: ReactNode[] = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, from)) {
    if (at > from) parts.push(text.slice(from, at));
    parts.push(<mark key={at}>{text.slice(at, at + needle.length)}</mark>);
    from = at + needle.length;
  }
  if (from < text.length) parts.push(text.slice(from));
  return parts;
}

function When({ iso, now, skewMs }: { iso: string; now: number; skewMs: number }) {
  return (
    <time className="muted" dateTime={iso} title={new Date(iso).toLocaleString()}>
      {relativeTime(iso, now, skewMs)}
    </time>
  );
}

interface PostHitProps {
  post: Post;
  term: string;
  busy: boolean;
  now: number;
  skewMs: number;
  onAction: (action: PostAction) => void;
}

/** A post found by the search, with the decisions a moderator takes on an old post. */
export function PostHit({ post, term, busy, now, skewMs, onAction }: PostHitProps) {
  const handle = post.author.handle ? `@${post.author.handle.replace(/^@/, '')}` : null;
  return (
    <li className="mod-item search-hit" data-testid="search-post" data-post-id={post.id} data-status={post.status} data-pinned={post.pinned || undefined}>
      <div className="mod-post-body">
        <div className="mod-item-meta">
          <span className="badge" data-status={post.status}>
            {post.status}
          </span>
          {post.pinned && <span className="tag pinned">Pinned</span>}
          <span className="source-chip" data-source={post.source}>
            {SOURCE_LABEL[post.source]}
          </span>
          <span className="post-author">
            {highlight(post.author.name, term)}
            {handle && <span className="handle"> {highlight(handle, term)}</span>}
          </span>
          <When iso={post.createdAt} now={now} skewMs={skewMs} />
          {post.questionId !== null && <span className="tag">question</span>}
          <span className="muted post-id">#{post.id}</span>
        </div>
        <p className="post-text">{highlight(post.text, term)}</p>
      </div>
      <div className="mod-actions" role="group" aria-label={`Moderate post ${post.id}`}>
        <PostDecisionButtons post={post} busy={busy} onAction={onAction} />
      </div>
    </li>
  );
}

interface QuestionHitProps {
  question: Question;
  session: Session | undefined;
  term: string;
  now: number;
  skewMs: number;
}

/** A question found by the search: which talk it was asked in, by whom, and how it fared. */
export function QuestionHit({ question, session, term, now, skewMs }: QuestionHitProps) {
  return (
    <li className="mod-item search-hit" data-testid="search-question" data-question-id={question.id} data-status={question.status}>
      <div className="mod-post-body">
        <div className="mod-item-meta">
          <span className="badge" data-status={question.status}>
            {question.status}
          </span>
          <span className="source-chip session-chip" data-testid="search-question-session">
            {session ? `${session.title}${session.room ? ` · ${session.room}` : ''}` : `Session ${question.sessionId}`}
          </span>
          <span className="post-author">{question.authorName === null ? <em>Anonymous</em> : highlight(question.authorName, term)}</span>
          <span className="votes-pill">
            ▲ {question.votes} vote{question.votes === 1 ? '' : 's'}
          </span>
          <When iso={question.createdAt} now={now} skewMs={skewMs} />
          {question.spotlighted && <span className="tag">on screen</span>}
          <span className="muted post-id">Q{question.id}</span>
        </div>
        <p className="post-text">{highlight(question.text, term)}</p>
      </div>
    </li>
  );
}
