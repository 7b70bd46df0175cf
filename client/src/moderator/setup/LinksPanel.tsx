import { CopyField } from '../../lib/CopyField.tsx';
import { joinUrl } from '../../../../shared/public-address.ts';
import { useConsole } from '../common/console-context.tsx';
import { AddressNotice } from '../live/AddressNotice.tsx';
import type { SpeakerLinks } from './useSpeakerLinks.ts';

export function LinksPanel({ speakerLinks }: { speakerLinks: SpeakerLinks }) {
  const { channel, event } = useConsole();
  const { address, sessions } = channel;
  // The server's public address, as on the screens' QR codes: not where this console was opened.
  const base = joinUrl(address?.url ?? window.location.origin, event.code);
  return (
    <div className="stack">
      {address && <AddressNotice address={address} />}
      <CopyField
        label="Attendee link (share it, or show the screen's QR code)"
        value={base}
        testId="attendee-link"
      />
      <CopyField
        label="Big screen (open on the projector, full screen)"
        value={`${base}/screen`}
        testId="screen-link"
      />
      <h3 className="section-title">Speaker links</h3>
      {sessions.length === 0 && <p className="hint">Create a session first.</p>}
      {sessions.map((session) => {
        const link = speakerLinks.links.get(session.id);
        const error = speakerLinks.errors.get(session.id);
        return link ? (
          <CopyField key={session.id} label={`Speaker: ${session.title}`} value={link} />
        ) : (
          <div key={session.id} className="link-row">
            <span>{session.title}</span>
            <button type="button" onClick={() => void speakerLinks.reveal(session.id)}>
              Show speaker link
            </button>
            {error && <p className="field-error">{error}</p>}
          </div>
        );
      })}
      <p className="hint">
        Speaker links carry a key: send each only to its speaker. The event-wide speaker link and
        the moderator link are on the organiser's admin page, and printed by the server when it
        starts.
      </p>
    </div>
  );
}
