import type { Event } from '../lib/types.ts';
import { displayUrl, joinUrlOf, useQrCode } from './useQrCode.ts';

/** The join card: a QR code big enough to scan from the back rows, and the same thing in words. */
export function JoinView({
  event,
  publicUrl,
  room = null,
}: {
  event: Event;
  publicUrl: string;
  room?: string | null;
}) {
  const joinUrl = joinUrlOf(publicUrl, event.code, room);
  const qr = useQrCode(joinUrl);
  return (
    <main className="screen-main screen-join-view" data-testid="screen-join">
      <div className="screen-join-qr-frame">
        {qr && (
          <img
            className="screen-join-qr"
            src={qr}
            alt={`QR code for ${joinUrl}`}
            data-testid="screen-join-qr"
            data-url={joinUrl}
          />
        )}
      </div>
      <div className="screen-join-words">
        <p className="screen-join-title">Join the conversation</p>
        <p className="screen-join-step">Scan with your phone camera, or open</p>
        <p className="screen-join-big-url" data-testid="screen-join-big-url">
          {displayUrl(joinUrl)}
        </p>
        <p className="screen-join-step">or go to {displayUrl(publicUrl)} and enter</p>
        <p className="screen-join-big-code" data-testid="screen-join-code">
          {event.code}
        </p>
      </div>
    </main>
  );
}
