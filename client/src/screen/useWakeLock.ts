import { useEffect } from 'react';

/**
 * Keeps the laptop driving the projector from dimming or sleeping during a long day. The lock
 * is released whenever the tab is hidden, so it is asked for again when the screen comes back.
 * Where the browser refuses (no support, no permission), the screen simply carries on.
 */
export function useWakeLock(): void {
  useEffect(() => {
    if (!('wakeLock' in navigator)) return undefined;
    let lock: WakeLockSentinel | null = null;
    let stopped = false;
    const request = () => {
      if (stopped || document.visibilityState !== 'visible') return;
      navigator.wakeLock
        .request('screen')
        .then((sentinel) => {
          if (stopped) void sentinel.release();
          else lock = sentinel;
        })
        .catch(() => undefined);
    };
    request();
    document.addEventListener('visibilitychange', request);
    return () => {
      stopped = true;
      document.removeEventListener('visibilitychange', request);
      void lock?.release();
    };
  }, []);
}
