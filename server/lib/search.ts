import type { Db } from '../db/database.ts';

/**
 * Case-insensitive substring search in SQL. SQLite's LIKE and lower() fold ASCII only, and an
 * audience writes "Émilie" and "ÉMILIE": both sides go through JavaScript's toLowerCase instead,
 * registered on the connection as `bc_fold`. LIKE still does the matching, so its wildcards in
 * what the moderator typed are escaped.
 */
export const FOLD = 'bc_fold';

export function registerFold(db: Db): void {
  db.function(FOLD, { deterministic: true }, (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value));
}

/** `SQL` LIKE pattern for "contains", with % _ and \ in the text matched literally (ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `column` contains the pattern bound as `@pattern`, ignoring case. */
export const contains = (column: string): string => `${FOLD}(${column}) LIKE @pattern ESCAPE '\\'`;
