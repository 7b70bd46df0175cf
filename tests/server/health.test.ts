import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, seedEvent, type TestApp } from '../helper.ts';

let t: TestApp;

beforeAll(async () => {
  t = await build();
});
afterAll(() => t.close());

describe('GET /api/health', () => {
  it('answers ok with the uptime and the number of events', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json();
    expect(body).toEqual({
      status: 'ok',
      uptimeSeconds: expect.any(Number),
      events: expect.any(Number),
    });
    // The app was built in this process, so it cannot have been up longer than the process.
    // The route rounds to whole seconds: compare like with like (1.99 s of process is "2").
    expect(body.uptimeSeconds).toBeLessThanOrEqual(Math.round(process.uptime()));
  });

  it('counts an event as soon as it is made, so it really reads the database', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/health' })).json()
      .events as number;
    seedEvent(t.app);
    const after = (await t.app.inject({ method: 'GET', url: '/api/health' })).json()
      .events as number;
    expect(after).toBe(before + 1);
  });

  it('needs no credential', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health', headers: {} });
    expect(res.statusCode).toBe(200);
  });

  it('answers an unknown API path with a JSON 404 not_found', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { id: 'not_found', message: 'No route GET /api/no-such-thing' },
    });
  });
});
