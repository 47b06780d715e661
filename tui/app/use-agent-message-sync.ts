import { useEffect, useRef } from 'react';
import { ApiError } from '../client/errors.js';
import type { SessionAction, SessionState } from '../state/session.js';
import type { StaffApi } from './backend.js';

/**
 * Agent messages arrive live (`agent-message`); this is the fallback: the history once at start,
 * then `GET /api/agent-messages?after=<cursor>` every `pollMs` and after every reconnect. Polls run
 * one at a time, so the history is always read before anything counts as new.
 */
export function useAgentMessageSync(
  api: StaffApi,
  dispatch: (a: SessionAction) => void,
  get: () => SessionState,
  connection: SessionState['connection']['state'],
  pollMs: number,
): void {
  const chain = useRef<Promise<void>>(Promise.resolve());
  const poll = useRef<(initial: boolean) => void>(() => undefined);

  useEffect(() => {
    let stopped = false;
    const pollOnce = (initial: boolean) => {
      chain.current = chain.current.then(async () => {
        if (stopped) return;
        const cursor = get().agentMessages.cursor;
        try {
          const messages = await api.listAgentMessages(cursor);
          if (!stopped) dispatch({ type: 'agent-messages:page', messages, initial });
        } catch (e) {
          // The cursor's message is gone (deleted with its account): start over; duplicates are dropped.
          if (!stopped && cursor && e instanceof ApiError && e.status === 400) {
            dispatch({ type: 'agent-messages:reset-cursor' });
          }
        }
      });
    };
    pollOnce(true);
    api.listColleagues(get().me.role).then(
      (list) => !stopped && list && dispatch({ type: 'colleagues', list }),
      () => undefined,
    );
    const timer = setInterval(() => pollOnce(false), pollMs);
    poll.current = pollOnce;
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [api, dispatch, get, pollMs]);

  const wasConnected = useRef(false);
  useEffect(() => {
    if (connection !== 'connected') return;
    // Each (re)connect: whatever was sent while the connection was down, and the account as it is now.
    if (wasConnected.current) poll.current(false);
    wasConnected.current = true;
    api.me().then(
      (me) => dispatch({ type: 'me', me }),
      () => undefined,
    );
  }, [connection, api, dispatch]);
}
