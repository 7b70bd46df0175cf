import { useEffect, useState, type CSSProperties } from 'react';
import { isLoadableImage } from './media.ts';
import type { Event } from './types.ts';

// An event's brand, for every surface: the big screen, the attendee app and the speaker view.

const HEX = /^#([0-9a-f]{6})$/i;

function luminance(hex: string): number {
  const value = parseInt(hex.slice(1), 16);
  const channel = (shift: number) => {
    const c = ((value >> shift) & 0xff) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
}

/** WCAG contrast ratio of two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** CSS color-mix(in srgb, a share, b) for #rrggbb colours. */
function mix(a: string, b: string, share: number): string {
  const [x, y] = [parseInt(a.slice(1), 16), parseInt(b.slice(1), 16)];
  const channel = (shift: number) =>
    Math.round(((x >> shift) & 0xff) * share + ((y >> shift) & 0xff) * (1 - share));
  return `#${[16, 8, 0].map((shift) => channel(shift).toString(16).padStart(2, '0')).join('')}`;
}

/** Black or white, whichever reads better on the given colour (WCAG relative luminance). */
export function textOn(hex: string): '#000000' | '#ffffff' {
  if (!HEX.test(hex)) return '#000000';
  return luminance(hex) > 0.179 ? '#000000' : '#ffffff';
}

/** The event's accent as CSS variables; set through the style property, which the CSP allows. */
export function brandStyle(event: Event | null): CSSProperties | undefined {
  const accent = event?.branding.accentColor;
  if (!accent || !HEX.test(accent)) return undefined;
  return { '--accent': accent, '--on-accent': textOn(accent) } as CSSProperties;
}

/**
 * What text in the accent colour is drawn on, per screen theme: the page, its glow (the accent
 * mixed into the page in one corner, where the view titles sit) and the cards. Keep in step with
 * styles/screen.css.
 */
const SCREEN = {
  dark: { page: '#0b0f17', glowShare: 0.16, card: '#161d29' },
  light: { page: '#eef1f5', glowShare: 0.07, card: '#ffffff' },
} as const;

/**
 * The big screen: the event's accent, plus the colour for text drawn in it: the accent itself
 * where it reads well (large text, 3:1) on everything it is drawn on, the glow included, else the
 * plain text colour. A yellow brand on the light theme keeps its chips and borders but not
 * yellow words on white.
 */
export function screenBrandStyle(event: Event): CSSProperties | undefined {
  const base = brandStyle(event);
  if (!base) return undefined;
  const { accentColor, theme } = event.branding;
  const { page, glowShare, card } = SCREEN[theme];
  const behind = [page, mix(accentColor, page, glowShare), card];
  const readable = behind.every((colour) => contrast(accentColor, colour) >= 3);
  return { ...base, '--accent-text': readable ? accentColor : 'var(--fg)' } as CSSProperties;
}

/**
 * What the app pages draw accent text on, the one of page and cards it reads worst on: light and
 * dark from styles/base.css, the speaker view (always dark) from styles/speaker.css.
 */
const APP_PAGE = { light: '#f2f4f7', dark: '#181d24', speaker: '#222a34' } as const;

/**
 * The accent as close to the event's as still reads as text on `page` (4.5:1, the apps draw
 * links, tabs and small labels in it): darkened on a light page, lightened on a dark one.
 */
export function readableAccent(accent: string, page: string): string {
  const toward = luminance(page) > 0.5 ? '#000000' : '#ffffff';
  let colour = accent;
  for (let share = 0.95; share >= 0 && contrast(colour, page) < 4.5; share -= 0.05)
    colour = mix(accent, toward, share);
  return colour;
}

/** The attendee app and the speaker view: the event's accent, made readable on the page. */
export function appBrandStyle(
  event: Event | null,
  scheme: keyof typeof APP_PAGE,
): CSSProperties | undefined {
  const accent = event?.branding.accentColor;
  if (!accent || !HEX.test(accent)) return undefined;
  const readable = readableAccent(accent, APP_PAGE[scheme]);
  return { '--accent': readable, '--on-accent': textOn(readable) } as CSSProperties;
}

/** The logo to show: an uploaded one first, else the organiser's https URL; null when none loads. */
export function logoOf(event: Event | null): string | null {
  const url = event?.branding.uploadedLogoUrl ?? event?.branding.logoUrl ?? null;
  if (!url) return null;
  try {
    const absolute = new URL(url, window.location.origin).href;
    return isLoadableImage(absolute) ? absolute : null;
  } catch {
    return null;
  }
}

function darkScheme(): MediaQueryList | null {
  return typeof window.matchMedia === 'function'
    ? window.matchMedia('(prefers-color-scheme: dark)')
    : null;
}

/**
 * The event's brand for an app page: the attendee app follows the device's light or dark scheme
 * as it changes; the speaker view is always dark.
 */
export function useAppBrand(event: Event | null, page: 'app' | 'speaker' = 'app') {
  const [dark, setDark] = useState(() => darkScheme()?.matches ?? false);
  useEffect(() => {
    const query = darkScheme();
    if (!query) return undefined;
    const change = () => setDark(query.matches);
    query.addEventListener('change', change);
    return () => query.removeEventListener('change', change);
  }, []);
  const scheme = page === 'speaker' ? 'speaker' : dark ? 'dark' : 'light';
  return { style: appBrandStyle(event, scheme), logo: logoOf(event) };
}
