/** The shape of the matrix's entries: a route or command, who may use it, and its target. */
import type { FastifyInstance, HTTPMethods } from 'fastify';
import type { ClientToServerEvents } from '../../../shared/socket-events.ts';
import type { CredKey, Target } from '../credentials.ts';
import type { World } from '../support.ts';

export type Setup<T> = (app: FastifyInstance, w: World) => Target & T;

export interface HttpRoute {
  method: Exclude<HTTPMethods, 'HEAD' | 'OPTIONS' | 'SEARCH' | 'PROPFIND'>;
  /** As declared in the route file, with the /api prefix. */
  path: string;
  what?: string;
  allowed: CredKey[];
  hasAuthor?: boolean;
  setup: Setup<{ url: string; body?: object }>;
}

export type CommandName = keyof ClientToServerEvents;

export interface SocketCommand {
  name: CommandName;
  what?: string;
  allowed: CredKey[];
  hasAuthor?: boolean;
  /** False when the payload cannot name event A: such a command sent to another event is no attack on A. */
  namesA: boolean;
  setup: Setup<{ payload: object }>;
}
