import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIMITS } from '../../shared/limits.ts';
import type { Event } from '../../shared/schemas/events.ts';
import type { DomainDeps } from '../context.ts';
import { actorName, type Principal } from '../auth/principal.ts';
import { forbidden, unauthorized, AppError, notFound } from '../lib/errors.ts';
import { presentEvent, type EventRow } from './repository.ts';

export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml'];

const startsWith = (bytes: Buffer, signature: number[], at = 0) =>
  signature.every((byte, i) => bytes[at + i] === byte);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * An SVG document: optional BOM, XML declaration, comments and doctype, then an <svg> root.
 * Read from the bytes, never from the Content-Type the client claims.
 */
const SVG_START =
  /^\uFEFF?\s*(?:<\?xml[^>]{0,200}\?>\s*)?(?:(?:<!--[\s\S]{0,2000}?-->|<!DOCTYPE[^>]{0,500}>)\s*)*<svg[\s>]/i;

/** The image type the bytes are, by their magic numbers; null for anything else. */
export function sniffLogoType(bytes: Buffer): string | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  const head = bytes.subarray(0, 4096).toString('utf8');
  if (SVG_START.test(head)) return 'image/svg+xml';
  return null;
}

/** Where an uploaded logo lives: DATA_DIR/logos/<eventId>, its type in the event's row. */
export function logoFiles(dataDir: string) {
  const dir = join(dataDir, 'logos');
  const fileOf = (eventId: number) => join(dir, String(eventId));
  return {
    write(eventId: number, bytes: Buffer): void {
      mkdirSync(dir, { recursive: true });
      // Written aside and renamed, so a reader never gets half a file.
      const temp = `${fileOf(eventId)}.${process.pid}.tmp`;
      writeFileSync(temp, bytes);
      renameSync(temp, fileOf(eventId));
    },
    read: (eventId: number): Buffer | null => {
      try {
        return readFileSync(fileOf(eventId));
      } catch {
        return null;
      }
    },
    remove: (eventId: number): void => rmSync(fileOf(eventId), { force: true }),
  };
}

/** Only the event's moderators and the organiser brand an event. */
export function requireBrander(principal: Principal, eventId: number | null): void {
  if (principal.kind === 'admin') return;
  if (principal.kind === 'moderator' && (eventId === null || principal.eventId === eventId)) return;
  throw principal.kind === 'anonymous' ? unauthorized() : forbidden();
}

export function createLogoService({ config, repos, broadcast }: DomainDeps) {
  const files = logoFiles(config.dataDir);

  function eventRow(eventId: number): EventRow {
    const row = repos.events.findById(eventId);
    if (!row) throw notFound('event_not_found', `No event with id ${eventId}`);
    return row;
  }

  function changed(principal: Principal, row: EventRow, action: string, type: string | null) {
    repos.log.append({
      eventId: row.id,
      actor: actorName(principal),
      action,
      itemType: 'event',
      itemId: row.id,
      detail: { type },
    });
    const event = presentEvent(row);
    broadcast.eventUpdated(event);
    return event;
  }

  return {
    /** Stores an uploaded logo (its type read from its bytes) and restyles every screen. */
    upload(principal: Principal, eventId: number, bytes: Buffer): Event {
      requireBrander(principal, eventId);
      const before = eventRow(eventId);
      if (bytes.length > LIMITS.logoBytes)
        throw new AppError(
          413,
          'logo_too_large',
          `A logo may have at most ${LIMITS.logoBytes} bytes`,
        );
      const type = sniffLogoType(bytes);
      if (!type)
        throw new AppError(
          415,
          'logo_type_unsupported',
          'Upload a PNG, JPEG, GIF, WebP or SVG image',
        );
      files.write(eventId, bytes);
      const row = repos.events.update(eventId, {
        logo_type: type,
        logo_version: before.logo_version + 1,
      })!;
      return changed(principal, row, 'upload_logo', type);
    },

    /**
     * Before an upload's body is read: a caller who may brand no event is refused unread (the
     * event is checked again with the bytes, once its id is validated).
     */
    admitUpload(principal: Principal): void {
      requireBrander(principal, null);
    },

    /** Takes the uploaded logo away (a logo URL, if set, shows again). */
    remove(principal: Principal, eventId: number): Event {
      requireBrander(principal, eventId);
      const before = eventRow(eventId);
      if (!before.logo_type) return presentEvent(before);
      files.remove(eventId);
      const row = repos.events.update(eventId, {
        logo_type: null,
        logo_version: before.logo_version + 1,
      })!;
      return changed(principal, row, 'remove_logo', null);
    },

    /** The logo's bytes and type, and whether `version` names the current one. */
    read(eventId: number, version: number | undefined) {
      const row = eventRow(eventId);
      const bytes = row.logo_type ? files.read(eventId) : null;
      if (!row.logo_type || !bytes) throw notFound('logo_not_found', 'This event has no logo');
      return { type: row.logo_type, bytes, current: version === row.logo_version };
    },

    /** With the event: its logo file goes too. */
    forget: (eventId: number) => files.remove(eventId),
  };
}

export type LogoService = ReturnType<typeof createLogoService>;
