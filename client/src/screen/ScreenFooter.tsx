import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import type { Event } from '../lib/types.ts';

export function ScreenFooter({ event }: { event: Event }) {
  const joinUrl = `${window.location.origin}/e/${event.code}`;
  const [qr, setQr] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    // Dark modules on white with a quiet zone: phones read that best, whatever the theme.
    QRCode.toDataURL(joinUrl, { margin: 2, width: 480, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } })
      .then((url) => !cancelled && setQr(url))
      .catch(() => !cancelled && setQr(null));
    return () => {
      cancelled = true;
    };
  }, [joinUrl]);

  const displayUrl = joinUrl.replace(/^https?:\/\//, '');
  return (
    <footer className="screen-footer" data-testid="screen-footer">
      {qr && <img className="screen-qr" src={qr} alt={`QR code for ${joinUrl}`} data-testid="screen-qr" />}
      <div className="screen-join">
        <p className="screen-join-label">Join the conversation</p>
        <p className="screen-join-url" data-testid="screen-join-url">
          {displayUrl}
        </p>
      </div>
      <div className="screen-join-code">
        <p className="screen-join-label">Code</p>
        <p className="screen-code" data-testid="screen-code">
          {event.code}
        </p>
      </div>
      <div className="screen-tags">
        {event.hashtags.length > 0 && <p className="screen-hashtags">{event.hashtags.map((t) => `#${t}`).join('  ')}</p>}
        <p className="screen-join-label">
          Ask with <strong>#{event.questionTag.replace(/^#/, '')}</strong>
        </p>
      </div>
    </footer>
  );
}
