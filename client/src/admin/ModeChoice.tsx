import type { ModerationMode } from '../lib/types.ts';

/** Pre or post moderation as two radios: the choice reads as what happens, not as jargon. */
export function ModeChoice(props: {
  legend: string;
  name: string;
  testId: string;
  value: ModerationMode;
  onChange: (mode: ModerationMode) => void;
}) {
  const { legend, name, testId, value, onChange } = props;
  return (
    <fieldset className="admin-choice" data-testid={testId}>
      <legend>{legend}</legend>
      <label className="check">
        <input
          type="radio"
          name={name}
          value="pre"
          checked={value === 'pre'}
          onChange={() => onChange('pre')}
        />
        Held for approval (pre)
      </label>
      <label className="check">
        <input
          type="radio"
          name={name}
          value="post"
          checked={value === 'post'}
          onChange={() => onChange('post')}
        />
        Shown at once (post)
      </label>
    </fieldset>
  );
}
