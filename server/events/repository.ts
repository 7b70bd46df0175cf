import type { Db } from '../db/database.ts';
import type { ArchiveMode } from '../../shared/archive.ts';
import type { Event } from '../../shared/schemas/events.ts';
import { parseJsonArray } from '../lib/json.ts';
import { createPatcher } from '../lib/sql.ts';

export interface EventRow {
  id: number;
  code: string;
  name: string;
  hashtags: string;
  question_tag: string;
  post_moderation: 'pre' | 'post';
  question_moderation: 'pre' | 'post';
  allow_anonymous: number;
  accent_color: string;
  logo_url: string | null;
  theme: 'dark' | 'light';
  /** No longer read: each kind of key has its own version since migration 008. */
  key_version: number;
  moderator_key_version: number;
  speaker_key_version: number;
  api_key_version: number;
  moderator_key_hash: string;
  speaker_key_hash: string;
  api_key_hash: string;
  blocked_words: string;
  time_zone: string;
  logo_type: string | null;
  logo_version: number;
  /** shared/similarity.ts: how alike two questions must be to be offered as duplicates. */
  duplicate_threshold: number;
  archive: ArchiveMode;
  created_at: string;
}

export type EventInsert = Omit<
  EventRow,
  | 'id'
  | 'blocked_words'
  | 'moderator_key_version'
  | 'speaker_key_version'
  | 'api_key_version'
  | 'time_zone'
  | 'logo_type'
  | 'logo_version'
  | 'duplicate_threshold'
  | 'archive'
> &
  Partial<Pick<EventRow, 'time_zone'>>;
export type EventPatch = Partial<Omit<EventRow, 'id' | 'created_at'>>;

const PATCHABLE = [
  'code',
  'name',
  'hashtags',
  'question_tag',
  'post_moderation',
  'question_moderation',
  'allow_anonymous',
  'accent_color',
  'logo_url',
  'theme',
  'moderator_key_version',
  'speaker_key_version',
  'api_key_version',
  'moderator_key_hash',
  'speaker_key_hash',
  'api_key_hash',
  'blocked_words',
  'time_zone',
  'logo_type',
  'logo_version',
  'duplicate_threshold',
  'archive',
] as const;

export function presentEvent(row: EventRow): Event {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    hashtags: parseJsonArray(row.hashtags),
    questionTag: row.question_tag,
    settings: {
      postModeration: row.post_moderation,
      questionModeration: row.question_moderation,
      allowAnonymous: row.allow_anonymous === 1,
      duplicateThreshold: row.duplicate_threshold,
      archive: row.archive,
    },
    branding: {
      accentColor: row.accent_color,
      logoUrl: row.logo_url,
      theme: row.theme,
      uploadedLogoUrl: row.logo_type ? `/api/events/${row.id}/logo?v=${row.logo_version}` : null,
    },
    timeZone: row.time_zone,
    createdAt: row.created_at,
  };
}

export function createEventsRepository(db: Db) {
  const byId = db.prepare<[number], EventRow>('SELECT * FROM events WHERE id = ?');
  const byCode = db.prepare<[string], EventRow>('SELECT * FROM events WHERE code = ?');
  const all = db.prepare<[], EventRow>('SELECT * FROM events ORDER BY id');
  const insert = db.prepare<EventInsert>(`INSERT INTO events (
      code, name, hashtags, question_tag, post_moderation, question_moderation, allow_anonymous,
      accent_color, logo_url, theme, key_version, moderator_key_hash, speaker_key_hash,
      api_key_hash, time_zone, created_at
    ) VALUES (
      @code, @name, @hashtags, @question_tag, @post_moderation, @question_moderation,
      @allow_anonymous, @accent_color, @logo_url, @theme, @key_version, @moderator_key_hash,
      @speaker_key_hash, @api_key_hash, @time_zone, @created_at
    )`);
  const byKeyHash = {
    moderator: db.prepare<[string], EventRow>('SELECT * FROM events WHERE moderator_key_hash = ?'),
    speaker: db.prepare<[string], EventRow>('SELECT * FROM events WHERE speaker_key_hash = ?'),
    apiKey: db.prepare<[string], EventRow>('SELECT * FROM events WHERE api_key_hash = ?'),
  };
  const patch = createPatcher<EventRow>(db, 'events', PATCHABLE);
  // Sessions, posts, questions, votes, attendees, the log and every per-event table cascade.
  const remove = db.prepare<[number]>('DELETE FROM events WHERE id = ?');

  return {
    findById: (id: number): EventRow | null => byId.get(id) ?? null,
    findByCode: (code: string): EventRow | null => byCode.get(code.toUpperCase()) ?? null,
    findByKeyHash: (kind: keyof typeof byKeyHash, hash: string): EventRow | null =>
      byKeyHash[kind].get(hash) ?? null,
    list: (): EventRow[] => all.all(),
    create(row: EventInsert): EventRow {
      const id = Number(insert.run({ time_zone: 'UTC', ...row }).lastInsertRowid);
      return byId.get(id)!;
    },
    delete: (id: number): boolean => remove.run(id).changes > 0,
    update(id: number, changes: EventPatch): EventRow | null {
      patch(id, changes);
      return byId.get(id) ?? null;
    },
  };
}

export type EventsRepository = ReturnType<typeof createEventsRepository>;
