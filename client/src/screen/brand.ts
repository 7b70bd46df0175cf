import type { CSSProperties } from 'react';
import { brandStyle } from '../lib/theme.ts';
import type { Event } from '../lib/types.ts';

/**
 * What text in the accent colour is drawn on, per screen theme: the page, its glow (the accent
 * mixed into the page in one corner, where the view titles sit) and the cards. Keep in step with
 * styles/screen.css.
 */
const THEME = {
  dark: { page: '#0b0f17', glowShare: 0.16, card: '#161d29' },
  light: { page: '#eef1f5', glowShare: 0.07, card: '#ffffff' },
} as const;

/** CSS color-mix(in srgb, a share, b) for #rrggbb colours. */
function mix(a: string, b: string, share: number): string {
  const [x, y] = [parseInt(a.slice(1), 16), parseInt(b.slice(1), 16)];
  const channel = (shift: number) => Math.round(((x >> shift) & 0xff) * share + ((y >> shift) & 0xff) * (1 - share));
  return `#${[16, 8, 0].map((shift) => channel(shift).toString(16).padStart(2, '0')).join('')}`;
}

function luminance(hex: string): number {
  const value = parseInt(hex.slice(1), 16);
  const channel = (shift: number) => {
    const c = ((value >> shift) & 0xff) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The event's accent, plus the colour for text drawn in it: the accent itself where it reads
 * well (large text, 3:1) on everything it is drawn on, the glow included, else the plain text
 * colour. A yellow brand on the light theme keeps its chips and borders but not yellow words on
 * white.
 */
export function screenBrandStyle(event: Event): CSSProperties | undefined {
  const base = brandStyle(event);
  if (!base) return undefined;
  const { accentColor, theme } = event.branding;
  const { page, glowShare, card } = THEME[theme];
  const behind = [page, mix(accentColor, page, glowShare), card];
  const readable = behind.every((colour) => contrast(accentColor, colour) >= 3);
  return { ...base, '--accent-text': readable ? accentColor : 'var(--fg)' } as CSSProperties;
}
