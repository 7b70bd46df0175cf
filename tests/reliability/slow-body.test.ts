/**
 * Slow request bodies and slow headers: each holds a connection and a file descriptor. Fastify's
 * requestTimeout is off by default, so a few hundred of them exhausted the server. Now a request
 * must arrive whole within its time, and its headers sooner.
 */
import { rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, HTTP_TIMEOUTS } from '../../server/app.ts';
import { LIMITS } from '../../shared/limits.ts';
import { sleep, testConfig } from '../helper.ts';
import type { FastifyInstance } from 'fastify';

const config = testConfig();
let app: FastifyInstance;
let port = 0;

beforeAll(async () => {
  // The real timeouts, scaled down so the test does not wait 20 s for each.
  app = await buildApp({
    config,
    httpTimeouts: { requestMs: 1500, headersMs: 1000, checkMs: 250 },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await app.close();
  rmSync(config.dataDir, { recursive: true, force: true });
});

/** Resolves when the server closes the connection, with what it sent before closing. */
function closed(socket: Socket): Promise<string> {
  let got = '';
  socket.on('data', (chunk) => (got += chunk.toString()));
  return new Promise((resolve) => socket.once('close', () => resolve(got)));
}

function open(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('slow connections', () => {
  it('keeps the production timeouts suited to 64 KiB bodies', () => {
    expect(LIMITS.bodyBytes).toBe(64 * 1024);
    expect(HTTP_TIMEOUTS.headersMs).toBeLessThanOrEqual(10_000);
    expect(HTTP_TIMEOUTS.requestMs).toBeLessThanOrEqual(20_000);
    expect(HTTP_TIMEOUTS.headersMs).toBeLessThan(HTTP_TIMEOUTS.requestMs);
    expect(HTTP_TIMEOUTS.keepAliveMs).toBeGreaterThan(60_000);
  });

  it('closes connections whose body trickles in, and those whose headers never end, while serving others', async () => {
    const slowBodies = await Promise.all(Array.from({ length: 40 }, open));
    const slowHeaders = await Promise.all(Array.from({ length: 10 }, open));
    const ends = [...slowBodies, ...slowHeaders].map(closed);
    for (const socket of slowBodies)
      socket.write(
        `POST /api/events/1/posts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${LIMITS.bodyBytes}\r\n\r\n{"text":"`,
      );
    for (const socket of slowHeaders) socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\n');
    const started = Date.now();
    const trickle = setInterval(() => {
      for (const socket of slowBodies) if (!socket.destroyed) socket.write('a');
      for (const socket of slowHeaders) if (!socket.destroyed) socket.write('X-A: b\r\n');
    }, 100);
    try {
      // Meanwhile the server answers everyone else.
      await sleep(300);
      const health = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(health.status).toBe(200);
      const answers = await Promise.race([Promise.all(ends), sleep(8000).then(() => null)]);
      expect(answers, 'every slow connection closed by the server').not.toBeNull();
      expect(Date.now() - started).toBeLessThan(6000);
      for (const answer of answers!.slice(0, slowBodies.length))
        expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
    } finally {
      clearInterval(trickle);
      for (const socket of [...slowBodies, ...slowHeaders]) socket.destroy();
    }
  });
});
