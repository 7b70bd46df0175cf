import type { FastifyInstance } from 'fastify';
import { isLoopbackUrl } from '../shared/public-address.ts';
import type { Config } from './config.ts';
import { adminTokenFile } from './config.ts';
import { accessLines, accessOf, adminPageLink } from './events/access.ts';
import { describeBluesky } from './sources/bluesky/source.ts';
import { describeMastodon } from './sources/mastodon/plan.ts';
import { describeX } from './sources/x/source.ts';

/**
 * First start with an empty database: make the event from the config, with one live session,
 * so every link printed at start leads somewhere real.
 */
export function ensureFirstEvent(app: FastifyInstance): boolean {
  const { domain, config } = app;
  if (domain.events.list().length > 0) return false;
  // The server acts as the organiser making the event, then as its moderator adding a session.
  const { row } = domain.events.create(
    { kind: 'admin' },
    {
      name: config.firstEvent.name,
      code: config.firstEvent.code,
      hashtags: [config.firstEvent.hashtag],
    },
  );
  domain.sessions.create({ kind: 'moderator', eventId: row.id }, row.id, {
    title: 'Opening keynote',
    room: 'Main hall',
    live: true,
  });
  return true;
}

/**
 * Phones open the links above only if they can reach their address: say so when they cannot
 * (loopback), with the LAN address to use when one was found.
 */
export function addressWarning(config: Config): string[] {
  if (!isLoopbackUrl(config.publicUrl)) {
    return config.publicUrlConfigured
      ? []
      : [
          `Public address      ${config.publicUrl}   (set PUBLIC_URL if phones reach it another way)`,
        ];
  }
  const lines = [
    `WARNING             Every public link (QR codes, join card, links) uses ${config.publicUrl},`,
    `                    which only this computer can open: phones cannot join with it.`,
  ];
  lines.push(
    config.lanUrl
      ? `                    On this network phones can reach ${config.lanUrl}: restart with PUBLIC_URL=${config.lanUrl}`
      : `                    Restart with PUBLIC_URL set to the address phones can reach (e.g. http://192.168.1.20:${new URL(config.publicUrl).port || 80}).`,
  );
  return lines;
}

/**
 * The start banner: every link a newcomer needs, for every event. Keys only with `keys` (the
 * server passes whether stdout is a terminal): a log file or a container's log keeps no key;
 * it points to the admin page and `npm run events` instead.
 */
export function startBanner(
  app: FastifyInstance,
  created: boolean,
  { keys = false }: { keys?: boolean } = {},
): string {
  const { domain, config } = app;
  const lines: string[] = [''];
  lines.push(
    created ? 'Backchannel is running. A first event was created.' : 'Backchannel is running.',
  );
  lines.push('');
  for (const row of domain.events.list()) {
    lines.push(...accessLines(accessOf(domain, row), { maxSessions: 1, keys }), '');
  }
  lines.push(`X/Twitter           ${describeX(config.x)}`);
  const sources = domain.sourceSettings.all();
  lines.push(`Bluesky             ${describeBluesky(config.bluesky, sources)}`);
  lines.push(`Mastodon            ${describeMastodon(config.mastodon, sources)}`);
  lines.push(
    `API docs            ${config.publicUrl}/docs   (OpenAPI: ${config.publicUrl}/openapi.json)`,
  );
  if (keys) {
    lines.push(
      `Admin page          ${adminPageLink(config.publicUrl, config.adminToken)}   (events and their links)`,
    );
    lines.push(`Admin token         ${config.adminToken}   (kept in ${config.dataDir})`);
  } else {
    lines.push(`Admin page          ${config.publicUrl}/admin   (events, their links and keys)`);
    lines.push(
      `Admin token         not shown, as this is not a terminal: ADMIN_TOKEN, or the file ${adminTokenFile(config.dataDir)}`,
    );
  }
  lines.push(`Data                ${config.databaseFile}`);
  lines.push('', ...addressWarning(config), '');
  return lines.join('\n');
}
