/**
 * `npm run archive -- CODE --out DIR`: an event's public archive as static files any static
 * host can serve (the same pages and Atom feeds as /e/CODE/archive/, linked relatively).
 *
 * Reads the database read-only, so it can run next to a running server; it writes nothing
 * there. Only what the live archive shows is written: the archive must be open (the event's
 * setting, in the console), and only public items ever reach it.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { exportArchive } from '../server/archive/export.ts';
import { archiveBase } from '../server/archive/pages-routes.ts';
import { loadConfig } from '../server/config.ts';
import { createDomain } from '../server/context.ts';
import type { Db } from '../server/db/database.ts';
import { AppError } from '../server/lib/errors.ts';

const USAGE = `Usage:
  npm run archive -- CODE --out DIR [--base-url URL]

Writes the public archive of the event with join code CODE into DIR as static files.
  --out DIR        where to write (made if missing; files there with the same names are replaced)
  --base-url URL   the address DIR will be served at, for the feeds' links
                   (default: PUBLIC_URL/e/CODE/archive/)
The database is DATA_DIR/backchannel.db (DATA_DIR defaults to data).`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string' },
    'base-url': { type: 'string' },
    help: { type: 'boolean' },
  },
});
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const code = positionals[0]?.toUpperCase();
if (!code || positionals.length > 1 || !values.out) fail(USAGE);

const config = loadConfig();
if (!existsSync(config.databaseFile)) fail(`No database at ${config.databaseFile}`);
const db = new Database(config.databaseFile, { readonly: true, fileMustExist: true }) as Db;
const migrated = db.prepare('SELECT 1 FROM schema_migrations WHERE version = 18').get();
if (!migrated)
  fail('This database predates the archive’s people pages: start the server once to update it.');

const domain = createDomain(config, db);
try {
  const event = domain.archive.openEvent(code);
  const base = values['base-url']
    ? values['base-url'].replace(/\/?$/, '/')
    : archiveBase(config.publicUrl, event.code);
  const out = resolve(values.out);
  const written = exportArchive(domain, event, out, base);
  process.stdout.write(`Wrote ${written.length} files of the ${event.name} archive to ${out}\n`);
} catch (error) {
  if (error instanceof AppError && error.id === 'archive_not_found')
    fail(
      `No open archive for ${code}: the event does not exist, or its archive is off or not open yet (set it in the console's settings).`,
    );
  throw error;
} finally {
  domain.sources.close();
  db.close();
}
