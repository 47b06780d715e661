import { useEffect, useRef } from 'react';
import { AGENT_WORK_EVENTS, type AgentEvents } from '../../server/protocol/events.js';
import type { SessionAction } from '../state/session.js';
import type { LiveChannel } from './backend.js';

/** Server events that feed the session reducer as they are (the action type is the event name). */
const EVENTS = AGENT_WORK_EVENTS;

type LiveEvent = (typeof EVENTS)[number];
/** The action each event becomes; `dispatch` checks that the reducer takes the contract's payloads. */
type LiveAction = { [E in LiveEvent]: { type: E; payload: AgentEvents[E] } }[LiveEvent];

export interface LiveChannelHooks {
  /** The token expired (`auth:expired`; the server closes the connection next). */
  onExpired(): void;
  /** The server ended the session and says why (`auth:revoked`; it closes the connection next). */
  onRevoked(reason: AgentEvents['auth:revoked']['reason']): void;
  /** The server closed the connection on purpose (`io server disconnect`): socket.io will not reconnect. */
  onServerClose(live: LiveChannel): void;
}

/**
 * Opens the /agent connection for the session's life and feeds every event and connection change
 * to the reducer. Listeners are attached before the first packet can arrive; socket.io reconnects
 * on its own, and the server's `chats:open` after each connect restores the chats.
 */
export function useLiveChannel(
  open: () => LiveChannel,
  dispatch: (a: SessionAction) => void,
  hooks: LiveChannelHooks,
): { current: LiveChannel | null } {
  const ref = useRef<LiveChannel | null>(null);
  const latest = useRef(hooks);
  latest.current = hooks;
  useEffect(() => {
    const live = open();
    ref.current = live;
    const offs = EVENTS.map((event) => live.on(event, (payload) => dispatch({ type: event, payload } as LiveAction)));
    offs.push(live.on('chat:presence', (payload) => dispatch({ type: 'chat:presence', payload })));
    offs.push(live.on('chat:typing', (payload) => dispatch({ type: 'chat:typing', payload })));
    offs.push(live.on('chat:rated', (payload) => dispatch({ type: 'chat:rated', payload })));
    offs.push(live.on('offline-message', (payload) => dispatch({ type: 'offline-message', payload })));
    offs.push(live.on('auth:expired', () => latest.current.onExpired()));
    offs.push(live.on('auth:revoked', (p) => latest.current.onRevoked(p.reason)));
    offs.push(
      live.onConnection((s) => {
        dispatch({ type: 'connection', connected: s.connected, error: s.error });
        if (s.reason === 'io server disconnect') latest.current.onServerClose(live);
      }),
    );
    return () => {
      for (const off of offs) off();
      live.close();
      ref.current = null;
    };
  }, [open, dispatch]);
  return ref;
}
