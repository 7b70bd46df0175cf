import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { joinUrl } from '../../../shared/public-address.ts';

/**
 * The join URL as a QR code, drawn by `qrcode` as SVG and shown through an <img> with a data:
 * URL (the CSP allows data: images): sharp at any size, and no markup injected into the page.
 * Dark modules on white with a quiet zone, whatever the theme: phones read that best.
 */
export function useQrCode(text: string): string | null {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    QRCode.toString(text, {
      type: 'svg',
      margin: 2,
      errorCorrectionLevel: 'M',
      color: { dark: '#000000', light: '#ffffff' },
    })
      .then(
        (svg) =>
          !cancelled && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`),
      )
      .catch(() => !cancelled && setSrc(null));
    return () => {
      cancelled = true;
    };
  }, [text]);
  return src;
}

/**
 * Where attendees join: built from the server's public address (PUBLIC_URL), never from the
 * address this screen happened to be opened at. A room's screen adds its room, so a phone that
 * scans the code in Hall B opens on Hall B's live session (the printed URL stays short: see
 * displayUrl).
 */
export function joinUrlOf(publicUrl: string, code: string, room: string | null = null): string {
  return joinUrl(publicUrl, code, room);
}

/** What people read and type: no scheme, no room (the QR code carries that). */
export function displayUrl(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/\?.*$/, '');
}
