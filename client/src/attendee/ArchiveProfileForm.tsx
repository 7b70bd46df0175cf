import { useEffect, useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/limits.ts';
import { personLink } from '../../../shared/people.ts';
import { getProfile, setProfile } from '../lib/archive-api.ts';
import { describeError } from '../lib/errors.ts';
import { useMutation } from '../lib/useMutation.ts';
import type { Profile } from '../../../shared/schemas/people.ts';

interface Props {
  eventId: number;
  eventCode: string;
  token: string;
}

/**
 * What a named attendee adds to their page in the public archive: an affiliation and one https
 * link, both optional (empty clears). The link is checked here by the same rule as the server's
 * (shared/people.ts), so a typo is caught before it is sent.
 */
export function ArchiveProfileForm({ eventId, eventCode, token }: Props) {
  const [profile, setShown] = useState<Profile | null>(null);
  const [affiliation, setAffiliation] = useState('');
  const [link, setLink] = useState('');
  const [saved, setSaved] = useState(false);
  const { busy, error, run, setError } = useMutation();

  useEffect(() => {
    let live = true;
    getProfile(eventId, token)
      .then((loaded) => {
        if (!live) return;
        setShown(loaded);
        setAffiliation(loaded.affiliation ?? '');
        setLink(loaded.link ?? '');
      })
      .catch((failure: unknown) => live && setError(describeError(failure)));
    return () => {
      live = false;
    };
  }, [eventId, token, setError]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const typed = link.trim();
    if (typed !== '' && !personLink(typed)) {
      setError('The link must be an https:// web address.');
      return;
    }
    const next = await run(() =>
      setProfile(eventId, token, { affiliation: affiliation.trim() || null, link: typed || null }),
    );
    if (next) {
      setShown(next);
      setAffiliation(next.affiliation ?? '');
      setLink(next.link ?? '');
      setSaved(true);
    }
  }

  const page = profile?.person
    ? `/e/${encodeURIComponent(eventCode)}/archive/people/${encodeURIComponent(profile.person)}.html`
    : null;
  return (
    <form className="archive-profile" onSubmit={save} noValidate data-testid="archive-profile">
      <label>
        <span>Affiliation</span>
        <input
          data-testid="archive-affiliation"
          value={affiliation}
          onChange={(e) => setAffiliation(e.target.value)}
          maxLength={LIMITS.affiliation.max}
          placeholder="Where you work or study (optional)"
          autoComplete="organization"
          disabled={profile === null}
        />
      </label>
      <label>
        <span>Link</span>
        <input
          data-testid="archive-link"
          type="url"
          inputMode="url"
          value={link}
          onChange={(e) => setLink(e.target.value)}
          maxLength={LIMITS.personLink.max}
          placeholder="https://… (optional)"
          autoComplete="url"
          disabled={profile === null}
        />
      </label>
      <button type="submit" disabled={profile === null || busy} data-testid="archive-profile-save">
        {busy ? 'Saving…' : 'Save'}
      </button>
      <span className="hint" role="status">
        {saved ? 'Saved. ' : ''}
        {page && (
          <>
            Shown on <a href={page}>your page in the archive</a> once something of yours is public.
          </>
        )}
      </span>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
