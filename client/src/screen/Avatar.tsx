import { useState } from 'react';
import { isLoadableImage } from '../lib/media.ts';

/** Calm, saturated backgrounds that keep white initials readable (contrast ≥ 4.5:1). */
const PALETTE = [
  '#2f5fd0',
  '#8a3fd1',
  '#c2366b',
  '#b4451f',
  '#1f7a5c',
  '#0f6f8f',
  '#5b50d6',
  '#a1367f',
];

function hash(text: string): number {
  let h = 0;
  for (const char of text) h = (h * 31 + char.codePointAt(0)!) >>> 0;
  return h;
}

/** The first letter or digit of the name: markup, emoji and direction marks make poor initials. */
export function initialOf(name: string): string {
  const match = /[\p{L}\p{N}]/u.exec(name);
  return match ? match[0].toLocaleUpperCase() : '?';
}

/**
 * The author's picture over their initial: the initial shows while the picture loads and stays
 * when it fails (a venue without internet, a dead link), so a card never shows a broken image.
 * A post's author never changes, so the load state needs no reset.
 */
export function Avatar({ name, url }: { name: string; url: string | null }) {
  const [state, setState] = useState<'loading' | 'loaded' | 'failed'>('loading');
  const color = PALETTE[hash(name) % PALETTE.length];
  return (
    <span
      className="screen-avatar"
      data-testid="screen-avatar"
      data-avatar={state}
      style={{ backgroundColor: color }}
      aria-hidden="true"
    >
      <span className="screen-avatar-initial">{initialOf(name)}</span>
      {isLoadableImage(url) && state !== 'failed' && (
        <img
          className="screen-avatar-img"
          data-loaded={state === 'loaded'}
          src={url}
          alt=""
          referrerPolicy="no-referrer"
          decoding="async"
          onLoad={() => setState('loaded')}
          onError={() => setState('failed')}
        />
      )}
    </span>
  );
}
