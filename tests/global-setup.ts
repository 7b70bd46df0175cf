import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** End-to-end and start tests serve the built client: build it once if sources changed. */
export default function setup(): void {
  // For quick runs of server-only tests while the client is being edited.
  if (process.env.SKIP_CLIENT_BUILD === '1') return;
  const root = join(import.meta.dirname, '..');
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'ensure-client.ts')], {
    cwd: root,
    stdio: 'inherit',
  });
}
