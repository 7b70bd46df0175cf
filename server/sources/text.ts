/** Text and link rules every outside source shares, on the way to posts.ingest(). */
import { LIMITS } from '../../shared/limits.ts';

/** Cuts at a code point boundary, marking the cut, so an emoji is never split in half. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max - 1) break;
    out += char;
  }
  return `${out.trimEnd()}…`;
}

/** Only http(s) links of a sane length reach a screen as media or avatars. */
export const isHttpUrl = (value: string | null | undefined): value is string =>
  !!value && /^https?:\/\//i.test(value) && value.length <= LIMITS.url.max;
