import { useEffect, useRef, useState } from 'react';

/**
 * A destructive action asked twice: the first press turns the button into "<confirm>?" with a
 * Cancel beside it, the second does it. No browser dialog, so it works from the keyboard and
 * on every screen the same way.
 */
export function ConfirmButton({
  label,
  confirm,
  onConfirm,
  testId,
  disabled = false,
}: {
  label: string;
  confirm: string;
  onConfirm: () => void | Promise<void>;
  testId: string;
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  if (!asking)
    return (
      <button
        type="button"
        className="destructive"
        data-testid={testId}
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  return (
    <span className="confirm-pair" role="group" aria-label={confirm}>
      <button
        ref={confirmRef}
        type="button"
        className="destructive armed"
        data-testid={`${testId}-confirm`}
        onClick={() => {
          setAsking(false);
          void onConfirm();
        }}
      >
        {confirm}
      </button>
      <button type="button" data-testid={`${testId}-cancel`} onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
