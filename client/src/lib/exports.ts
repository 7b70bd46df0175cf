import { AppError } from './errors.ts';
import { queryString, staffGet } from './staff-fetch.ts';
import type { PostStatus } from './types.ts';

/** The four files of server/exports/routes.ts. */
export type ExportKind = 'report' | 'questions' | 'posts' | 'json';

export interface ExportFilters {
  /** Questions of this session only (questions CSV). */
  session?: number | null;
  /** Posts in this status only (posts CSV). */
  status?: PostStatus | null;
}

const PATH: Record<ExportKind, string> = {
  report: 'export.md',
  questions: 'export/questions.csv',
  posts: 'export/posts.csv',
  json: 'export.json',
};

/** What the file is called when the server's Content-Disposition cannot be read. */
const FALLBACK: Record<ExportKind, string> = {
  report: 'report.md',
  questions: 'questions.csv',
  posts: 'posts.csv',
  json: 'export.json',
};

export function exportUrl(eventId: number, kind: ExportKind, filters: ExportFilters = {}): string {
  const query =
    kind === 'questions'
      ? queryString({ session: filters.session })
      : kind === 'posts'
        ? queryString({ status: filters.status })
        : '';
  return `/api/events/${eventId}/${PATH[kind]}${query}`;
}

/**
 * The file name a Content-Disposition header gives (RFC 6266: `filename*` wins over
 * `filename`), reduced to characters every file system accepts.
 */
export function filenameFrom(disposition: string | null, fallback: string): string {
  let name: string | null = null;
  const extended = disposition?.match(/filename\*\s*=\s*[\w-]+'[^']*'([^;]+)/i)?.[1];
  if (extended) {
    try {
      name = decodeURIComponent(extended.trim());
    } catch {
      name = null;
    }
  }
  name ??=
    disposition
      ?.match(/filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i)
      ?.slice(1)
      .find((part) => part !== undefined) ?? null;
  const safe = (name ?? '')
    .replace(/\\(.)/g, '$1')
    // eslint-disable-next-line no-control-regex -- control characters are what this replaces
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_')
    .trim();
  return safe && !/^\.+$/.test(safe) ? safe : fallback;
}

export interface SavedFile {
  filename: string;
  bytes: number;
}

/**
 * Fetches an export with the key in a header, then hands it to the browser as a download. A
 * plain link cannot carry the header, and a key in its query string would be written to logs.
 */
export async function downloadExport(
  eventId: number,
  token: string,
  kind: ExportKind,
  filters: ExportFilters,
  code: string,
): Promise<SavedFile> {
  const response = await staffGet(exportUrl(eventId, kind, filters), token);
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch {
    throw new AppError('network_error', 'The download was cut off before it finished. Try again.');
  }
  const filename = filenameFrom(
    response.headers.get('content-disposition'),
    `${code}-${FALLBACK[kind]}`,
  );
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the save in some browsers; a minute is plenty to start it.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { filename, bytes: blob.size };
}

/** "840 B", "12.4 kB", "3.1 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
