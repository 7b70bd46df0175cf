import type {
  CreateSessionBody,
  Session,
  SpeakerLink,
  UpdateSessionBody,
} from '../../shared/schemas/sessions.ts';
import type { DomainDeps } from '../context.ts';
import type { QuestionsService } from '../questions/service.ts';
import { hashToken } from '../auth/keys.ts';
import { requireModerator } from '../auth/guards.ts';
import { actorName, type Principal } from '../auth/principal.ts';
import { conflict, notFound } from '../lib/errors.ts';
import { nowIso } from '../lib/time.ts';
import { lastBoundary, scheduledSession } from '../../shared/schedule.ts';
import { presentSession, type SessionPatch, type SessionRow } from './repository.ts';
import { eventForModerator } from '../events/existing.ts';

const DEFAULT_ROOM = 'Main hall';

export function createSessionsService({
  config,
  db,
  repos,
  keys,
  broadcast,
  questions,
}: DomainDeps & { questions: Pick<QuestionsService, 'removeSession'> }) {
  function get(sessionId: number): SessionRow {
    const row = repos.sessions.findById(sessionId);
    if (!row) throw notFound('session_not_found', `No session with id ${sessionId}`);
    return row;
  }

  function speakerKeyOf(row: SessionRow): string {
    const event = repos.events.findById(row.event_id)!;
    return keys.sessionSpeakerKey(row.id, event.speaker_key_version);
  }

  function speakerLinkOf(row: SessionRow): string {
    const event = repos.events.findById(row.event_id)!;
    return `${config.publicUrl}/e/${encodeURIComponent(event.code)}/speaker#key=${speakerKeyOf(row)}&session=${row.id}`;
  }

  /** A session with its speaker key and link: what a moderator or the organiser hands its speaker. */
  function speakerAccessOf(row: SessionRow): SpeakerLink {
    return {
      session: presentSession(row),
      speakerKey: speakerKeyOf(row),
      link: speakerLinkOf(row),
    };
  }

  /**
   * Makes a session the live one of its room. The room's previous live session stops being live
   * in the same transaction, so the one-live-per-room index never trips; returns every row that
   * changed, for broadcasting.
   */
  function makeLive(row: SessionRow): SessionRow[] {
    const changed: SessionRow[] = [];
    const previous = repos.sessions.findLiveInRoom(row.event_id, row.room);
    if (previous && previous.id !== row.id)
      changed.push(repos.sessions.update(previous.id, { live: 0 })!);
    changed.push(repos.sessions.update(row.id, { live: 1 })!);
    return changed;
  }

  const timesOf = (row: SessionRow) => ({
    id: row.id,
    room: row.room,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
  });

  /**
   * A moderator chose a room's live session by hand: the choice holds until the next start or
   * end in that room, so the boundary that has passed is marked settled.
   */
  function settleByHand(eventId: number, room: string, now: number): void {
    const inRoom = repos.sessions.listByEvent(eventId).filter((s) => s.room === room);
    const boundary = lastBoundary(inRoom.map(timesOf), now);
    if (boundary !== null) repos.sessions.settle(eventId, room, new Date(boundary).toISOString());
  }

  function ensureTagFree(eventId: number, tag: string, sessionId: number | null): void {
    const holder = repos.sessions.findByTag(eventId, tag);
    if (holder && holder.id !== sessionId)
      throw conflict('session_tag_taken', `#${tag} is already the tag of "${holder.title}"`);
  }

  return {
    get,
    speakerKeyOf,
    speakerLinkOf,
    speakerAccessOf,
    /** What a moderator hands a session's speaker: its key and link. */
    speakerAccess(principal: Principal, sessionId: number): SpeakerLink {
      const row = get(sessionId);
      requireModerator(principal, row.event_id);
      return speakerAccessOf(row);
    },
    list: (eventId: number): Session[] => repos.sessions.listByEvent(eventId).map(presentSession),

    /** A moderator of the event adds a session; live: true makes it its room's live session. */
    create(actor: Principal, eventId: number, body: CreateSessionBody): SessionRow {
      eventForModerator(repos.events, actor, eventId);
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
        const withKey = repos.sessions.update(created.id, {
          speaker_key_hash: hashToken(speakerKeyOf(created)),
        })!;
        repos.log.append({
          eventId,
          actor: actorName(actor),
          action: 'create_session',
          itemType: 'session',
          itemId: created.id,
        });
        if (!body.live) return [withKey];
        settleByHand(eventId, withKey.room, Date.now());
        return makeLive(withKey);
      })();
      for (const row of changed) broadcast.sessionUpdated(presentSession(row));
      return changed[changed.length - 1]!;
    },

    update(actor: Principal, sessionId: number, body: UpdateSessionBody): Session {
      const before = get(sessionId);
      requireModerator(actor, before.event_id);
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
        const collides =
          movesRoom &&
          before.live === 1 &&
          repos.sessions.findLiveInRoom(before.event_id, body.room!) !== null;
        if (body.live !== undefined || collides) patch.live = 0;
        const row = repos.sessions.update(sessionId, patch)!;
        const rows = body.live === true ? makeLive(row) : [row];
        if (body.live !== undefined) settleByHand(row.event_id, row.room, Date.now());
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

    /** Deletes a session with its questions; the speaker link stops working with it. */
    remove(actor: Principal, sessionId: number): void {
      const row = get(sessionId);
      requireModerator(actor, row.event_id);
      db.transaction(() => {
        questions.removeSession(sessionId);
        repos.sessions.delete(sessionId);
        repos.log.append({
          eventId: row.event_id,
          actor: actorName(actor),
          action: 'delete_session',
          itemType: 'session',
          itemId: sessionId,
          detail: { before: presentSession(row) },
        });
      })();
      broadcast.sessionRemoved(row.event_id, sessionId);
    },

    /**
     * One scheduler tick: in every room whose latest start or end has passed since it was last
     * settled, the session the clock says is live becomes live (or none, between talks). Rooms
     * whose boundary a moderator settled by hand keep their choice. Returns the sessions changed.
     */
    applySchedule(now: number): Session[] {
      const changedAll: SessionRow[] = [];
      for (const eventId of repos.sessions.eventsWithSchedule()) {
        const rooms = new Map<string, SessionRow[]>();
        for (const row of repos.sessions.listByEvent(eventId)) {
          const list = rooms.get(row.room) ?? [];
          list.push(row);
          rooms.set(row.room, list);
        }
        for (const [room, rows] of rooms) {
          const boundary = lastBoundary(rows.map(timesOf), now);
          if (boundary === null) continue;
          const settled = repos.sessions.settledAt(eventId, room);
          if (settled !== null && Date.parse(settled) >= boundary) continue;
          const due = scheduledSession(rows.map(timesOf), now);
          const current = rows.find((r) => r.live === 1) ?? null;
          const changed = db.transaction(() => {
            repos.sessions.settle(eventId, room, new Date(boundary).toISOString());
            if (due && current?.id === due.id) return [];
            if (!due) return current ? [repos.sessions.update(current.id, { live: 0 })!] : [];
            const made = makeLive(rows.find((r) => r.id === due.id)!);
            repos.log.append({
              eventId,
              actor: 'system',
              action: 'schedule_live',
              itemType: 'session',
              itemId: due.id,
              detail: { room },
            });
            return made;
          })();
          changedAll.push(...changed);
        }
      }
      for (const row of changedAll) broadcast.sessionUpdated(presentSession(row));
      return changedAll.map(presentSession);
    },
  };
}

export type SessionsService = ReturnType<typeof createSessionsService>;
