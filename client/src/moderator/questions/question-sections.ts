import { LIMITS } from '../../../../shared/limits.ts';
import type { Question, Session } from '../../lib/types.ts';
import type { QuestionGroups } from './question-model.ts';

/** One heading of the questions panel and the questions under it. */
export interface QuestionSection {
  key: string;
  title: string;
  hint?: string;
  items: Question[];
  /** Folded away until opened (the dismissed). */
  folded?: boolean;
  /** Questions waiting there beyond the ones listed. */
  more?: number;
}

/** One session: its questions by status, as the panel always showed them. */
export function sessionSections(groups: QuestionGroups): QuestionSection[] {
  return [
    { key: 'pending', title: 'Awaiting moderation', hint: 'oldest first', items: groups.pending },
    { key: 'live', title: 'Live', hint: 'most votes first', items: groups.live },
    { key: 'answered', title: 'Answered', items: groups.answered },
    { key: 'dismissed', title: 'Dismissed', items: groups.dismissed, folded: true },
  ];
}

/**
 * Every live session's waiting questions, a heading per room and talk, oldest first within each,
 * rooms in the order the sessions are listed. A session shows at most LIMITS.waitingPerSession.
 */
export function waitingSections(
  questions: Question[],
  sessions: Session[],
  counts: ReadonlyMap<number, number>,
): QuestionSection[] {
  return sessions
    .filter((session) => session.live)
    .map((session) => {
      const waiting = questions
        .filter((q) => q.sessionId === session.id && q.status === 'pending')
        .sort((a, b) => a.id - b.id);
      const items = waiting.slice(0, LIMITS.waitingPerSession);
      const total = Math.max(counts.get(session.id) ?? 0, waiting.length);
      return {
        key: `session-${session.id}`,
        title: session.room ? `${session.room} · ${session.title}` : session.title,
        hint: 'oldest first',
        items,
        more: total - items.length,
      };
    });
}

/** The order j and k walk: the sections as they are shown, top to bottom. */
export const sectionOrder = (sections: QuestionSection[]): Question[] =>
  sections.flatMap((section) => section.items);

/** "Keynote · Ada · Main hall (live) — 3 waiting" for the session picker. */
export function waitingLabel(label: string, waiting: number): string {
  return waiting > 0 ? `${label} — ${waiting} waiting` : label;
}
