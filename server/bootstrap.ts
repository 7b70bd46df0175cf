import type { FastifyInstance } from 'fastify';
import { ANONYMOUS } from './auth/principal.ts';
import { accessLines, accessOf, adminPageLink } from './events/access.ts';
import { describeX } from './sources/x/source.ts';

/**
 * First start with an empty database: make the event from the config, with one live session,
 * so every link printed at start leads somewhere real.
 */
export function ensureFirstEvent(app: FastifyInstance): boolean {
  const { domain, config } = app;
  if (domain.events.list().length > 0) return false;
  const { row } = domain.events.create({
    name: config.firstEvent.name,
    code: config.firstEvent.code,
    hashtags: [config.firstEvent.hashtag],
  });
  domain.sessions.create(row.id, { title: 'Opening keynote', room: 'Main hall', live: true }, ANONYMOUS);
  return true;
}

/** The start banner: every link a newcomer needs, for every event. */
export function startBanner(app: FastifyInstance, created: boolean): string {
  const { domain, config } = app;
  const lines: string[] = [''];
  lines.push(created ? 'Backchannel is running. A first event was created.' : 'Backchannel is running.');
  lines.push('');
  for (const row of domain.events.list()) {
    lines.push(...accessLines(accessOf(domain, row), { maxSessions: 1 }), '');
  }
  lines.push(`X/Twitter           ${describeX(config.x)}`);
  lines.push(`API docs            ${config.publicUrl}/docs   (OpenAPI: ${config.publicUrl}/openapi.json)`);
  lines.push(`Admin page          ${adminPageLink(config.publicUrl, config.adminToken)}   (events and their links)`);
  lines.push(`Admin token         ${config.adminToken}   (kept in ${config.dataDir})`);
  lines.push(`Data                ${config.databaseFile}`);
  lines.push('');
  return lines.join('\n');
}
