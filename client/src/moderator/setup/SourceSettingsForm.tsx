import { useEffect, useState, type FormEvent } from 'react';
import { LIMITS } from '../../../../shared/limits.ts';
import { describeError } from '../../lib/errors.ts';
import type { BcSocket } from '../../lib/socket.ts';
import {
  getSourceSettings,
  putSourceSettings,
  type SourceSettings,
  type SourceSettingsBody,
} from '../../lib/moderation-api.ts';

interface InstanceDraft {
  origin: string;
  tokenSet: boolean;
  /** A new token; empty keeps the stored one. */
  token: string;
  clearToken: boolean;
}

interface Draft {
  blueskyOn: boolean;
  blueskyMentions: string;
  mastodonOn: boolean;
  instances: InstanceDraft[];
  mastodonMentions: string;
  extraHashtags: string;
}

function fromSettings(s: SourceSettings): Draft {
  return {
    blueskyOn: s.bluesky.enabled,
    blueskyMentions: s.bluesky.mentions ?? '',
    mastodonOn: s.mastodon.enabled,
    instances: s.mastodon.instances.map((i) => ({ ...i, token: '', clearToken: false })),
    mastodonMentions: s.mastodon.mentions ?? '',
    extraHashtags: s.extraHashtags.map((t) => `#${t}`).join(' '),
  };
}

