import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..');

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'));
  const service = compose.services.backchannel;

  it('builds the app from the Dockerfile and publishes port 3000', () => {
    expect(service.build).toBe('.');
    expect(service.ports).toContain('3000:3000');
    expect(service.environment.PORT).toBe('3000');
  });

  it('keeps the data directory on a named volume', () => {
    expect(service.environment.DATA_DIR).toBe('/data');
    expect(service.volumes).toContain('backchannel-data:/data');
    expect(compose.volumes).toHaveProperty('backchannel-data');
  });

  it('has a Dockerfile that runs the same entry point as npm start, with the data volume', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/RUN npm ci/);
    expect(dockerfile).toMatch(/RUN npm run build/);
    expect(dockerfile).toMatch(/CMD \["node", "--import", "tsx", "server\/index.ts"\]/);
    expect(dockerfile).toMatch(/VOLUME \["\/data"\]/);
    expect(dockerfile).toMatch(/EXPOSE 3000/);
  });

  it('runs the server as the unprivileged node user, who owns the data directory', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    const final = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    const users = [...final.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
    expect(users).toEqual(['node']);
    // USER comes before CMD, and after the last RUN that needs root.
    expect(final.indexOf('USER node')).toBeLessThan(final.indexOf('CMD '));
    expect(final).toMatch(/RUN mkdir -p \/data && chown node:node \/data\n(?:#.*\n)*USER node/);
    expect(service.user ?? 'node').toBe('node');
  });
});
