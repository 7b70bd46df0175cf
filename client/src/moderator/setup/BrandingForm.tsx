import type { FormEvent } from 'react';
import { SaveStatus } from '../../lib/SaveStatus.tsx';
import { useEventDraft } from './useEventDraft.ts';
import type { Branding } from '../../lib/moderation-api.ts';
import { textOn } from '../../lib/brand.ts';
import { LogoUpload } from './LogoUpload.tsx';

const HEX = /^#[0-9a-fA-F]{6}$/;

/**
 * The event's accent colour, logo and screen theme; the screens, the attendee app and the speaker
 * view restyle as soon as it is saved.
 */
export function BrandingForm() {
  const form = useEventDraft((event): Branding => event.branding);
  const { values, draft, busy, change } = form;
  const colourOk = HEX.test(values.accentColor);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!colourOk) return;
    await form.save((draft) => {
      const logoUrl = draft.logoUrl?.trim() ? draft.logoUrl.trim() : null;
      return { branding: { accentColor: draft.accentColor, theme: draft.theme, logoUrl } };
    });
  }

  return (
    <form
      className="stack branding-form"
      onSubmit={save}
      aria-labelledby="branding-title"
      data-testid="branding-form"
    >
      <h3 id="branding-title" className="section-title">
        Branding
      </h3>
      <LogoUpload />
      <div className="field-row">
        <label className="field">
          <span>Accent colour</span>
          <span className="colour-field">
            <input
              type="color"
              value={colourOk ? values.accentColor : '#000000'}
              onChange={(e) => change({ accentColor: e.target.value })}
              aria-label="Pick the accent colour"
            />
            <input
              value={values.accentColor}
              onChange={(e) => change({ accentColor: e.target.value.trim() })}
              data-testid="brand-accent"
              aria-invalid={!colourOk || undefined}
              maxLength={7}
            />
          </span>
        </label>
        <label className="field">
          <span>Theme</span>
          <select
            value={values.theme}
            onChange={(e) => change({ theme: e.target.value as Branding['theme'] })}
            data-testid="brand-theme"
          >
            <option value="dark">Dark (best in a dim hall)</option>
            <option value="light">Light</option>
          </select>
        </label>
      </div>
      <label className="field">
        <span>Logo URL (https, optional)</span>
        <input
          type="url"
          value={values.logoUrl ?? ''}
          placeholder="https://…/logo.svg"
          onChange={(e) => change({ logoUrl: e.target.value })}
          data-testid="brand-logo"
        />
      </label>
      <div className="compose-row">
        <span
          className="brand-preview"
          data-theme={values.theme}
          style={
            colourOk
              ? { background: values.accentColor, color: textOn(values.accentColor) }
              : undefined
          }
        >
          {colourOk ? 'Accent preview' : 'A colour like #3355ff'}
        </span>
        <button type="button" disabled={!draft || busy} onClick={form.discard}>
          Discard
        </button>
        <button
          type="submit"
          className="primary"
          disabled={!draft || busy || !colourOk}
          data-testid="brand-save"
        >
          {busy ? 'Saving…' : 'Save branding'}
        </button>
      </div>
      <SaveStatus
        error={form.error}
        saved={form.saved}
        savedText="Saved. Screens restyle at once."
      />
    </form>
  );
}
