import { useState, type FormEvent } from 'react';
import { updateEvent } from '../lib/api.ts';
import type { EventChannel } from '../lib/channel.ts';
import { describeError } from '../lib/errors.ts';
import type { Branding } from '../lib/moderation-api.ts';
import { textOn } from '../lib/theme.ts';

const HEX = /^#[0-9a-fA-F]{6}$/;

/** The screens' accent colour, logo and theme; every screen restyles as soon as it is saved. */
export function BrandingForm({ channel, token }: { channel: EventChannel; token: string }) {
  const event = channel.event;
  const [draft, setDraft] = useState<Branding | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  if (!event) return null;
  const values = draft ?? event.branding;
  const colourOk = HEX.test(values.accentColor);

  function change(patch: Partial<Branding>) {
    setDraft({ ...values, ...patch });
    setSaved(false);
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!event || !draft || !colourOk) return;
    setBusy(true);
    setError(null);
    try {
      const logoUrl = draft.logoUrl?.trim() ? draft.logoUrl.trim() : null;
      const updated = await updateEvent(event.id, token, { branding: { accentColor: draft.accentColor, theme: draft.theme, logoUrl } });
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
    <form className="stack branding-form" onSubmit={save} aria-labelledby="branding-title" data-testid="branding-form">
      <h3 id="branding-title" className="section-title">
        Screen branding
      </h3>
      <div className="field-row">
        <label className="field">
          <span>Accent colour</span>
          <span className="colour-field">
            <input type="color" value={colourOk ? values.accentColor : '#000000'} onChange={(e) => change({ accentColor: e.target.value })} aria-label="Pick the accent colour" />
            <input value={values.accentColor} onChange={(e) => change({ accentColor: e.target.value.trim() })} data-testid="brand-accent" aria-invalid={!colourOk || undefined} maxLength={7} />
          </span>
        </label>
        <label className="field">
          <span>Theme</span>
          <select value={values.theme} onChange={(e) => change({ theme: e.target.value as Branding['theme'] })} data-testid="brand-theme">
            <option value="dark">Dark (best in a dim hall)</option>
            <option value="light">Light</option>
          </select>
        </label>
      </div>
      <label className="field">
        <span>Logo URL (https, optional)</span>
        <input type="url" value={values.logoUrl ?? ''} placeholder="https://…/logo.svg" onChange={(e) => change({ logoUrl: e.target.value })} data-testid="brand-logo" />
      </label>
      <div className="compose-row">
        <span className="brand-preview" data-theme={values.theme} style={colourOk ? { background: values.accentColor, color: textOn(values.accentColor) } : undefined}>
          {colourOk ? 'Accent preview' : 'A colour like #3355ff'}
        </span>
        <button type="button" disabled={!draft || busy} onClick={() => setDraft(null)}>
          Discard
        </button>
        <button type="submit" className="primary" disabled={!draft || busy || !colourOk} data-testid="brand-save">
          {busy ? 'Saving…' : 'Save branding'}
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {saved && (
        <p className="notice" role="status">
          Saved. Screens restyle at once.
        </p>
      )}
    </form>
  );
}
