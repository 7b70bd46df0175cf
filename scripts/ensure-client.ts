/**
 * `npm start` runs this first: builds the web client when client/dist is missing or older than
 * any client or shared source, so a fresh clone needs no separate build step.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const built = join(root, 'client', 'dist', 'index.html');

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const sources = [
  'client/src',
  'client/index.html',
  'client/public',
  'shared',
  'vite.config.ts',
  'package.json',
];
const sourceTime = Math.max(...sources.map((path) => newest(join(root, path))));
if (existsSync(built) && statSync(built).mtimeMs >= sourceTime) {
  process.exit(0);
}
console.log('Building the web client (vite build)…');
// Always React's production build: vitest runs this from its global setup with NODE_ENV=test,
// and a development build left in client/dist would then be what `npm start` serves.
execFileSync(
  process.execPath,
  [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  },
);
