/** "120 / 500", turning into a warning near the limit and an error past it. */
export function CharCounter({ id, length, max }: { id: string; length: number; max: number }) {
  const left = max - length;
  const state = left < 0 ? 'over' : left <= Math.max(10, Math.round(max * 0.1)) ? 'near' : 'ok';
  return (
    <span
      id={id}
      className="char-counter"
      data-state={state}
      aria-live={state === 'ok' ? 'off' : 'polite'}
    >
      {left < 0 ? `${-left} too many` : `${length} / ${max}`}
    </span>
  );
}
