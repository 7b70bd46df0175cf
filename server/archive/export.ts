import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EventRow } from '../events/repository.ts';
import { allFiles, fileName, renderFile, type ArchiveParts } from './render.ts';

/**
 * Writes an event's archive as static files: the pages and feeds the server serves under
 * /e/CODE/archive/ (with the topics/ and people/ folders), with the same markup and relative
 * links, minus the search box (a static host has nothing to answer it). Returns the names
 * written.
 */
export function exportArchive(
  parts: ArchiveParts,
  event: EventRow,
  outDir: string,
  baseUrl: string,
): string[] {
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const file of allFiles(parts, event)) {
    // Names hold letters, digits, _ and one folder (topics/, people/); a tag may be non-ASCII.
    const name = decodeURIComponent(fileName(file));
    const { body } = renderFile(parts, event, { baseUrl, search: false }, file);
    mkdirSync(dirname(join(outDir, name)), { recursive: true });
    writeFileSync(join(outDir, name), body);
    written.push(name);
  }
  return written;
}
