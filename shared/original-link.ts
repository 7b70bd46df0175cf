/**
 * Where a post from an outside network can be read in its own place, from its source id; null
 * when there is none (web, API) or the id is not of the expected shape. Only http(s) links come
 * out, so a crafted id can never become a javascript: link.
 */
const BLUESKY_URI =
  /^at:\/\/(did:[a-z]+:[A-Za-z0-9._:%-]{1,200})\/app\.bsky\.feed\.post\/([A-Za-z0-9._:~-]{1,512})$/;

export function originalUrl(source: string, sourceId: string | null): string | null {
  if (!sourceId) return null;
  if (source === 'x')
    return /^\d{1,20}$/.test(sourceId) ? `https://x.com/i/status/${sourceId}` : null;
  if (source === 'bluesky') {
    const match = BLUESKY_URI.exec(sourceId);
    return match ? `https://bsky.app/profile/${match[1]}/post/${match[2]}` : null;
  }
  if (source === 'mastodon') {
    // The status uri: on Mastodon it opens the status page in a browser.
    try {
      const url = new URL(sourceId);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch {
      return null;
    }
  }
  return null;
}
