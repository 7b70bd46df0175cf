import type { CreateSessionBody, Session, SpeakerLink, UpdateSessionBody } from '../../shared/schemas/sessions.ts';
import type { DomainDeps } from '../context.ts';
import { hashToken } from '../auth/keys.ts';
import { actorName, type Principal } from '../auth/principal.ts';
import { conflict, notFound } from '../lib/errors.ts';
import { nowIso } from '../lib/time.ts';
import { presentSession, type SessionPatch, type SessionRow } from './repository.ts';

const DEFAULT_ROOM = 'Main hall';

export function createSessionsService({ config, db, repos, keys, broadcast }: DomainDeps) {
  function get(sessionId: number): SessionRow {
    const row = repos.sessions.findById(sessionId);
    if (!row) throw notFound('session_not_found', `No session with id ${sessionId}`);
    return row;
  }

  function speakerKeyOf(row: SessionRow): string {
    const event = repos.events.findById(row.event_id)!;
    return keys.sessionSpeakerKey(row.id, event.key_version);
  }

  function speakerLinkOf(row: SessionRow): string {
    const event = repos.events.findById(row.event_id)!;
    return `${config.publicUrl}/e/${encodeURIComponent(event.code)}/speaker#key=${speakerKeyOf(row)}&session=${row.id}`;
  }

  /** A session with its speaker key and link: what a moderator or the organiser hands its speaker. */
  function speakerAccessOf(row: SessionRow): SpeakerLink {
    return { session: presentSession(row), speakerKey: speakerKeyOf(row), link: speakerLinkOf(row) };
  }

  /**
   * Makes a session the live one of its room. The room's previous live session stops being live
   * in the same transaction, so the one-live-per-room index never trips; returns every row that
   * changed, for broadcasting.
   */
  function makeLive(row: SessionRow): SessionRow[] {
    const changed: SessionRow[] = [];
    const previous = repos.sessions.findLiveInRoom(row.event_id, row.room);
    if (previous && previous.id !== row.id) changed.push(repos.sessions.update(previous.id, { live: 0 })!);
    changed.push(repos.sessions.update(row.id, { live: 1 })!);
    return changed;
  }

  function ensureTagFree(eventId: number, tag: string, sessionId: number | null): void {
    const holder = repos.sessions.findByTag(eventId, tag);
    if (holder && holder.id !== sessionId) throw conflict('session_tag_taken', `#${tag} is already the tag of "${holder.title}"`);
  }

  return {
    get,
    speakerKeyOf,
    speakerLinkOf,
    speakerAccessOf,
    list: (eventId: number): Session[] => repos.sessions.listByEvent(eventId).map(presentSession),

    create(eventId: number, body: CreateSessionBody, actor: Principal): SessionRow {
      if (body.tag) ensureTagFree(eventId, body.tag, null);
      const changed = db.transaction(() => {
        const created = repos.sessions.create({
          event_id: eventId,
          title: body.title,
          speaker: body.speaker ?? '',
          room: body.room ?? DEFAULT_ROOM,
          tag: body.tag ?? null,
          starts_at: body.startsAt ?? null,
          ends_at: body.endsAt ?? null,
          live: 0,
          questions_open: body.questionsOpen === false ? 0 : 1,
          speaker_key_hash: `pending:${eventId}:${Date.now()}:${Math.random()}`,
          created_at: nowIso(),
        });
        const withKey = repos.sessions.update(created.id, { speaker_key_hash: hashToken(speakerKeyOf(created)) })!;
        repos.log.append({
          eventId,
          actor: actorName(actor),
          action: 'create_session',
          itemType: 'session',
          itemId: created.id,
        });
        return body.live ? makeLive(withKey) : [withKey];
      })();
      for (const row of changed) broadcast.sessionUpdated(presentSession(row));
      return changed[changed.length - 1]!;
    },

    update(sessionId: number, body: UpdateSessionBody, actor: Principal): Session {
      const before = get(sessionId);
      if (body.tag) ensureTagFree(before.event_id, body.tag, sessionId);
      const changed = db.transaction(() => {
        const patch: SessionPatch = {
          title: body.title,
          speaker: body.speaker,
          room: body.room,
          tag: body.tag,
          starts_at: body.startsAt,
          ends_at: body.endsAt,
          questions_open: body.questionsOpen === undefined ? undefined : body.questionsOpen ? 1 : 0,
        };
        // Clear live first when live is being set either way, or when a live session moves into
        // a room that already has one; makeLive then takes the room over if asked.
        const movesRoom = body.room !== undefined && body.room !== before.room;
        const collides = movesRoom && before.live === 1 && repos.sessions.findLiveInRoom(before.event_id, body.room!) !== null;
        if (body.live !== undefined || collides) patch.live = 0;
        const row = repos.sessions.update(sessionId, patch)!;
        const rows = body.live === true ? makeLive(row) : [row];
        repos.log.append({
          eventId: before.event_id,
          actor: actorName(actor),
          action: 'update_session',
          itemType: 'session',
          itemId: sessionId,
          detail: { before: presentSession(before), changes: body },
        });
        return rows;
      })();
      for (const row of changed) broadcast.sessionUpdated(presentSession(row));
      return presentSession(changed[changed.length - 1]!);
    },
  };
}

export type SessionsService = ReturnType<typeof createSessionsService>;
