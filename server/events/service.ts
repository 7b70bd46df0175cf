import {
  KeyKind,
  type ClearedActivity,
  type CreateEventBody,
  type Event,
  type EventLinks,
  type UpdateEventBody,
} from '../../shared/schemas/events.ts';
import { randomInt } from 'node:crypto';
import type { DomainDeps } from '../context.ts';
import { hashToken } from '../auth/keys.ts';
import { requireAdmin } from '../auth/guards.ts';
import { actorName, type Principal } from '../auth/principal.ts';
import { AppError, conflict, notFound } from '../lib/errors.ts';
import { nowIso } from '../lib/time.ts';
import { DEFAULT_TIME_ZONE } from '../../shared/schedule.ts';
import { logoFiles } from './logo.ts';
import { presentEvent, type EventPatch, type EventRow } from './repository.ts';
import { eventForModerator, existingEvent } from '../events/existing.ts';

// No 0/O or 1/I: codes are read off a projector and typed on phones.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export interface EventKeys {
  moderatorKey: string;
  speakerKey: string;
  apiKey: string;
}

export function createEventsService({ config, db, repos, keys, broadcast }: DomainDeps) {
  function keysOf(
    row: Pick<EventRow, 'id' | 'moderator_key_version' | 'speaker_key_version' | 'api_key_version'>,
  ): EventKeys {
    return {
      moderatorKey: keys.moderatorKey(row.id, row.moderator_key_version),
      speakerKey: keys.eventSpeakerKey(row.id, row.speaker_key_version),
      apiKey: keys.apiKey(row.id, row.api_key_version),
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
      allow_anonymous:
        body.settings?.allowAnonymous === undefined
          ? undefined
          : body.settings.allowAnonymous
            ? 1
            : 0,
      duplicate_threshold: body.settings?.duplicateThreshold,
      archive: body.settings?.archive,
      accent_color: body.branding?.accentColor,
      logo_url: body.branding?.logoUrl,
      theme: body.branding?.theme,
      time_zone: body.timeZone,
    };
  }

  // Outside sources follow an event's hashtags (X stream rules); they listen here.
  const hashtagListeners = new Set<(eventId: number) => void>();
  const hashtagsChanged = (eventId: number) =>
    hashtagListeners.forEach((listener) => listener(eventId));

  function get(eventId: number): EventRow {
    return existingEvent(repos.events, eventId);
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

    /** Every event, for the organiser, who alone may see them all with their keys. */
    listAll(principal: Principal): EventRow[] {
      requireAdmin(principal);
      return repos.events.list();
    },

    /** Calls `listener` after an event is made or its hashtags change; returns the unsubscribe. */
    onHashtagsChanged(listener: (eventId: number) => void): () => void {
      hashtagListeners.add(listener);
      return () => hashtagListeners.delete(listener);
    },

    /** The organiser makes an event; its keys and links come back once, with it. */
    create(
      principal: Principal,
      body: CreateEventBody,
    ): { row: EventRow; keys: EventKeys; links: EventLinks } {
      requireAdmin(principal);
      const code = body.code ?? uniqueCode();
      if (repos.events.findByCode(code))
        throw conflict('join_code_taken', `The join code ${code} is already in use`);
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
          time_zone: body.timeZone ?? DEFAULT_TIME_ZONE,
          key_version: 1,
          moderator_key_hash: `${placeholder}:m`,
          speaker_key_hash: `${placeholder}:s`,
          api_key_hash: `${placeholder}:a`,
          created_at: nowIso(),
        });
        const k = keysOf(created);
        return repos.events.update(created.id, {
          archive: body.settings?.archive ?? 'off',
          moderator_key_hash: hashToken(k.moderatorKey),
          speaker_key_hash: hashToken(k.speakerKey),
          api_key_hash: hashToken(k.apiKey),
          duplicate_threshold: body.settings?.duplicateThreshold,
        })!;
      })();
      hashtagsChanged(row.id);
      return { row, keys: keysOf(row), links: linksOf(row) };
    },

    /**
     * Replaces some or all of an event's keys (organiser only). The old ones stop working at
     * once: REST calls get 401, and sockets opened with them are disconnected (a reconnect is
     * a new handshake, which refuses them).
     */
    rotateKeys(principal: Principal, eventId: number, kinds?: KeyKind[]): EventRow {
      requireAdmin(principal);
      const before = get(eventId);
      const rotated = kinds ?? KeyKind.options;
      const has = (kind: KeyKind) => rotated.includes(kind);
      const after = db.transaction(() => {
        const row = repos.events.update(eventId, {
          moderator_key_version: before.moderator_key_version + (has('moderator') ? 1 : 0),
          speaker_key_version: before.speaker_key_version + (has('speaker') ? 1 : 0),
          api_key_version: before.api_key_version + (has('apiKey') ? 1 : 0),
        })!;
        const k = keysOf(row);
        const updated = repos.events.update(eventId, {
          moderator_key_hash: hashToken(k.moderatorKey),
          speaker_key_hash: hashToken(k.speakerKey),
          api_key_hash: hashToken(k.apiKey),
        })!;
        if (has('speaker')) {
          for (const session of repos.sessions.listByEvent(eventId)) {
            repos.sessions.update(session.id, {
              speaker_key_hash: hashToken(
                keys.sessionSpeakerKey(session.id, row.speaker_key_version),
              ),
            });
          }
        }
        repos.log.append({
          eventId,
          actor: actorName(principal),
          action: 'rotate_keys',
          itemType: 'event',
          itemId: eventId,
          detail: { keys: rotated },
        });
        return updated;
      })();
      broadcast.keysRotated(eventId, rotated);
      return after;
    },

    /** A moderator of the event changes its name, hashtags, settings or branding. */
    update(actor: Principal, eventId: number, body: UpdateEventBody): Event {
      const before = eventForModerator(repos.events, actor, eventId);
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

    /** Deletes an event and everything in it; its keys and links stop working at once. */
    remove(principal: Principal, eventId: number): void {
      requireAdmin(principal);
      get(eventId);
      repos.events.delete(eventId);
      logoFiles(config.dataDir).remove(eventId);
      broadcast.eventReset(eventId);
      hashtagsChanged(eventId);
    },

    /**
     * After a rehearsal: every post, question, vote, attendee, author rule and log entry of the
     * event goes; the event, its settings, sessions, screens and keys stay, so every link that
     * was handed out keeps working. Connected clients reconnect to the empty event.
     */
    clearActivity(actor: Principal, eventId: number): ClearedActivity {
      requireAdmin(actor);
      get(eventId);
      const cleared = db.transaction(() => {
        const counts = {
          posts: repos.posts.deleteByEvent(eventId),
          questions: repos.questions.deleteByEvent(eventId),
          attendees: repos.attendees.deleteByEvent(eventId),
        };
        repos.authors.deleteByEvent(eventId);
        repos.log.deleteByEvent(eventId);
        repos.log.append({
          eventId,
          actor: actorName(actor),
          action: 'clear_activity',
          itemType: 'event',
          itemId: eventId,
          detail: counts,
        });
        return counts;
      })();
      broadcast.eventReset(eventId);
      return cleared;
    },
  };
}

export type EventsService = ReturnType<typeof createEventsService>;
