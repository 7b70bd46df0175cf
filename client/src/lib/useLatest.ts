import { useLayoutEffect, useRef } from 'react';

/**
 * A ref that always holds the latest value, for callbacks and effects that must read it
 * without re-subscribing. Written after each commit (never during render, which React may
 * repeat or throw away); layout effects run before passive ones, so every effect sees it.
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
