import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The global setup builds the client with vitest's NODE_ENV=test in the environment; what it
 * leaves in client/dist is what `npm start` then serves, so it must be React's production build.
 */
describe('the built web client', () => {
  it("is React's production build, not the development one", () => {
    const assets = join(import.meta.dirname, '..', '..', 'client', 'dist', 'assets');
    const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const name of scripts) {
      const code = readFileSync(join(assets, name), 'utf8');
      expect(code, name).not.toContain('jsxDEV');
      expect(code, name).not.toContain('react-dom.development');
    }
  });
});
