import type { CSSProperties } from 'react';
import { brandStyle } from '../lib/theme.ts';
import type { Event } from '../lib/types.ts';

/** Page colours of the two screen themes; keep in step with styles/screen.css. */
const BACKGROUND = { dark: '#0b0f17', light: '#eef1f5' } as const;

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
 * well on the theme's background (large text, 3:1), else the plain text colour. A yellow brand
 * on the light theme keeps its chips and borders but not yellow words on white.
 */
export function screenBrandStyle(event: Event): CSSProperties | undefined {
  const base = brandStyle(event);
  if (!base) return undefined;
  const { accentColor, theme } = event.branding;
  const readable = contrast(accentColor, BACKGROUND[theme]) >= 3;
  return { ...base, '--accent-text': readable ? accentColor : 'var(--fg)' } as CSSProperties;
}