function toBody(d: Draft): SourceSettingsBody {
  const optional = (value: string) => (value.trim() ? value.trim() : null);
  return {
    bluesky: { enabled: d.blueskyOn, mentions: optional(d.blueskyMentions) },
    mastodon: {
      enabled: d.mastodonOn,
      instances: d.instances
        .filter((i) => i.origin.trim())
        .map((i) => ({
          origin: i.origin.trim(),
          // A token is write-only: left out, the stored one stays.
          ...(i.token.trim() ? { token: i.token.trim() } : i.clearToken ? { token: null } : {}),
        })),
      mentions: optional(d.mastodonMentions),
    },
    extraHashtags: d.extraHashtags
      .split(/[\s,]+/)
      .map((t) => t.replace(/^#+/, ''))
      .filter(Boolean),
  };
}

/**
 * Which networks the event takes posts from; the sources follow as soon as it is saved, and
 * every other console of the event shows what was saved (sources:updated).
 */
export function SourceSettingsForm({
  eventId,
  token,
  socket,
}: {
  eventId: number;
  token: string;
  socket: BcSocket | null;
}) {
  const [settings, setSettings] = useState<SourceSettings | null>(null);
  /** Another console saved while this one had unsaved changes. */
  const [savedElsewhere, setSavedElsewhere] = useState(false);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let stale = false;
    getSourceSettings(eventId, token)
      .then((loaded) => !stale && setSettings(loaded))
      .catch((failure) => !stale && setError(describeError(failure)));
    return () => {
      stale = true;
    };
  }, [eventId, token]);

  const editing = draft !== null;
  useEffect(() => {
    if (!socket) return undefined;
    const onUpdated = (next: SourceSettings) => {
      if (next.eventId !== eventId) return;
      setSettings(next);
      if (editing && !busy) setSavedElsewhere(true);
    };
    socket.on('sources:updated', onUpdated);
    return () => void socket.off('sources:updated', onUpdated);
  }, [socket, eventId, editing, busy]);

  if (!settings) return error ? <p className="field-error">{error}</p> : null;
  const values = draft ?? fromSettings(settings);

  function change(patch: Partial<Draft>) {
    setDraft({ ...values, ...patch });
    setSaved(false);
  }
  function changeInstance(index: number, patch: Partial<InstanceDraft>) {
    change({ instances: values.instances.map((i, n) => (n === index ? { ...i, ...patch } : i)) });
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    setBusy(true);
    setError(null);
    try {
      setSettings(await putSourceSettings(eventId, token, toBody(draft)));
      setDraft(null);
      setSaved(true);
      setSavedElsewhere(false);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="stack source-settings"
      onSubmit={save}
      aria-labelledby="source-settings-title"
      data-testid="source-settings"
    >
      <h3 id="source-settings-title" className="section-title">
        Networks for this event
      </h3>
      {!settings.custom && !draft && (
        <p className="hint">Following the server's defaults until saved here.</p>
      )}
      {savedElsewhere && draft && (
        <p className="hint" role="status" data-testid="source-settings-elsewhere">
          Another moderator saved these settings meanwhile; saving yours replaces theirs.
        </p>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={values.blueskyOn}
          onChange={(e) => change({ blueskyOn: e.target.checked })}
          data-testid="source-bluesky-on"
        />
        Bluesky (the public Jetstream, no account needed)
      </label>
      <label className="field">
        <span>Also take posts mentioning (Bluesky handle or DID, optional)</span>
        <input
          value={values.blueskyMentions}
          maxLength={LIMITS.accountName.max}
          placeholder="conf.bsky.social"
          onChange={(e) => change({ blueskyMentions: e.target.value })}
          data-testid="source-bluesky-mentions"
        />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={values.mastodonOn}
          onChange={(e) => change({ mastodonOn: e.target.checked })}
          data-testid="source-mastodon-on"
        />
        Mastodon (public hashtag timelines, polled)
      </label>
      <fieldset className="stack instance-list">
        <legend>Mastodon instances (up to {LIMITS.mastodonInstances.max})</legend>
        {values.instances.map((instance, index) => (
          <div className="field-row instance-row" key={index} data-testid="source-instance">
            <label className="field">
              <span>Instance</span>
              <input
                value={instance.origin}
                maxLength={LIMITS.instanceOrigin.max}
                placeholder="https://mastodon.social"
                onChange={(e) => changeInstance(index, { origin: e.target.value })}
                data-testid="source-instance-origin"
              />
            </label>
            <label className="field">
              <span>
                User token, optional: streams instead of polling
                {instance.tokenSet && !instance.clearToken ? ' (set)' : ''}
              </span>
              <input
                type="password"
                autoComplete="off"
                value={instance.token}
                maxLength={LIMITS.instanceToken.max}
                placeholder={instance.tokenSet ? 'set; type to replace' : 'none'}
                onChange={(e) => changeInstance(index, { token: e.target.value })}
                data-testid="source-instance-token"
              />
            </label>
            {instance.tokenSet && (
              <label className="check">
                <input
                  type="checkbox"
                  checked={instance.clearToken}
                  onChange={(e) => changeInstance(index, { clearToken: e.target.checked })}
                />
                Remove token
              </label>
            )}
            <button
              type="button"
              onClick={() => change({ instances: values.instances.filter((_, n) => n !== index) })}
              aria-label={`Remove instance ${instance.origin || index + 1}`}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          disabled={values.instances.length >= LIMITS.mastodonInstances.max}
          onClick={() =>
            change({
              instances: [
                ...values.instances,
                { origin: '', tokenSet: false, token: '', clearToken: false },
              ],
            })
          }
          data-testid="source-instance-add"
        >
          Add an instance
        </button>
      </fieldset>
      <label className="field">
        <span>Also take mentions of (Mastodon account; needs its token on its instance)</span>
        <input
          value={values.mastodonMentions}
          maxLength={LIMITS.accountName.max}
          placeholder="conf@mastodon.social"
          onChange={(e) => change({ mastodonMentions: e.target.value })}
          data-testid="source-mastodon-mentions"
        />
      </label>
      <label className="field">
        <span>Extra hashtags on the networks (up to {LIMITS.hashtagsPerEvent})</span>
        <input
          value={values.extraHashtags}
          placeholder="#devconf25 #hallwaytrack"
          onChange={(e) => change({ extraHashtags: e.target.value })}
          data-testid="source-extra-hashtags"
        />
      </label>
      <div className="compose-row">
        <button type="button" disabled={!draft || busy} onClick={() => setDraft(null)}>
          Discard
        </button>
        <button
          type="submit"
          className="primary"
          disabled={!draft || busy}
          data-testid="source-settings-save"
        >
          {busy ? 'Saving…' : 'Save networks'}
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="source-settings-error">
          {error}
        </p>
      )}
      {saved && (
        <p className="notice" role="status">
          Saved. The sources follow at once.
        </p>
      )}
    </form>
  );
}
