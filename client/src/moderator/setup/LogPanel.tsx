import { useCallback, useEffect, useRef, useState } from 'react';
import { useConsole } from '../common/console-context.tsx';
import { describeError } from '../../lib/errors.ts';
import { getModerationLog, type LogEntry } from '../../lib/moderation-api.ts';
import { clockTime } from '../../lib/time.ts';

const REFRESH_AFTER_MS = 800;

const VERB: Record<string, string> = {
  post_approve: 'approved',
  post_reject: 'rejected',
  post_hide: 'hid',
  post_queue: 'put back in the queue',
  post_pin: 'pinned',
  post_unpin: 'unpinned',
  question_approve: 'approved',
  question_dismiss: 'dismissed',
  question_answer: 'marked answered',
  question_restore: 'restored',
  question_spotlight: 'put on screen',
  question_unspotlight: 'took off screen',
  question_edit: 'edited',
  question_withdraw: 'withdrew',
};

/** One line per entry, in words; the item's text when this console still holds it. */
function describe(entry: LogEntry, excerpt: (id: number) => string | null): string {
  const d = entry.detail;
  const name =
    typeof d.displayName === 'string' ? d.displayName : String(d.authorKey ?? 'an author');
  switch (entry.action) {
    case 'author_block':
      return `blocked ${name}`;
    case 'author_trust':
      return `trusted ${name}`;
    case 'author_clear':
      return `cleared the rule for ${name}`;
    case 'update_word_list':
      return `saved the blocked words (${String(d.count ?? '?')})`;
    case 'screen_mode':
      return `switched screen "${String(d.screen)}" to ${String(d.mode)}`;
    case 'update_settings':
      return 'changed the event settings';
    case 'create_session':
      return 'created a session';
    case 'update_session':
      return 'changed a session';
  }
  const verb = VERB[entry.action];
  if (!verb) return entry.action.replace(/_/g, ' ');
  const text = entry.itemType === 'post' && entry.itemId !== null ? excerpt(entry.itemId) : null;
  return `${verb} ${entry.itemType} #${entry.itemId ?? '?'}${text ? `: “${text}”` : ''}`;
}

/** Who did what, newest first; read while the tab is open and again after each change. */
export function LogPanel({ active }: { active: boolean }) {
  const { channel, eventId, token } = useConsole();
  const [entries, setEntries] = useState<LogEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);

  const load = useCallback(
    async (cursor: string | null) => {
      try {
        const page = await getModerationLog(eventId, token, cursor);
        setEntries((current) => (cursor ? [...current, ...page.entries] : page.entries));
        // A refresh reads the newest page again and drops older pages read before: simple and rare.
        setNext(page.nextCursor);
        setError(null);
      } catch (failure) {
        setError(describeError(failure));
      }
    },
    [eventId, token],
  );

  useEffect(() => {
    const socket = channel.socket;
    if (!active || !socket) return undefined;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- fetches the log when the panel opens
    void load(null);
    const soon = () => {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void load(null), REFRESH_AFTER_MS);
    };
    const events = [
      'post:updated',
      'screen:updated',
      'event:updated',
      'session:updated',
      'question:updated',
    ] as const;
    for (const name of events) socket.on(name, soon);
    return () => {
      for (const name of events) socket.off(name, soon);
      window.clearTimeout(timer.current);
    };
  }, [active, channel.socket, load]);

  const excerpt = (id: number) => {
    const text = channel.posts.find((p) => p.id === id)?.text;
    return text ? (text.length > 60 ? `${text.slice(0, 59)}…` : text) : null;
  };

  return (
    <div className="log-panel">
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {entries.length === 0 && !error && <p className="empty">Nothing done yet.</p>}
      <ol className="log-list" aria-label="Moderation log">
        {entries.map((entry) => (
          <li key={entry.id} className="log-row" data-testid="log-entry" data-action={entry.action}>
            <time dateTime={entry.createdAt}>{clockTime(entry.createdAt)}</time>
            <span className="log-actor">{actorLabel(entry.actor)}</span>
            <span className="log-what">{describe(entry, excerpt)}</span>
          </li>
        ))}
      </ol>
      {next && (
        <button type="button" className="load-more" onClick={() => void load(next)}>
          Older entries
        </button>
      )}
    </div>
  );
}

/** 'moderator:Ana' → 'Ana'; 'moderator' (no name given) and the rest stay as they are. */
function actorLabel(actor: string): string {
  return actor.startsWith('moderator:') ? actor.slice('moderator:'.length) : actor;
}
