/**
 * shared/ is imported by both server and client and must import neither: a server import
 * would drag Node modules into the browser bundle, a client import would drag React into the
 * server. Exits non-zero naming every offending import.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

export function sharedImportViolations(): string[] {
  const problems: string[] = [];
  for (const file of files(join(root, 'shared'))) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/g)) {
      const target = match[1]!;
      if (/(^|\/)(server|client)\//.test(target) || /^node:/.test(target)) {
        problems.push(`${relative(root, file)} imports ${target}`);
      }
    }
  }
  return problems;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const problems = sharedImportViolations();
  for (const problem of problems) console.error(problem);
  process.exit(problems.length > 0 ? 1 : 0);
}
