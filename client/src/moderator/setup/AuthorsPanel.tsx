import { useState } from 'react';
import { relativeTime, useNow } from '../../lib/time.ts';
import type { AuthorSummary } from '../../lib/moderation-api.ts';
import type { Authors } from './useAuthors.ts';
import type { Moderation } from '../queue/useModeration.ts';

const RULE_ORDER = { blocked: 0, trusted: 1 } as const;

/** Everyone who posted lately, with rules first; block, trust or clear in one click. */
export function AuthorsPanel({
  authors,
  moderation,
}: {
  authors: Authors;
  moderation: Moderation;
}) {
  const now = useNow();
  const [query, setQuery] = useState('');
  const needle = query.trim().toLowerCase();
  const shown = authors.authors
    .filter(
      (a) => !needle || `${a.name} ${a.handle ?? ''} ${a.authorKey}`.toLowerCase().includes(needle),
    )
    .sort((a, b) => (a.rule ? RULE_ORDER[a.rule] : 2) - (b.rule ? RULE_ORDER[b.rule] : 2));

  const rule = (author: AuthorSummary, next: AuthorSummary['rule']) =>
    void moderation.setRule({ authorKey: author.authorKey, name: author.name }, next);

  return (
    <div className="authors-panel">
      <label className="field">
        <span className="visually-hidden">Find an author</span>
        <input
          type="search"
          placeholder="Find an author or handle"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="author-search"
        />
      </label>
      {authors.error && (
        <p className="field-error" role="alert">
          {authors.error}
        </p>
      )}
      {authors.loaded && shown.length === 0 && (
        <p className="empty">{needle ? 'Nobody matches.' : 'No authors yet.'}</p>
      )}
      <ul className="author-list" aria-label="Authors">
        {shown.map((a) => (
          <li
            key={a.authorKey}
            className="author-row"
            data-testid="author"
            data-author-key={a.authorKey}
            data-rule={a.rule ?? undefined}
          >
            <div className="author-who">
              <span className="post-author">{a.name}</span>
              <span className="muted">
                {a.source === 'attendee' ? 'attendee' : a.source}
                {a.handle && ` @${a.handle.replace(/^@/, '')}`}
              </span>
              {a.rule && (
                <span className="tag rule" data-rule={a.rule}>
                  {a.rule}
                </span>
              )}
            </div>
            <div className="author-counts muted" data-testid="author-counts">
              {a.posts} post{a.posts === 1 ? '' : 's'}
              {a.pending > 0 && <strong className="pending-inline"> · {a.pending} pending</strong>}
              {a.lastPostAt && ` · ${relativeTime(a.lastPostAt, now)}`}
            </div>
            <div className="author-actions">
              {a.rule !== 'blocked' && (
                <button
                  type="button"
                  className="reject"
                  data-testid="author-block"
                  onClick={() => rule(a, 'blocked')}
                >
                  Block
                </button>
              )}
              {a.rule !== 'trusted' && (
                <button
                  type="button"
                  className="approve"
                  data-testid="author-trust"
                  onClick={() => rule(a, 'trusted')}
                >
                  Trust
                </button>
              )}
              {a.rule && (
                <button type="button" data-testid="author-clear" onClick={() => rule(a, null)}>
                  {a.rule === 'blocked' ? 'Unblock' : 'Untrust'}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      <p className="hint">
        Blocking takes an author's posts down and holds new ones as rejected; trusted authors go up
        without waiting.
      </p>
    </div>
  );
}
