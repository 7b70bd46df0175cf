import type { ReactNode, Ref } from 'react';
import { LIMITS } from '../../../../shared/limits.ts';
import { useConsole } from '../common/console-context.tsx';
import type { Post, Session } from '../../lib/types.ts';
import { STATUS_FILTERS, STATUS_LABEL } from '../queue/queue-model.ts';
import { PostHit, QuestionHit } from './SearchHits.tsx';
import type { Moderation } from '../queue/useModeration.ts';
import type { Listing, Search } from './useSearch.ts';

interface FieldProps {
  search: Search;
  inputRef: Ref<HTMLInputElement>;
  onLeave: () => void;
}

/** The search box at the head of the queue; / comes here from anywhere, Esc goes back. */
export function SearchField({ search, inputRef, onLeave }: FieldProps) {
  return (
    <div className="search-field" role="search">
      <input
        ref={inputRef}
        type="search"
        value={search.text}
        maxLength={LIMITS.search.max}
        placeholder="Search every post and question"
        aria-label="Search every post and question, in any status"
        aria-keyshortcuts="/"
        data-testid="search-input"
        onChange={(e) => search.setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          e.preventDefault();
          onLeave();
        }}
      />
      {search.text ? (
        <button
          type="button"
          className="search-clear"
          onClick={onLeave}
          aria-label="Leave the search"
          data-testid="search-clear"
        >
          Esc
        </button>
      ) : (
        <kbd aria-hidden="true">/</kbd>
      )}
    </div>
  );
}

interface SectionProps<T> {
  title: string;
  listing: Listing<T>;
  noun: string;
  testId: string;
  tools?: ReactNode;
  children: ReactNode;
}

function Section<T>({ title, listing, noun, testId, tools, children }: SectionProps<T>) {
  const count = `${listing.items.length}${listing.next ? '+' : ''}`;
  return (
    <section className="search-section" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <div className="search-section-head">
        <h3 id={`${testId}-title`} className="section-title">
          {title} <span className="count">{listing.key === null ? '' : count}</span>
        </h3>
        {tools}
      </div>
      {listing.error && (
        <p className="banner error" role="alert" data-testid={`${testId}-error`}>
          Search failed: {listing.error}
        </p>
      )}
      {listing.key !== null && listing.items.length === 0 && !listing.error && (
        <p className="empty">No {noun} match.</p>
      )}
      {children}
      {listing.next && (
        <button
          type="button"
          className="load-more"
          disabled={listing.loading}
          onClick={listing.more}
          data-testid={`${testId}-more`}
        >
          {listing.loading ? 'Loading…' : `Load more ${noun}`}
        </button>
      )}
    </section>
  );
}

interface Props {
  search: Search;
  moderation: Moderation;
  now: number;
}

/**
 * What the server found, in place of the queue. A post shows as the channel has it now when it
 * holds one (decisions made since, here or by another moderator), else as the search found it.
 */
export function SearchResults({ search, moderation, now }: Props) {
  const { channel } = useConsole();
  const { posts, questions, term } = search;
  const live = new Map(channel.posts.map((p) => [p.id, p]));
  const sessions = new Map<number, Session>(channel.sessions.map((s) => [s.id, s]));
  const current = (post: Post) => live.get(post.id) ?? post;
  const statusFilter = (
    <div className="segmented" role="group" aria-label="Status of the posts found">
      {STATUS_FILTERS.map((f) => (
        <button
          key={f}
          type="button"
          aria-pressed={search.status === f}
          data-testid={`search-status-${f}`}
          onClick={() => search.setStatus(f)}
        >
          {STATUS_LABEL[f]}
        </button>
      ))}
    </div>
  );
  return (
    <div
      className="search-results"
      data-testid="search-results"
      data-settled={search.settled || undefined}
      aria-busy={!search.settled}
    >
      <p className="search-summary muted" role="status">
        {search.settled ? (
          <>
            Posts and questions matching <strong>“{term}”</strong> in the whole record, best match
            first. Use "quotes" for a phrase, a* for a prefix, OR for either. <kbd>Esc</kbd> goes
            back to the queue.
          </>
        ) : (
          'Searching…'
        )}
      </p>
      <Section
        title="Posts"
        listing={posts}
        noun="posts"
        testId="search-posts"
        tools={statusFilter}
      >
        {posts.items.length > 0 && (
          <ol className="mod-list" aria-label="Posts found">
            {posts.items.map(current).map((post) => (
              <PostHit
                key={post.id}
                post={post}
                snippet={posts.snippets[String(post.id)]}
                busy={moderation.busy.has(post.id)}
                now={now}
                skewMs={channel.skewMs}
                onAction={(action) => moderation.moderate(post, action)}
              />
            ))}
          </ol>
        )}
      </Section>
      <Section title="Questions" listing={questions} noun="questions" testId="search-questions">
        {questions.items.length > 0 && (
          <ol className="mod-list" aria-label="Questions found">
            {questions.items.map((question) => (
              <QuestionHit
                key={question.id}
                question={question}
                session={sessions.get(question.sessionId)}
                snippet={questions.snippets[String(question.id)]}
                now={now}
                skewMs={channel.skewMs}
              />
            ))}
          </ol>
        )}
      </Section>
    </div>
  );
}
