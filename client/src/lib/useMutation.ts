import { useCallback, useState } from 'react';
import { describeError } from './errors.ts';

/**
 * One write at a time with its pending and error state, so a control does not write its own
 * busy/error dance. `run` resolves to the work's result, or undefined when it failed (the
 * error is then in `error`, described for people, unless `onFailure` takes the failure: a form
 * that puts the server's reasons next to its fields, or hands a refused key to its page).
 */
export function useMutation() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async <T>(
      work: () => Promise<T>,
      onFailure?: (failure: unknown) => void,
    ): Promise<T | undefined> => {
      setBusy(true);
      setError(null);
      try {
        return await work();
      } catch (failure) {
        if (onFailure) onFailure(failure);
        else setError(describeError(failure));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [],
  );
  return { busy, error, run, setError };
}
