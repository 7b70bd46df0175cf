import type { CreateEventBody, Event, EventLinks, UpdateEventBody } from '../../shared/schemas/events.ts';
import { randomInt } from 'node:crypto';
import type { DomainDeps } from '../context.ts';
import { hashToken } from '../auth/keys.ts';
import { actorName, type Principal } from '../auth/principal.ts';
import { AppError, conflict, notFound } from '../lib/errors.ts';
import { nowIso } from '../lib/time.ts';
import { presentEvent, type EventPatch, type EventRow } from './repository.ts';

// No 0/O or 1/I: codes are read off a projector and typed on phones.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export interface EventKeys {
  moderatorKey: string;
  speakerKey: string;
  apiKey: string;
}

export function createEventsService({ config, db, repos, keys, broadcast }: DomainDeps) {
  function keysOf(row: Pick<EventRow, 'id' | 'key_version'>): EventKeys {
    return {
      moderatorKey: keys.moderatorKey(row.id, row.key_version),
      speakerKey: keys.eventSpeakerKey(row.id, row.key_version),
      apiKey: keys.apiKey(row.id, row.key_version),
    };
  }

  function linksOf(row: EventRow): EventLinks {
    const k = keysOf(row);
    const base = `${config.publicUrl}/e/${encodeURIComponent(row.code)}`;
    return {
      attendee: base,
      screen: `${base}/screen`,
      moderator: `${base}/moderate#key=${k.moderatorKey}`,
      speaker: `${base}/speaker#key=${k.speakerKey}`,
    };
  }

  function uniqueCode(): string {
    for (let attempt = 0; attempt < 50; attempt++) {
      let code = '';
      for (let i = 0; i < 6; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
      if (!repos.events.findByCode(code)) return code;
    }
    throw new Error('could not find a free join code');
  }

  function patchFrom(body: UpdateEventBody): EventPatch {
    return {
      name: body.name,
      hashtags: body.hashtags ? JSON.stringify(body.hashtags) : undefined,
      question_tag: body.questionTag,
      post_moderation: body.settings?.postModeration,
      question_moderation: body.settings?.questionModeration,
      allow_anonymous: body.settings?.allowAnonymous === undefined ? undefined : body.settings.allowAnonymous ? 1 : 0,
      accent_color: body.branding?.accentColor,
      logo_url: body.branding?.logoUrl,
      theme: body.branding?.theme,
    };
  }

  // Outside sources follow an event's hashtags (X stream rules); they listen here.
  const hashtagListeners = new Set<(eventId: number) => void>();
  const hashtagsChanged = (eventId: number) => hashtagListeners.forEach((listener) => listener(eventId));

  function get(eventId: number): EventRow {
    const row = repos.events.findById(eventId);
    if (!row) throw notFound('event_not_found', `No event with id ${eventId}`);
    return row;
  }

  return {
    keysOf,
    linksOf,
    get,

    getByCode(code: string): EventRow {
      const row = repos.events.findByCode(code);
      if (!row) throw notFound('event_not_found', `No event with code ${code}`);
      return row;
    },

    list: () => repos.events.list(),

    /** Calls `listener` after an event is made or its hashtags change; returns the unsubscribe. */
    onHashtagsChanged(listener: (eventId: number) => void): () => void {
      hashtagListeners.add(listener);
      return () => hashtagListeners.delete(listener);
    },

    create(body: CreateEventBody): { row: EventRow; keys: EventKeys; links: EventLinks } {
      const code = body.code ?? uniqueCode();
      if (repos.events.findByCode(code)) throw conflict('join_code_taken', `The join code ${code} is already in use`);
      const row = db.transaction(() => {
        // Key hashes need the id, so the row is made with placeholders and completed at once.
        const placeholder = `pending:${code}`;
        const created = repos.events.create({
          code,
          name: body.name,
          hashtags: JSON.stringify(body.hashtags ?? []),
          question_tag: body.questionTag ?? 'ask',
          post_moderation: body.settings?.postModeration ?? 'pre',
          question_moderation: body.settings?.questionModeration ?? 'post',
          allow_anonymous: body.settings?.allowAnonymous === false ? 0 : 1,
          accent_color: body.branding?.accentColor ?? '#4f7cff',
          logo_url: body.branding?.logoUrl ?? null,
          theme: body.branding?.theme ?? 'dark',
          key_version: 1,
          moderator_key_hash: `${placeholder}:m`,
          speaker_key_hash: `${placeholder}:s`,
          api_key_hash: `${placeholder}:a`,
          created_at: nowIso(),
        });
        const k = keysOf(created);
        return repos.events.update(created.id, {
          moderator_key_hash: hashToken(k.moderatorKey),
          speaker_key_hash: hashToken(k.speakerKey),
          api_key_hash: hashToken(k.apiKey),
        })!;
      })();
      hashtagsChanged(row.id);
      return { row, keys: keysOf(row), links: linksOf(row) };
    },

    update(eventId: number, body: UpdateEventBody, actor: Principal): Event {
      const before = get(eventId);
      const after = repos.events.update(eventId, patchFrom(body));
      if (!after) throw new AppError(404, 'event_not_found', `No event with id ${eventId}`);
      repos.log.append({
        eventId,
        actor: actorName(actor),
        action: 'update_settings',
        itemType: 'event',
        itemId: eventId,
        detail: { before: presentEvent(before), changes: body },
      });
      const event = presentEvent(after);
      broadcast.eventUpdated(event);
      if (after.hashtags !== before.hashtags) hashtagsChanged(eventId);
      return event;
    },
  };
}

export type EventsService = ReturnType<typeof createEventsService>;
