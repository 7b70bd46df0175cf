import { request } from './api.ts';
import { credentialHeaders } from './moderator-name.ts';

/**
 * A staff GET that a newer request may cancel, or whose body is a file rather than JSON. The key
 * travels in the Authorization header only: a URL ends up in history, logs and Referer headers.
 * An abort is rethrown as it is, so callers can tell "cancelled" from "failed".
 */
export function staffGet(path: string, token: string, signal?: AbortSignal): Promise<Response> {
  return request(path, { headers: credentialHeaders(token), cache: 'no-store', signal });
}

/** The same GET, for a JSON answer. */
export async function staffGetJson<T>(
  path: string,
  token: string,
  signal?: AbortSignal,
): Promise<T> {
  const response = await staffGet(path, token, signal);
  return (await response.json()) as T;
}

/** `?a=1&b=2` from the values that are set; '' when none is. */
export function queryString(params: Record<string, string | number | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== null && value !== undefined && value !== '') query.set(name, String(value));
  const text = query.toString();
  return text ? `?${text}` : '';
}
