import type { Event } from '../lib/types.ts';
import { withTab, type JoinTab } from './join-link.ts';
import { displayUrl, joinUrlOf, useQrCode } from './useQrCode.ts';

/** How to join, on every screen in every mode: the one thing a latecomer needs. */
export function ScreenFooter({
  event,
  publicUrl,
  room = null,
  showQr = true,
  tab = null,
}: {
  event: Event;
  publicUrl: string;
  room?: string | null;
  showQr?: boolean;
  /** The attendee tab the QR code opens on. */
  tab?: JoinTab | null;
}) {
  const joinUrl = withTab(joinUrlOf(publicUrl, event.code, room), tab);
  const qr = useQrCode(joinUrl);
  const questionTag = event.questionTag.replace(/^#/, '');
  return (
    <footer className="screen-footer" data-testid="screen-footer">
      {showQr && qr && (
        <img
          className="screen-qr"
          src={qr}
          alt={`QR code for ${joinUrl}`}
          data-testid="screen-qr"
          data-url={joinUrl}
        />
      )}
      <div className="screen-join">
        <p className="screen-label">Join the conversation</p>
        <p className="screen-join-url" data-testid="screen-join-url">
          {displayUrl(joinUrl)}
        </p>
      </div>
      <div className="screen-join-code">
        <p className="screen-label">Code</p>
        <p className="screen-code" data-testid="screen-code">
          {event.code}
        </p>
      </div>
      <div className="screen-tags">
        {event.hashtags.length > 0 && (
          <p className="screen-hashtags">{event.hashtags.map((t) => `#${t}`).join('  ')}</p>
        )}
        <p className="screen-label">
          Ask the speaker with <strong className="screen-ask">#{questionTag}</strong>
        </p>
      </div>
    </footer>
  );
}
