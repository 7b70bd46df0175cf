import { askerName } from '../../../../shared/askers.ts';
import { SOURCE_LABEL } from '../../lib/posts.ts';
import { relativeTime } from '../../lib/time.ts';
import type { Post, PostAction, Question, Session, SnippetPart } from '../../lib/types.ts';
import { PostDecisionButtons } from '../common/PostDecisionButtons.tsx';

/**
 * A search hit's text as the server marked it (FTS5 snippet): React text nodes and <mark>, so
 * attendee text is never parsed as markup. Without a snippet, the text as it is.
 */
export function Marked({ parts, text }: { parts: SnippetPart[] | undefined; text: string }) {
  if (!parts || parts.length === 0) return <>{text}</>;
  return <>{parts.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : part.text))}</>;
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
  snippet: SnippetPart[] | undefined;
  busy: boolean;
  now: number;
  skewMs: number;
  onAction: (action: PostAction) => void;
}

/** A post found by the search, with the decisions a moderator takes on an old post. */
export function PostHit({ post, snippet, busy, now, skewMs, onAction }: PostHitProps) {
  const handle = post.author.handle ? `@${post.author.handle.replace(/^@/, '')}` : null;
  return (
    <li
      className="mod-item search-hit"
      data-testid="search-post"
      data-post-id={post.id}
      data-status={post.status}
      data-pinned={post.pinned || undefined}
    >
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
            {post.author.name}
            {handle && <span className="handle"> {handle}</span>}
          </span>
          <When iso={post.createdAt} now={now} skewMs={skewMs} />
          {post.questionId !== null && <span className="tag">question</span>}
          <span className="muted post-id">#{post.id}</span>
        </div>
        <p className="post-text">
          <Marked parts={snippet} text={post.text} />
        </p>
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
  snippet: SnippetPart[] | undefined;
  now: number;
  skewMs: number;
}

/** A question found by the search: which talk it was asked in, by whom, and how it fared. */
export function QuestionHit({ question, session, snippet, now, skewMs }: QuestionHitProps) {
  return (
    <li
      className="mod-item search-hit"
      data-testid="search-question"
      data-question-id={question.id}
      data-status={question.status}
    >
      <div className="mod-post-body">
        <div className="mod-item-meta">
          <span className="badge" data-status={question.status}>
            {question.status}
          </span>
          <span className="source-chip session-chip" data-testid="search-question-session">
            {session
              ? `${session.title}${session.room ? ` · ${session.room}` : ''}`
              : `Session ${question.sessionId}`}
          </span>
          <span className="post-author">
            {question.anonymous ? <em>{askerName(question)}</em> : askerName(question)}
          </span>
          <span className="votes-pill">
            ▲ {question.votes} vote{question.votes === 1 ? '' : 's'}
          </span>
          <When iso={question.createdAt} now={now} skewMs={skewMs} />
          {question.spotlighted && <span className="tag">on screen</span>}
          <span className="muted post-id">Q{question.id}</span>
        </div>
        <p className="post-text">
          <Marked parts={snippet} text={question.text} />
        </p>
      </div>
    </li>
  );
}
