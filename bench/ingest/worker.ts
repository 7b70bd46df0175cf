/**
 * Ingest load worker: sends posts at a fixed rate over a pool of keep-alive connections
 * (open loop: the rate does not slow down when the server does) and records each
 * acknowledgement's latency and the source ids that were acknowledged.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

interface Setup {
  url: string;
  path: string;
  token: string;
  ratePerSecond: number;
  durationMs: number;
  connections: number;
  prefix: string;
}

process.on('message', (message: { type: string; setup: Setup }) => {
  if (message.type !== 'go') return;
  const { url, path, token, ratePerSecond, durationMs, connections, prefix } = message.setup;
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  const acked: string[] = [];
  let failures = 0;
  let sent = 0;
  let inFlight = 0;
  const tickMs = 10;
  const started = Date.now();

  const send = () => {
    const sourceId = `${prefix}-${sent++}`;
    const body = JSON.stringify({
      text: `Ingest load post ${sourceId} #bench`,
      sourceId,
      author: { name: 'Load' },
    });
    const t0 = performance.now();
    inFlight += 1;
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          inFlight -= 1;
          if (res.statusCode === 201 || res.statusCode === 200) {
            latencies.push(performance.now() - t0);
            acked.push(sourceId);
          } else failures += 1;
        });
      },
    );
    req.on('error', () => {
      inFlight -= 1;
      failures += 1;
    });
    req.end(body);
  };

  const timer = setInterval(() => {
    if (Date.now() - started >= durationMs) {
      clearInterval(timer);
      const wait = setInterval(() => {
        if (inFlight > 0 && Date.now() - started < durationMs + 30_000) return;
        clearInterval(wait);
        agent.destroy();
        process.send!({ type: 'done', latencies, acked, failures, sent });
      }, 50);
      return;
    }
    // Catch up to the schedule from the start time, so a late timer does not lower the rate.
    const due = Math.floor(((Date.now() - started) * ratePerSecond) / 1000);
    while (sent < due) send();
  }, tickMs);
});
