/**
 * Stable error ids. Clients branch on these, never on messages; a message may change, an id
 * may not.
 */
export const ERROR_IDS = [
  'validation_failed',
  'body_too_large',
  'unauthorized',
  'forbidden',
  'not_found',
  'event_not_found',
  'session_not_found',
  'post_not_found',
  'question_not_found',
  'answer_not_found',
  'answers_full',
  'archive_not_found',
  'join_code_taken',
  'room_already_live',
  'session_tag_taken',
  'questions_closed',
  'anonymous_not_allowed',
  'author_blocked',
  'invalid_transition',
  'question_merged',
  'invalid_merge',
  'already_moderated',
  'rate_limit_exceeded',
  'too_many_questions',
  'too_many_screens',
  'slow_consumer',
  'busy',
  'join_code_required',
  'challenge_failed',
  'name_reserved',
  'link_invalid',
  'not_listed',
  'unsupported_media_type',
  'logo_not_found',
  'logo_too_large',
  'logo_type_unsupported',
  'instance_not_https',
  'instance_private_address',
  'mentions_need_token',
  'internal_error',
] as const;

export type ErrorId = (typeof ERROR_IDS)[number];

export interface ApiErrorBody {
  error: {
    id: ErrorId;
    message: string;
    /** Field-level problems for validation_failed: path -> message. */
    fields?: Record<string, string>;
  };
}
