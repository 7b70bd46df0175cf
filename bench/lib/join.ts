/**
 * Joining as a phone does: ask for the join challenge, solve it (altcha-lib, as the attendee app
 * does in its workers), join by the event code. Split in two so a simulated phone can solve
 * before a measured window. `localAddress` picks the loopback address the phone joins from
 * (all of 127.0.0.0/8 is loopback on Linux): the server limits joins per address.
 */
import { type Agent, request } from 'node:http';
import { solveJoinChallenge } from '../../shared/pow.ts';

export function httpCall(
  agent: Agent,
  url: URL,
  method: string,
  path: string,
  body?: unknown,
  localAddress?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method,
        agent,
        ...(localAddress ? { localAddress } : {}),
        headers: payload
          ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
          : {},
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** A solved challenge for the event: the `altcha` the join takes. */
export async function solvedAltcha(
  agent: Agent,
  url: URL,
  code: string,
  localAddress?: string,
): Promise<string> {
  const path = `/api/events/by-code/${encodeURIComponent(code)}/join-challenge`;
  const res = await httpCall(agent, url, 'GET', path, undefined, localAddress);
  if (res.status !== 200) throw new Error(`join-challenge ${res.status}`);
  const altcha = await solveJoinChallenge(JSON.parse(res.text));
  if (!altcha) throw new Error('join challenge not solved in time');
  return altcha;
}

/** Joins with a solved challenge; resolves with the attendee token. */
export async function joinWith(
  agent: Agent,
  url: URL,
  code: string,
  altcha: string,
  displayName?: string,
  localAddress?: string,
): Promise<string> {
  const path = `/api/events/by-code/${encodeURIComponent(code)}/attendees`;
  const body = displayName ? { altcha, displayName } : { altcha };
  const res = await httpCall(agent, url, 'POST', path, body, localAddress);
  if (res.status !== 201) throw new Error(`join ${res.status}`);
  return (JSON.parse(res.text) as { token: string }).token;
}

/** Phones spread over this many loopback addresses, as a venue's Wi-Fi and mobile networks are. */
export const JOIN_ADDRESSES = 4;
export const joinAddress = (i: number) => `127.0.0.${2 + (i % JOIN_ADDRESSES)}`;
