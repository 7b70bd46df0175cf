import { useState } from 'react';
import { describeError } from './errors.ts';

interface Props {
  /** Whether the list has more pages than are shown. */
  hasMore: boolean;
  shown: number;
  total: number;
  loadMore: () => Promise<void>;
}

/** "Show more questions": a session's list comes a page at a time. */
export function LoadMore({ hasMore, shown, total, loadMore }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!hasMore) return null;
  async function more() {
    setBusy(true);
    setError(null);
    try {
      await loadMore();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }
  return (
    <p className="load-more">
      <button type="button" onClick={() => void more()} disabled={busy}>
        {busy ? 'Loading…' : `Show more questions (${shown} of ${total})`}
      </button>
      {error && <span role="alert"> {error}</span>}
    </p>
  );
}
