import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.ts';
import { testConfig } from '../../helper.ts';

/** A stand-in for client/dist: what Vite writes, small enough to check byte for byte. */
function fakeClient(): string {
  const dir = mkdtempSync(join(tmpdir(), 'backchannel-client-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><title>Backchannel</title><script type="module" src="/assets/app-1a2b.js"></script>',
  );
  writeFileSync(join(dir, 'assets', 'app-1a2b.js'), 'console.log(1)');
  return dir;
}

describe('serving the web client', () => {
  let app: FastifyInstance;
  let clientDir: string;
  const config = testConfig();

  beforeAll(async () => {
    clientDir = fakeClient();
    app = await buildApp({ config, clientDir });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(clientDir, { recursive: true, force: true });
    rmSync(config.dataDir, { recursive: true, force: true });
  });

  it('answers every client route with index.html, revalidated by ETag', async () => {
    const page = await app.inject({ method: 'GET', url: '/e/ABC123/screen' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body).toContain('/assets/app-1a2b.js');
    const etag = page.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);

    const again = await app.inject({
      method: 'GET',
      url: '/e/ABC123',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const stale = await app.inject({
      method: 'GET',
      url: '/e/ABC123',
      headers: { 'if-none-match': '"older"' },
    });
    expect(stale.statusCode).toBe(200);
    expect(stale.body).toBe(page.body);
  });

  it('picks up a rebuilt client within a second, with a new ETag', async () => {
    const before = await app.inject({ method: 'GET', url: '/e/ABC123' });
    writeFileSync(
      join(clientDir, 'index.html'),
      '<!doctype html><title>Backchannel</title><script type="module" src="/assets/app-9z8y.js"></script>',
    );
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const after = await app.inject({
      method: 'GET',
      url: '/e/ABC123',
      headers: { 'if-none-match': before.headers.etag as string },
    });
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('/assets/app-9z8y.js');
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('serves hashed assets as immutable, and unknown API paths and files as JSON 404s', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/app-1a2b.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const api = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.id).toBe('not_found');
    const file = await app.inject({ method: 'GET', url: '/assets/missing.js' });
    expect(file.statusCode).toBe(404);
  });

  it('says how to build the client when it is not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'backchannel-empty-'));
    const bare = await buildApp({ config: testConfig(), clientDir: empty });
    try {
      const page = await bare.inject({ method: 'GET', url: '/e/ABC123' });
      expect(page.statusCode).toBe(503);
      expect(page.body).toContain('npm run build');
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
