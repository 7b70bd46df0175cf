import { LIMITS } from '../../../shared/limits.ts';

/** The X API attaches at most four images to a tweet, and the REST API accepts as many. */
export const MAX_IMAGES = LIMITS.mediaPerPost;

/**
 * An image address the page may load: https, or this server itself. The CSP's img-src
 * (server/app.ts) allows 'self', https: and data:; plain http would be refused with an error on
 * the console, and data: is only for the page's own QR codes, never for what a post brings in.
 * javascript: and anything unparseable are refused here too, whatever the server let through.
 */
export function isLoadableImage(url: string | null | undefined): url is string {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.origin === window.location.origin;
  } catch {
    return false;
  }
}

/** The post's images the page may load, in the order the author attached them. */
export function imagesOf(media: readonly string[]): string[] {
  return [...new Set(media.filter(isLoadableImage))].slice(0, MAX_IMAGES);
}

/** What a screen reader says for a post's image: the text beside it says the rest. */
export function imageAlt(author: string, index = 0, count = 1): string {
  return count > 1 ? `Image ${index + 1} of ${count} from ${author}` : `Image from ${author}`;
}
