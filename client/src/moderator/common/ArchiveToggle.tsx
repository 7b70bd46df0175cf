import type { ArchiveItemKind } from '../../../../shared/archive.ts';
import { setWithdrawn } from '../../lib/archive-api.ts';
import { useMutation } from '../../lib/useMutation.ts';
import { useConsole } from './console-context.tsx';

interface Props {
  kind: ArchiveItemKind;
  id: number;
  withdrawn: boolean;
}

/**
 * Withdraws an item from the public archive (its feeds and search too), or restores it. The
 * item stays where it is live; the server's broadcast brings the new state to every console.
 */
export function ArchiveToggle({ kind, id, withdrawn }: Props) {
  const { eventId, token } = useConsole();
  const { busy, error, run } = useMutation();
  return (
    <>
      <button
        type="button"
        className="small"
        data-testid="archive-toggle"
        data-withdrawn={withdrawn || undefined}
        disabled={busy}
        aria-label={`${withdrawn ? 'Restore' : 'Withdraw'} ${kind} ${id} ${withdrawn ? 'to' : 'from'} the archive`}
        onClick={(e) => {
          e.stopPropagation();
          void run(() => setWithdrawn(eventId, token, { kind, id, withdrawn: !withdrawn }));
        }}
      >
        {withdrawn ? 'Restore to archive' : 'Withdraw from archive'}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
