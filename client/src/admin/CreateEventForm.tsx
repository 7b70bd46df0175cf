import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/limits.ts';
import { toAppError, type AppError } from '../lib/errors.ts';
import type { CreateEventBody, EventAccess, ModerationMode } from '../lib/types.ts';
import { BROWSER_TIME_ZONE, TimeZoneField } from '../lib/TimeZoneField.tsx';
import { createEvent } from './admin-api.ts';
import { ModeChoice } from './ModeChoice.tsx';
import { useMutation } from '../lib/useMutation.ts';

interface Draft {
  name: string;
  code: string;
  hashtags: string;
  questionTag: string;
  postModeration: ModerationMode;
  questionModeration: ModerationMode;
  allowAnonymous: boolean;
  timeZone: string;
}

type Field = keyof Draft;

const EMPTY: Draft = {
  name: '',
  code: '',
  hashtags: '',
  questionTag: '',
  postModeration: 'pre',
  questionModeration: 'post',
  allowAnonymous: true,
  timeZone: BROWSER_TIME_ZONE,
};

function parseTags(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((tag) => tag.replace(/^#+/, ''))
    .filter(Boolean);
}

function bodyOf(draft: Draft): CreateEventBody {
  const code = draft.code.trim();
  const questionTag = draft.questionTag.trim().replace(/^#+/, '');
  return {
    name: draft.name,
    ...(code && { code }),
    hashtags: parseTags(draft.hashtags),
    ...(questionTag && { questionTag }),
    ...(draft.timeZone.trim() && { timeZone: draft.timeZone.trim() }),
    settings: {
      postModeration: draft.postModeration,
      questionModeration: draft.questionModeration,
      allowAnonymous: draft.allowAnonymous,
    },
  };
}

/**
 * The server's 400 names fields by path (`body.hashtags.1`, `body.settings.postModeration`);
 * each goes under its own input. A taken join code (409) belongs to the code field too.
 */
function fieldErrors(
  error: AppError,
  sent: CreateEventBody,
): { fields: Partial<Record<Field, string>>; rest: string | null } {
  if (error.id === 'join_code_taken')
    return { fields: { code: error.message }, rest: 'Fix the fields marked above.' };
  const fields: Partial<Record<Field, string>> = {};
  const unplaced: string[] = [];
  for (const [path, message] of Object.entries(error.fields ?? {})) {
    const parts = path.replace(/^body\.?/, '').split('.');
    const key = (parts[0] === 'settings' ? parts[1] : parts[0]) as Field | undefined;
    if (!key || !(key in EMPTY)) {
      unplaced.push(message);
      continue;
    }
    const tag =
      key === 'hashtags' && parts[1] !== undefined ? sent.hashtags?.[Number(parts[1])] : undefined;
    // Server messages start in lower case ("letters, digits and - only"); under a field they are a sentence.
    const sentence = message.charAt(0).toUpperCase() + message.slice(1);
    fields[key] ??= tag === undefined ? sentence : `#${tag}: ${sentence}`;
  }
  const placed = Object.keys(fields).length > 0;
  if (unplaced.length > 0) return { fields, rest: unplaced.join('; ') };
  return { fields, rest: placed ? 'Fix the fields marked above.' : error.message };
}

export function CreateEventForm({
  token,
  onCreated,
  onRefused,
}: {
  token: string;
  onCreated: (access: EventAccess) => void;
  onRefused: (error: AppError) => void;
}) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const { busy, run } = useMutation();

  function change<K extends Field>(key: K, value: Draft[K]) {
    setDraft((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined }));
    setCreated(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft.name.trim()) {
      setErrors({ name: 'Give the event a name.' });
      return;
    }
    const body = bodyOf(draft);
    setProblem(null);
    const access = await run(
      () => createEvent(token, body),
      (failure) => {
        const error = toAppError(failure);
        if (error.status === 401 || error.status === 403) return onRefused(error);
        const { fields, rest } = fieldErrors(error, body);
        setErrors(fields);
        setProblem(rest);
      },
    );
    if (!access) return;
    setDraft(EMPTY);
    setErrors({});
    setCreated(access.event.name);
    onCreated(access);
  }

  const describedBy = (field: Field, hint?: string) =>
    [errors[field] ? `new-${field}-error` : null, hint].filter(Boolean).join(' ') || undefined;
  const fieldError = (field: Field) =>
    errors[field] && (
      <p id={`new-${field}-error`} className="field-error" data-testid={`new-${field}-error`}>
        {errors[field]}
      </p>
    );

  return (
    <form
      className="admin-create stack"
      onSubmit={submit}
      noValidate
      aria-labelledby="new-event-title"
      data-testid="create-event-form"
    >
      <h2 id="new-event-title">New event</h2>
      <label className="field">
        <span>Name</span>
        <input
          id="new-event-name"
          value={draft.name}
          maxLength={LIMITS.eventName.max}
          onChange={(e) => change('name', e.target.value)}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describedBy('name')}
          aria-required="true"
          placeholder="e.g. DevConf 2026"
          data-testid="new-name"
        />
      </label>
      {fieldError('name')}
      <label className="field">
        <span>Join code (optional)</span>
        <input
          value={draft.code}
          maxLength={LIMITS.joinCode.max + 4}
          onChange={(e) => change('code', e.target.value)}
          aria-invalid={errors.code ? true : undefined}
          aria-describedby={describedBy('code', 'new-code-hint')}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          placeholder="made up when empty"
          data-testid="new-code"
        />
      </label>
      {fieldError('code')}
      <p id="new-code-hint" className="hint">
        {LIMITS.joinCode.min} to {LIMITS.joinCode.max} letters, digits or dashes; attendees type it
        on their phones.
      </p>
      <label className="field">
        <span>Hashtags (up to {LIMITS.hashtagsPerEvent})</span>
        <input
          value={draft.hashtags}
          onChange={(e) => change('hashtags', e.target.value)}
          aria-invalid={errors.hashtags ? true : undefined}
          aria-describedby={describedBy('hashtags')}
          autoCapitalize="off"
          spellCheck={false}
          placeholder="#devconf #devconf26"
          data-testid="new-hashtags"
        />
      </label>
      {fieldError('hashtags')}
      <label className="field">
        <span>Question tag</span>
        <input
          value={draft.questionTag}
          onChange={(e) => change('questionTag', e.target.value)}
          aria-invalid={errors.questionTag ? true : undefined}
          aria-describedby={describedBy('questionTag', 'new-question-tag-hint')}
          autoCapitalize="off"
          spellCheck={false}
          placeholder="#ask"
          data-testid="new-question-tag"
        />
      </label>
      {fieldError('questionTag')}
      <p id="new-question-tag-hint" className="hint">
        A post with this tag becomes a question for the live talk. Empty: #ask.
      </p>
      <TimeZoneField
        value={draft.timeZone}
        onChange={(zone) => change('timeZone', zone)}
        testId="new-time-zone"
      />
      {fieldError('timeZone')}
      <ModeChoice
        legend="Posts on the wall"
        name="postModeration"
        testId="new-post-moderation"
        value={draft.postModeration}
        onChange={(mode) => change('postModeration', mode)}
      />
      {fieldError('postModeration')}
      <ModeChoice
        legend="Questions"
        name="questionModeration"
        testId="new-question-moderation"
        value={draft.questionModeration}
        onChange={(mode) => change('questionModeration', mode)}
      />
      {fieldError('questionModeration')}
      <p className="hint">
        Moderators can take down what is shown at once. Flagged items (profanity, blocked authors,
        link floods) are held in either mode.
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.allowAnonymous}
          onChange={(e) => change('allowAnonymous', e.target.checked)}
          data-testid="new-allow-anonymous"
        />
        Allow anonymous questions
      </label>
      {fieldError('allowAnonymous')}
      {problem && (
        <p className="banner error" role="alert" data-testid="create-problem">
          {problem}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy} data-testid="create-event">
        {busy ? 'Creating…' : 'Create event'}
      </button>
      <p className="notice" role="status" data-testid="create-notice">
        {created ? `Created “${created}”: its links are first in the list.` : ''}
      </p>
    </form>
  );
}
