import { useEffect, useState } from 'react';
import { getArchiveNaming, setArchiveNaming } from '../lib/archive-api.ts';
import { describeError } from '../lib/errors.ts';
import { useMutation } from '../lib/useMutation.ts';
import { ArchiveProfileForm } from './ArchiveProfileForm.tsx';

interface Props {
  eventId: number;
  eventCode: string;
  token: string;
}

/**
 * The attendee's choice to be named in the event's public archive. Off until they turn it on:
 * until then their posts, questions and replies appear there without a name. Once on, they are
 * listed on the archive's people pages and may add an affiliation and a link.
 */
export function ArchiveNamingToggle({ eventId, eventCode, token }: Props) {
  const [named, setNamed] = useState<boolean | null>(null);
  const { busy, error, run, setError } = useMutation();

  useEffect(() => {
    let live = true;
    getArchiveNaming(eventId, token)
      .then((choice) => live && setNamed(choice.named))
      .catch((failure: unknown) => live && setError(describeError(failure)));
    return () => {
      live = false;
    };
  }, [eventId, token, setError]);

  async function change(next: boolean) {
    const choice = await run(() => setArchiveNaming(eventId, token, next));
    if (choice) setNamed(choice.named);
  }

  return (
    <div className="attendee-me archive-naming">
      <label className="check">
        <input
          type="checkbox"
          data-testid="archive-named"
          checked={named === true}
          disabled={named === null || busy}
          onChange={(e) => void change(e.target.checked)}
        />
        Show my name in the event&rsquo;s public archive
      </label>
      <span className="hint">
        {named
          ? 'Your name appears there, with a page listing what you asked, answered and posted (never your anonymous questions).'
          : 'Off: your words appear there without your name.'}
      </span>
      {named && <ArchiveProfileForm eventId={eventId} eventCode={eventCode} token={token} />}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
