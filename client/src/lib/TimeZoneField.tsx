import { useId } from 'react';
import { isTimeZone } from '../../../shared/schedule.ts';

/** Every zone this browser knows, for the suggestions; the server checks the name again. */
const ZONES: string[] = (() => {
  try {
    return (
      (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ??
      []
    );
  } catch {
    return [];
  }
})();

/** The browser's own zone: the likeliest answer for an organiser setting up where they are. */
export const BROWSER_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** An IANA time zone name with suggestions; says at once when a name is not a zone. */
export function TimeZoneField({
  value,
  onChange,
  testId,
}: {
  value: string;
  onChange: (zone: string) => void;
  testId: string;
}) {
  const listId = useId();
  const hintId = useId();
  const bad = value.trim() !== '' && !isTimeZone(value.trim());
  return (
    <>
      <label className="field">
        <span>Time zone of the schedule</span>
        <input
          value={value}
          onChange={(e) => onChange(e.target.value)}
          list={listId}
          data-testid={testId}
          placeholder="Europe/Berlin"
          maxLength={64}
          aria-invalid={bad || undefined}
          aria-describedby={hintId}
        />
        <datalist id={listId}>
          {ZONES.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </label>
      <p id={hintId} className={bad ? 'field-error' : 'hint'}>
        {bad
          ? 'Not a time zone: pick one from the list, like Europe/Berlin.'
          : 'Session times are entered and shown in this zone.'}
      </p>
    </>
  );
}
