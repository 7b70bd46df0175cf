import type { CSSProperties } from 'react';
import type { Event } from './types.ts';

const HEX = /^#([0-9a-f]{6})$/i;

/** Black or white, whichever reads better on the given colour (WCAG relative luminance). */
export function textOn(hex: string): '#000000' | '#ffffff' {
  const match = HEX.exec(hex);
  if (!match) return '#000000';
  const value = parseInt(match[1]!, 16);
  const channel = (shift: number) => {
    const c = ((value >> shift) & 0xff) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
  return luminance > 0.179 ? '#000000' : '#ffffff';
}

/** The event's accent as CSS variables; set through the style property, which the CSP allows. */
export function brandStyle(event: Event | null): CSSProperties | undefined {
  const accent = event?.branding.accentColor;
  if (!accent || !HEX.test(accent)) return undefined;
  return { '--accent': accent, '--on-accent': textOn(accent) } as CSSProperties;
}
