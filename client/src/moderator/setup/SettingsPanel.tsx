import type { FormEvent } from 'react';
import { SaveStatus } from '../../lib/SaveStatus.tsx';
import { useEventDraft } from './useEventDraft.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import {
  DEFAULT_DUPLICATE_THRESHOLD,
  DUPLICATE_THRESHOLD_RANGE,
} from '../../../../shared/similarity.ts';
import { useConsole } from '../common/console-context.tsx';
import type { ArchiveMode } from '../../../../shared/archive.ts';
import type { Event, ModerationMode } from '../../lib/types.ts';
import { TimeZoneField } from '../../lib/TimeZoneField.tsx';
import { BrandingForm } from './BrandingForm.tsx';
import { WordsForm } from './WordsForm.tsx';

interface Draft {
  name: string;
  hashtags: string;
  questionTag: string;
  postModeration: ModerationMode;
  questionModeration: ModerationMode;
  allowAnonymous: boolean;
  duplicateThreshold: number;
  archive: ArchiveMode;
  timeZone: string;
}

function fromEvent(event: Event): Draft {
  return {
    name: event.name,
    hashtags: event.hashtags.map((t) => `#${t}`).join(' '),
    questionTag: `#${event.questionTag.replace(/^#/, '')}`,
    postModeration: event.settings.postModeration,
    questionModeration: event.settings.questionModeration,
    allowAnonymous: event.settings.allowAnonymous,
    duplicateThreshold: event.settings.duplicateThreshold,
    archive: event.settings.archive,
    timeZone: event.timeZone,
  };
}

function parseTags(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((t) => t.replace(/^#+/, ''))
    .filter(Boolean);
}

export function SettingsPanel() {
  const { event } = useConsole();
  const form = useEventDraft(fromEvent);
  const { values, draft, busy } = form;
  const change = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    form.change({ [key]: value } as Pick<Draft, K>);

  async function save(e: FormEvent) {
    e.preventDefault();
    await form.save((draft) => ({
      name: draft.name.trim(),
      hashtags: parseTags(draft.hashtags),
      questionTag: draft.questionTag.replace(/^#+/, '').trim(),
      settings: {
        postModeration: draft.postModeration,
        questionModeration: draft.questionModeration,
        allowAnonymous: draft.allowAnonymous,
        duplicateThreshold: draft.duplicateThreshold,
        archive: draft.archive,
      },
      timeZone: draft.timeZone.trim(),
    }));
  }

  return (
    <div className="settings-panel">
      <form
        className="stack"
        onSubmit={save}
        data-testid="settings-form"
        aria-label="Event settings"
      >
        <label className="field">
          <span>Event name</span>
          <input
            value={values.name}
            maxLength={LIMITS.eventName.max}
            onChange={(e) => change('name', e.target.value)}
            data-testid="event-name"
            required
          />
        </label>
        <TimeZoneField
          value={values.timeZone}
          onChange={(zone) => change('timeZone', zone)}
          testId="event-time-zone"
        />
        <div className="field-row">
          <label className="field">
            <span>Hashtags (up to {LIMITS.hashtagsPerEvent})</span>
            <input
              value={values.hashtags}
              onChange={(e) => change('hashtags', e.target.value)}
              data-testid="event-hashtags"
              placeholder="#devconf #devconf25"
            />
          </label>
          <label className="field">
            <span>Question tag</span>
            <input
              value={values.questionTag}
              onChange={(e) => change('questionTag', e.target.value)}
              data-testid="event-question-tag"
            />
          </label>
        </div>
        <div className="field-row">
          <label className="field">
            <span>Posts</span>
            <select
              value={values.postModeration}
              onChange={(e) => change('postModeration', e.target.value as ModerationMode)}
              data-testid="post-moderation"
            >
              <option value="pre">Pre-moderated</option>
              <option value="post">Post-moderated</option>
            </select>
          </label>
          <label className="field">
            <span>Questions</span>
            <select
              value={values.questionModeration}
              onChange={(e) => change('questionModeration', e.target.value as ModerationMode)}
              data-testid="question-moderation"
            >
              <option value="pre">Pre-moderated</option>
              <option value="post">Post-moderated</option>
            </select>
          </label>
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={values.allowAnonymous}
            onChange={(e) => change('allowAnonymous', e.target.checked)}
            data-testid="allow-anonymous"
          />
          Allow anonymous questions
        </label>
        <label className="field">
          <span>
            Similar questions offered from a likeness of {values.duplicateThreshold.toFixed(2)}
          </span>
          <input
            type="range"
            min={DUPLICATE_THRESHOLD_RANGE.min}
            max={DUPLICATE_THRESHOLD_RANGE.max}
            step={0.05}
            value={values.duplicateThreshold}
            onChange={(e) => change('duplicateThreshold', Number(e.target.value))}
            data-testid="duplicate-threshold"
            aria-describedby="duplicate-hint"
          />
        </label>
        <p className="hint" id="duplicate-hint">
          While an attendee types, questions of the session at least this alike are offered to
          upvote instead. Lower offers more (and more that ask something else); the default is{' '}
          {DEFAULT_DUPLICATE_THRESHOLD}.
        </p>
        <label className="field">
          <span>Public archive</span>
          <select
            value={values.archive}
            onChange={(e) => change('archive', e.target.value as ArchiveMode)}
            data-testid="archive-mode"
            aria-describedby="archive-hint"
          >
            <option value="off">No archive</option>
            <option value="now">Published now</option>
            <option value="after_end">Published when the last session ends</option>
          </select>
        </label>
        <p className="hint" id="archive-hint">
          The archive shows approved posts, public questions and their answers at{' '}
          <a href={`/e/${encodeURIComponent(event.code)}/archive/`} data-testid="archive-link">
            /e/{event.code}/archive
          </a>
          . Attendees are named only if they choose to be; withdraw any item from its card.
        </p>
        <p className="hint">
          Pre-moderated items wait for approval; post-moderated ones are public at once and can be
          taken down. Flagged items (profanity, blocked authors, link floods) are held for review in
          either mode.
        </p>
        <div className="compose-row">
          <button type="button" disabled={!draft || busy} onClick={form.discard}>
            Discard changes
          </button>
          <button
            type="submit"
            className="primary"
            disabled={!draft || busy}
            data-testid="settings-save"
          >
            {busy ? 'Saving…' : 'Save settings'}
          </button>
        </div>
        <SaveStatus error={form.error} saved={form.saved} />
      </form>
      <BrandingForm />
      <WordsForm />
    </div>
  );
}
