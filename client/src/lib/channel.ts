import { useEffect, useMemo, useReducer, useState } from 'react';
import { useLatest } from './useLatest.ts';
import {
  cachedChannel,
  createChannelReducer,
  fromCache,
  initialChannelState,
  type CachedChannel,
  type ChannelAction,
  type ChannelState,
} from './channel-state.ts';
import { readCache, useSaveForOffline } from './offline-cache.ts';
import type { AppError } from './errors.ts';
import { handshakeError, openSocket, type BcSocket } from './socket.ts';

export interface EventChannel extends ChannelState {
  socket: BcSocket | null;
  dispatch: (action: ChannelAction) => void;
}

interface ChannelOptions {
  /** undefined: a public socket. */
  token?: string | null;
  /** Hold the connection until a credential is ready. */
  enabled?: boolean;
  maxPosts?: number;
  /** The server refused the handshake (bad or revoked credential, unknown event). */
  onRefused?: (error: AppError) => void;
  /** Keep the last state under this key, and start from it, so a reload offline shows something. */
  cacheKey?: string;
}

const RECONNECT_AFTER_SERVER_CLOSE_MS = 1500;

/**
 * One socket for one event: keeps event, sessions and posts current from the snapshot and the
 * broadcasts. Every (non-recovered) connect brings a fresh snapshot, which replaces the state,
 * so a reconnect never needs a reload.
 */
export function useEventChannel(code: string, options: ChannelOptions = {}): EventChannel {
  const { token, enabled = true, maxPosts = 200, onRefused, cacheKey } = options;
  const reducer = useMemo(() => createChannelReducer(maxPosts), [maxPosts]);
  const [state, dispatch] = useReducer(reducer, cacheKey, (key) => {
    const cached = key ? readCache<CachedChannel>(key) : null;
    return cached ? fromCache(cached.data, cached.savedAt) : initialChannelState;
  });
  const toCache = useMemo(() => cachedChannel(state), [state]);
  useSaveForOffline(cacheKey ?? null, toCache, state.connection === 'live');
  const [socket, setSocket] = useState<BcSocket | null>(null);
  const onRefusedRef = useLatest(onRefused);

  useEffect(() => {
    if (!enabled) return undefined;
    const socket = openSocket(code, token);
    let everConnected = false;
    let retryTimer: number | undefined;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the socket is the external system this effect opens
    setSocket(socket);
    dispatch({ type: 'connection', connection: 'connecting' });

    socket.on('connect', () => {
      everConnected = true;
      dispatch({ type: 'connection', connection: 'live' });
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return;
      dispatch({ type: 'connection', connection: 'reconnecting' });
      // socket.io does not retry after the server closed the socket on purpose; a restart or a
      // deploy looks exactly like that, so try again once, and let the handshake decide.
      if (reason === 'io server disconnect') {
        retryTimer = window.setTimeout(() => socket.connect(), RECONNECT_AFTER_SERVER_CLOSE_MS);
      }
    });
    socket.on('connect_error', (error) => {
      if (socket.active) {
        dispatch({ type: 'connection', connection: everConnected ? 'reconnecting' : 'connecting' });
        return;
      }
      const failure = handshakeError(error);
      dispatch({ type: 'connection', connection: 'failed', failure });
      onRefusedRef.current?.(failure);
    });
    socket.on('event:snapshot', (snapshot) => dispatch({ type: 'snapshot', snapshot }));
    socket.on('event:updated', (event) => dispatch({ type: 'event', event }));
    socket.on('screen:updated', (screen) => dispatch({ type: 'screen', screen }));
    socket.on('address:updated', (notice) => dispatch({ type: 'address-notice', notice }));
    socket.on('session:updated', (session) => dispatch({ type: 'session', session }));
    socket.on('session:removed', ({ id }) => dispatch({ type: 'session-removed', id }));
    socket.on('post:created', (post) => dispatch({ type: 'post', post }));
    socket.on('post:updated', (post) => dispatch({ type: 'post', post }));
    // Screens and attendees get the wall in batches; moderators and authors get single posts.
    socket.on('posts:changed', ({ upserted, removed }) =>
      dispatch({ type: 'wall', upserted, removed }),
    );
    // An attendee follows their own questions in every session, whichever one is on screen.
    socket.on('question:created', (question) => dispatch({ type: 'question', question }));
    socket.on('question:updated', (question) => dispatch({ type: 'question', question }));
    socket.on('question:removed', ({ id }) => dispatch({ type: 'question-removed', id }));

    const offline = () => dispatch({ type: 'connection', connection: 'reconnecting' });
    const online = () => {
      if (socket.connected) dispatch({ type: 'connection', connection: 'live' });
      else if (!socket.active) socket.connect();
    };
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);

    return () => {
      window.clearTimeout(retryTimer);
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      socket.removeAllListeners();
      socket.disconnect();
      setSocket(null);
    };
  }, [code, token, enabled, onRefusedRef]);

  return { ...state, socket, dispatch };
}
