import { useEffect, useRef } from 'react';
import { AGENT_WORK_EVENTS, type AgentEvents } from '../../server/protocol/events.js';
import type { SessionAction } from '../state/session.js';
import type { LiveChannel } from './backend.js';

/** Server events that feed the session reducer as they are (the action type is the event name). */
const EVENTS = AGENT_WORK_EVENTS;

type LiveEvent = (typeof EVENTS)[number];
/** The action each event becomes; `dispatch` checks that the reducer takes the contract's payloads. */
type LiveAction = { [E in LiveEvent]: { type: E; payload: AgentEvents[E] } }[LiveEvent];

/**
 * Opens the /agent connection for the session's life and feeds every event and connection change
 * to the reducer. Listeners are attached before the first packet can arrive; socket.io reconnects
 * on its own, and the server's `chats:open` after each connect restores the chats.
 */
export function useLiveChannel(
  open: () => LiveChannel,
  dispatch: (a: SessionAction) => void,
): { current: LiveChannel | null } {
  const ref = useRef<LiveChannel | null>(null);
  useEffect(() => {
    const live = open();
    ref.current = live;
    const offs = EVENTS.map((event) => live.on(event, (payload) => dispatch({ type: event, payload } as LiveAction)));
    offs.push(live.onConnection((s) => dispatch({ type: 'connection', ...s })));
    return () => {
      for (const off of offs) off();
      live.close();
      ref.current = null;
    };
  }, [open, dispatch]);
  return ref;
}
