import { useState } from 'react';
import { toAppError, type AppError } from '../lib/errors.ts';
import type { EventAccess, KeyKind } from '../lib/types.ts';
import { rotateKeys } from './admin-api.ts';
import { useMutation } from '../lib/useMutation.ts';

const KINDS: Array<{ kind: KeyKind; label: string }> = [
  { kind: 'moderator', label: 'Moderator key' },
  { kind: 'speaker', label: 'Speaker keys (every talk)' },
  { kind: 'apiKey', label: 'API key' },
];

/**
 * Replaces an event's keys after a link went where it should not. Two steps, since the old
 * links stop working at once, open consoles included.
 */
export function RotateKeys({
  token,
  access,
  onRotated,
  onRefused,
}: {
  token: string;
  access: EventAccess;
  onRotated: (access: EventAccess) => void;
  onRefused: (error: AppError) => void;
}) {
  const [chosen, setChosen] = useState<KeyKind[]>(KINDS.map((k) => k.kind));
  const [confirming, setConfirming] = useState(false);
  const { busy, run } = useMutation();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const id = access.event.id;

  async function rotate() {
    setMessage(null);
    const next = await run(
      () => rotateKeys(token, id, chosen),
      (failure) => {
        const error = toAppError(failure);
        if (error.status === 401 || error.status === 403) onRefused(error);
        else setMessage({ ok: false, text: error.message });
      },
    );
    if (!next) return;
    onRotated(next);
    setMessage({ ok: true, text: 'Replaced. Send the new links; the old ones no longer work.' });
    setConfirming(false);
  }

  return (
    <details className="admin-rotate" data-testid="admin-rotate">
      <summary>Replace keys…</summary>
      <fieldset className="admin-choice">
        <legend>Which keys</legend>
        {KINDS.map(({ kind, label }) => (
          <label key={kind} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(kind)}
              data-testid={`admin-rotate-${kind}`}
              onChange={(e) => {
                setConfirming(false);
                setChosen((current) =>
                  e.target.checked
                    ? KINDS.map((k) => k.kind).filter((k) => k === kind || current.includes(k))
                    : current.filter((k) => k !== kind),
                );
              }}
            />
            {label}
          </label>
        ))}
      </fieldset>
      {confirming ? (
        <div className="admin-rotate-confirm" role="group" aria-label="Confirm">
          <p>
            The old links stop working now, on every device that has them. Replace the checked keys?
          </p>
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() => void rotate()}
            data-testid="admin-rotate-confirm"
          >
            {busy ? 'Replacing…' : 'Replace now'}
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button
          type="button"
          disabled={chosen.length === 0}
          onClick={() => setConfirming(true)}
          data-testid="admin-rotate-start"
        >
          Replace the checked keys
        </button>
      )}
      {message && (
        <p
          className={message.ok ? 'hint' : 'banner error'}
          role={message.ok ? 'status' : 'alert'}
          data-testid="admin-rotate-message"
        >
          {message.text}
        </p>
      )}
    </details>
  );
}
