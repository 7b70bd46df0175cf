import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/limits.ts';
import { updateEvent } from '../lib/api.ts';
import type { EventChannel } from '../lib/channel.ts';
import { describeError } from '../lib/errors.ts';
import type { Event, ModerationMode } from '../lib/types.ts';
import { BrandingForm } from './BrandingForm.tsx';
import { WordsForm } from './WordsForm.tsx';

interface Draft {
  name: string;
  hashtags: string;
  questionTag: string;
  postModeration: ModerationMode;
  questionModeration: ModerationMode;
  allowAnonymous: boolean;
}

function fromEvent(event: Event): Draft {
  return {
    name: event.name,
    hashtags: event.hashtags.map((t) => `#${t}`).join(' '),
    questionTag: `#${event.questionTag.replace(/^#/, '')}`,
    postModeration: event.settings.postModeration,
    questionModeration: event.settings.questionModeration,
    allowAnonymous: event.settings.allowAnonymous,
  };
}

function parseTags(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((t) => t.replace(/^#+/, ''))
    .filter(Boolean);
}

export function SettingsPanel({ channel, token }: { channel: EventChannel; token: string }) {
  const event = channel.event;
  // null while untouched, so changes made elsewhere (another moderator) show up at once.
  const [draft, setDraft] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  if (!event) return null;
  const values = draft ?? fromEvent(event);

  function change<K extends keyof Draft>(key: K, value: Draft[K]) {
    setDraft({ ...values, [key]: value });
    setSaved(false);
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!event || !draft) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await updateEvent(event.id, token, {
        name: draft.name.trim(),
        hashtags: parseTags(draft.hashtags),
        questionTag: draft.questionTag.replace(/^#+/, '').trim(),
        settings: {
          postModeration: draft.postModeration,
          questionModeration: draft.questionModeration,
          allowAnonymous: draft.allowAnonymous,
        },
      });
      channel.dispatch({ type: 'event', event: updated });
      setDraft(null);
      setSaved(true);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="settings-panel">
      <form className="stack" onSubmit={save} data-testid="settings-form" aria-label="Event settings">
        <label className="field">
          <span>Event name</span>
          <input value={values.name} maxLength={LIMITS.eventName.max} onChange={(e) => change('name', e.target.value)} data-testid="event-name" required />
        </label>
        <div className="field-row">
          <label className="field">
            <span>Hashtags (up to {LIMITS.hashtagsPerEvent})</span>
            <input value={values.hashtags} onChange={(e) => change('hashtags', e.target.value)} data-testid="event-hashtags" placeholder="#devconf #devconf25" />
          </label>
          <label className="field">
            <span>Question tag</span>
            <input value={values.questionTag} onChange={(e) => change('questionTag', e.target.value)} data-testid="event-question-tag" />
          </label>
        </div>
        <div className="field-row">
          <label className="field">
            <span>Posts</span>
            <select value={values.postModeration} onChange={(e) => change('postModeration', e.target.value as ModerationMode)} data-testid="post-moderation">
              <option value="pre">Pre-moderated</option>
              <option value="post">Post-moderated</option>
            </select>
          </label>
          <label className="field">
            <span>Questions</span>
            <select value={values.questionModeration} onChange={(e) => change('questionModeration', e.target.value as ModerationMode)} data-testid="question-moderation">
              <option value="pre">Pre-moderated</option>
              <option value="post">Post-moderated</option>
            </select>
          </label>
        </div>
        <label className="check">
          <input type="checkbox" checked={values.allowAnonymous} onChange={(e) => change('allowAnonymous', e.target.checked)} data-testid="allow-anonymous" />
          Allow anonymous questions
        </label>
        <p className="hint">
          Pre-moderated items wait for approval; post-moderated ones are public at once and can be taken down. Flagged items
          (profanity, blocked authors, link floods) are held for review in either mode.
        </p>
        <div className="compose-row">
          <button type="button" disabled={!draft || busy} onClick={() => setDraft(null)}>
            Discard changes
          </button>
          <button type="submit" className="primary" disabled={!draft || busy} data-testid="settings-save">
            {busy ? 'Saving…' : 'Save settings'}
          </button>
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        {saved && (
          <p className="notice" role="status">
            Saved.
          </p>
        )}
      </form>
      <BrandingForm channel={channel} token={token} />
      <WordsForm eventId={event.id} token={token} />
    </div>
  );
}
