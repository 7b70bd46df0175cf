import { LIMITS } from '../../../../shared/limits.ts';

export interface SessionNames {
  title: string;
  speaker: string;
  room: string;
}

export const NO_NAMES: SessionNames = { title: '', speaker: '', room: '' };

/** Title, speaker and room: the fields a new session and a session being edited share. */
export function SessionFields({
  value,
  onChange,
  testId,
  roomRequired = false,
}: {
  value: SessionNames;
  onChange: (next: SessionNames) => void;
  /** The prefix of each field's test id: `session` gives session-title, session-speaker … */
  testId: string;
  roomRequired?: boolean;
}) {
  const set = (patch: Partial<SessionNames>) => onChange({ ...value, ...patch });
  return (
    <>
      <label className="field">
        <span>Title</span>
        <input
          data-testid={`${testId}-title`}
          value={value.title}
          onChange={(e) => set({ title: e.target.value })}
          maxLength={LIMITS.sessionTitle.max}
          required
        />
      </label>
      <div className="field-row">
        <label className="field">
          <span>Speaker</span>
          <input
            data-testid={`${testId}-speaker`}
            value={value.speaker}
            onChange={(e) => set({ speaker: e.target.value })}
            maxLength={LIMITS.speakerName.max}
          />
        </label>
        <label className="field">
          <span>Room</span>
          <input
            data-testid={`${testId}-room`}
            value={value.room}
            onChange={(e) => set({ room: e.target.value })}
            maxLength={LIMITS.room.max}
            required={roomRequired}
          />
        </label>
      </div>
    </>
  );
}
