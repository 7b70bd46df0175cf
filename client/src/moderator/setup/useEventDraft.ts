import { useState } from 'react';
import { updateEvent } from '../../lib/api.ts';
import type { Event } from '../../lib/types.ts';
import { useMutation } from '../../lib/useMutation.ts';
import { useConsole } from '../common/console-context.tsx';

/**
 * A form over the event's own fields (settings, branding): the draft is null while untouched,
 * so a change another moderator makes shows up at once; saving sends the draft through
 * updateEvent with its pending, error and saved state.
 */
export function useEventDraft<D extends object>(fromEvent: (event: Event) => D) {
  const { channel, event, token } = useConsole();
  const [draft, setDraft] = useState<D | null>(null);
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useMutation();
  const values = draft ?? fromEvent(event);

  function change(patch: Partial<D>) {
    setDraft({ ...values, ...patch });
    setSaved(false);
  }

  async function save(body: (draft: D) => Parameters<typeof updateEvent>[2]) {
    if (!draft) return;
    const updated = await run(() => updateEvent(event.id, token, body(draft)));
    if (!updated) return;
    channel.dispatch({ type: 'event', event: updated });
    setDraft(null);
    setSaved(true);
  }

  return { values, draft, busy, error, saved, change, discard: () => setDraft(null), save };
}
