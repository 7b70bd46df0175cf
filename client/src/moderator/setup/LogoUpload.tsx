import { useRef } from 'react';
import { LIMITS } from '../../../../shared/limits.ts';
import { removeLogo, uploadLogo } from '../../lib/api.ts';
import { logoOf } from '../../lib/brand.ts';
import { useConsole } from '../common/console-context.tsx';
import { useMutation } from '../../lib/useMutation.ts';
import type { Event } from '../../lib/types.ts';

const ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,image/svg+xml';
const MIB = 1024 * 1024;

/** The event's logo as a file: uploaded at once, shown on every screen and app page. */
export function LogoUpload() {
  const { channel, event, token } = useConsole();
  const mutation = useMutation();
  const { busy, error, setError } = mutation;
  const input = useRef<HTMLInputElement>(null);
  const shown = logoOf(event);
  const uploaded = event.branding.uploadedLogoUrl !== null;

  async function run(work: () => Promise<Event>) {
    const updated = await mutation.run(work);
    if (input.current) input.current.value = '';
    if (updated) channel.dispatch({ type: 'event', event: updated });
  }

  function chosen(file: File | undefined) {
    if (!file) return;
    // Said here at once; the server checks again (and reads the type from the bytes).
    if (file.size > LIMITS.logoBytes) {
      setError(`That file has ${(file.size / MIB).toFixed(1)} MiB; a logo may have 1 MiB.`);
      return;
    }
    void run(() => uploadLogo(event.id, token, file));
  }

  return (
    <div className="field logo-upload" data-testid="logo-upload">
      <span>Logo file (PNG, JPEG, GIF, WebP or SVG, at most 1 MiB)</span>
      <div className="compose-row">
        {shown && <img className="logo-preview" src={shown} alt="Current logo" />}
        <input
          ref={input}
          type="file"
          accept={ACCEPT}
          disabled={busy}
          aria-label="Upload a logo file"
          data-testid="brand-logo-file"
          onChange={(e) => chosen(e.target.files?.[0])}
        />
        {uploaded && (
          <button
            type="button"
            className="small"
            disabled={busy}
            data-testid="brand-logo-remove"
            onClick={() => void run(() => removeLogo(event.id, token))}
          >
            Remove uploaded logo
          </button>
        )}
      </div>
      {busy && <p role="status">Uploading…</p>}
      {error && (
        <p className="field-error" role="alert" data-testid="brand-logo-error">
          {error}
        </p>
      )}
      {uploaded && (
        <p className="hint">The uploaded file is shown instead of the logo URL below.</p>
      )}
    </div>
  );
}
