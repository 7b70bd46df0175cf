/**
 * Search load worker: `searchers` people each search, read the results for a moment, and
 * search again, until the time is up. Records each answer's latency (HTTP, loopback).
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { random, searchQuery } from './corpus.ts';

interface Setup {
  url: string;
  eventId: number;
  token: string;
  searchers: number;
  thinkMs: number;
  durationMs: number;
  seed: number;
}

process.on('message', (message: { type: string; setup: Setup }) => {
  if (message.type !== 'go') return;
  const { url, eventId, token, searchers, thinkMs, durationMs, seed } = message.setup;
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: searchers });
  const rand = random(seed);
  const latencies: number[] = [];
  let failures = 0;
  let hits = 0;
  const started = Date.now();

  const get = (path: string) =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path,
          agent,
          headers: { authorization: `Bearer ${token}` },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => {
            if (res.statusCode === 200) {
              latencies.push(performance.now() - t0);
              const page = JSON.parse(body) as { posts?: unknown[]; questions?: unknown[] };
              if ((page.posts ?? page.questions ?? []).length > 0) hits += 1;
            } else failures += 1;
            resolve();
          });
        },
      );
      req.on('error', () => {
        failures += 1;
        resolve();
      });
      req.end();
    });

  const searcher = async () => {
    // Spread the first searches over one think time rather than all at once.
    await new Promise((resolve) => setTimeout(resolve, rand() * thinkMs));
    while (Date.now() - started < durationMs) {
      const q = encodeURIComponent(searchQuery(rand));
      // The console asks for posts and questions at once, as a moderator's search does.
      await Promise.all([
        get(`/api/events/${eventId}/moderation/posts?q=${q}&limit=20`),
        get(`/api/events/${eventId}/questions/search?q=${q}&limit=20`),
      ]);
      await new Promise((resolve) => setTimeout(resolve, thinkMs * (0.5 + rand())));
    }
  };
  void Promise.all(Array.from({ length: searchers }, searcher)).then(() => {
    agent.destroy();
    process.send!({ type: 'done', latencies, failures, hits });
  });
});
