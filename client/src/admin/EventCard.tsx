import type { ReactNode, Ref } from 'react';
import { CopyField } from '../lib/CopyField.tsx';
import { EventManage } from './EventManage.tsx';
import type { EventAccess } from '../lib/types.ts';

const MODE = { pre: 'held for approval', post: 'shown at once' } as const;

/** One event: what it is, then every link to hand out, public ones first. */
export function EventCard({
  access,
  fresh,
  ref,
  token,
  onChanged,
  children,
}: {
  access: EventAccess;
  fresh: boolean;
  ref?: Ref<HTMLElement>;
  token: string;
  onChanged: () => void;
  /** What the organiser can do with the keys (replace them). */
  children?: ReactNode;
}) {
  const { event, links, sessions } = access;
  const titleId = `admin-event-${event.id}`;
  return (
    <article
      ref={ref}
      className="admin-event"
      data-fresh={fresh || undefined}
      aria-labelledby={titleId}
      data-testid="admin-event"
      data-code={event.code}
      tabIndex={-1}
    >
      <header className="admin-event-head">
        <h3 id={titleId}>{event.name}</h3>
        <span className="admin-code" title="Join code">
          {event.code}
        </span>
        {fresh && <span className="tag live">Just created</span>}
      </header>
      <p className="admin-event-meta">
        {event.hashtags.length > 0
          ? event.hashtags.map((tag) => `#${tag}`).join(' ')
          : 'No hashtags'}{' '}
        · questions tagged #{event.questionTag} · posts {MODE[event.settings.postModeration]} ·
        questions {MODE[event.settings.questionModeration]} ·{' '}
        {event.settings.allowAnonymous ? 'anonymous questions allowed' : 'no anonymous questions'} ·
        times in {event.timeZone}
      </p>

      <h4 className="admin-links-title">Public: share them, or show the screen's QR code</h4>
      <div className="admin-links">
        <CopyField label="Attendee app" value={links.attendee} testId="admin-attendee-link" />
        <CopyField label="Big screen" value={links.screen} testId="admin-screen-link" />
      </div>

      <h4 className="admin-links-title">With a key: send each only to its person</h4>
      <div className="admin-links">
        <CopyField
          label="Moderator console"
          value={links.moderator}
          testId="admin-moderator-link"
        />
        <CopyField label="Speaker, any talk" value={links.speaker} testId="admin-speaker-link" />
        {sessions.map(({ session, link }) => (
          <CopyField
            key={session.id}
            label={`Speaker: ${session.title}${session.live ? ' (live)' : ''}`}
            value={link}
            testId="admin-session-link"
          />
        ))}
        <CopyField label="API key" value={access.apiKey} testId="admin-api-key" link={false} />
      </div>
      {sessions.length === 0 && (
        <p className="hint">
          No sessions yet: add talks in the moderator console, and their speaker links show here.
        </p>
      )}
      <EventManage access={access} token={token} onChanged={onChanged} />
      {children}
    </article>
  );
}
