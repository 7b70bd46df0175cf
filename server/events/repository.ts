import type { Db } from '../db/database.ts';
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
  key_version: number;
  moderator_key_hash: string;
  speaker_key_hash: string;
  api_key_hash: string;
  blocked_words: string;
  created_at: string;
}

export type EventInsert = Omit<EventRow, 'id' | 'blocked_words'>;
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
  'key_version',
  'moderator_key_hash',
  'speaker_key_hash',
  'api_key_hash',
  'blocked_words',
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
    },
    branding: { accentColor: row.accent_color, logoUrl: row.logo_url, theme: row.theme },
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
      api_key_hash, created_at
    ) VALUES (
      @code, @name, @hashtags, @question_tag, @post_moderation, @question_moderation,
      @allow_anonymous, @accent_color, @logo_url, @theme, @key_version, @moderator_key_hash,
      @speaker_key_hash, @api_key_hash, @created_at
    )`);
  const byKeyHash = {
    moderator: db.prepare<[string], EventRow>('SELECT * FROM events WHERE moderator_key_hash = ?'),
    speaker: db.prepare<[string], EventRow>('SELECT * FROM events WHERE speaker_key_hash = ?'),
    apiKey: db.prepare<[string], EventRow>('SELECT * FROM events WHERE api_key_hash = ?'),
  };
  const patch = createPatcher<EventRow>(db, 'events', PATCHABLE);

  return {
    findById: (id: number): EventRow | null => byId.get(id) ?? null,
    findByCode: (code: string): EventRow | null => byCode.get(code.toUpperCase()) ?? null,
    findByKeyHash: (kind: keyof typeof byKeyHash, hash: string): EventRow | null =>
      byKeyHash[kind].get(hash) ?? null,
    list: (): EventRow[] => all.all(),
    create(row: EventInsert): EventRow {
      const id = Number(insert.run(row).lastInsertRowid);
      return byId.get(id)!;
    },
    update(id: number, changes: EventPatch): EventRow | null {
      patch(id, changes);
      return byId.get(id) ?? null;
    },
  };
}

export type EventsRepository = ReturnType<typeof createEventsRepository>;
