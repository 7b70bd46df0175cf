import type { Db } from '../db/database.ts';

/**
 * UPDATE for a partial patch of whitelisted columns. Patches are rare (settings, session edits),
 * so the statement is built per column set from the whitelist and cached.
 */
export function createPatcher<Row extends object>(
  db: Db,
  table: string,
  columns: ReadonlyArray<keyof Row & string>,
) {
  const cache = new Map<string, ReturnType<Db['prepare']>>();
  return (id: number, patch: Partial<Row>): void => {
    const set = columns.filter((column) => patch[column] !== undefined);
    if (set.length === 0) return;
    const key = set.join(',');
    let statement = cache.get(key);
    if (!statement) {
      statement = db.prepare(
        `UPDATE ${table} SET ${set.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`,
      );
      cache.set(key, statement);
    }
    statement.run({ ...Object.fromEntries(set.map((c) => [c, patch[c]])), id });
  };
}
