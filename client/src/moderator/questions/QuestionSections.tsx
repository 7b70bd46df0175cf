import { useState, type ReactNode } from 'react';
import type { Question } from '../../lib/types.ts';
import type { QuestionSection } from './question-sections.ts';

interface Props {
  sections: QuestionSection[];
  render: (question: Question) => ReactNode;
  /** The focused question's section opens by itself when folded, so r can restore what is in view. */
  focusedId: number | null;
}

/** The panel's headings and the questions under each; a section with nothing in it is left out. */
export function QuestionSections({ sections, render, focusedId }: Props) {
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());
  return sections.map((section) => {
    const { key, title, hint, items, folded, more = 0 } = section;
    if (items.length === 0 && more === 0) return null;
    const list = (
      <ol className="mod-list" aria-label={`${title} questions`}>
        {items.map(render)}
      </ol>
    );
    if (folded) {
      const open = opened.has(key) || items.some((q) => q.id === focusedId);
      return (
        <details
          key={key}
          open={open}
          onToggle={(e) => {
            const now = e.currentTarget.open;
            setOpened((set) => {
              const next = new Set(set);
              if (now) next.add(key);
              else next.delete(key);
              return next;
            });
          }}
        >
          <summary>
            {title} ({items.length})
          </summary>
          {list}
        </details>
      );
    }
    return (
      <section key={key} className="question-section" data-testid={`question-section-${key}`}>
        <h3 className="section-title">
          {title} ({items.length + more})
          {hint && <span className="muted section-hint"> · {hint}</span>}
        </h3>
        {list}
        {more > 0 && (
          <p className="muted" data-testid="waiting-more">
            {more} more waiting here: pick the session above to see them all.
          </p>
        )}
      </section>
    );
  });
}
